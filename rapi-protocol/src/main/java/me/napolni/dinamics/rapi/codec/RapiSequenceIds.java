package me.napolni.dinamics.rapi.codec;

/**
 * Sequence ids for requests (RAPI.md 1.4): 01..FF in turn, skipping the reserved 00, starting each connection at
 * a random value so that a late reply meant for an earlier process cannot match. Not thread-safe: the one thread
 * that sends requests owns it.
 * <pre>{@code
 * RapiSequenceIds ids = RapiSequenceIds.startingAt(random.nextInt());
 * int id = ids.next();                                   // send with this id
 * if (RapiSequenceIds.matches(id, reply.seqId())) { ... }  // else the reply is stale or foreign
 * }</pre>
 */
public final class RapiSequenceIds {
    /** The lowest id. */
    public static final int MIN_ID = 0x01;
    /** The highest id. */
    public static final int MAX_ID = 0xFF;

    private int last;

    private RapiSequenceIds(int last) {
        this.last = last;
    }

    /**
     * A generator whose first id is derived from {@code seed} (any int, e.g. a random one); always 1..255.
     *
     * @param seed any value; the first id is {@code seed} folded into 1..255
     * @return a new generator
     */
    public static RapiSequenceIds startingAt(int seed) {
        int first = Math.floorMod(seed, MAX_ID) + MIN_ID;       // 1..255
        return new RapiSequenceIds(first - 1);
    }

    /**
     * The next id: one more than the last, wrapping from FF to 01 (never 00).
     *
     * @return an id in 1..255
     */
    public int next() {
        last = last >= MAX_ID ? MIN_ID : last + 1;
        return last;
    }

    /**
     * The id {@link #next()} returned last.
     *
     * @return the last id, or the one before the first if none was issued yet (0 is possible then)
     */
    public int last() {
        return last;
    }

    /**
     * Whether a value can be sent as an id.
     *
     * @param id a candidate
     * @return true for 1..255
     */
    public static boolean isValid(int id) {
        return id >= MIN_ID && id <= MAX_ID;
    }

    /**
     * The matching rule: a reply completes a request only if it carries exactly the request's id (compared as
     * numbers, since the controller echoes ids in upper case). A reply without an id ({@link RapiFrame#NO_SEQ})
     * never matches a request that had one.
     *
     * @param requestId the id sent, or {@link RapiFrame#NO_SEQ} when ids are off
     * @param replyId   the reply's {@link RapiFrame#seqId()}
     * @return whether the reply belongs to the request
     */
    public static boolean matches(int requestId, int replyId) {
        return requestId == replyId;
    }
}
