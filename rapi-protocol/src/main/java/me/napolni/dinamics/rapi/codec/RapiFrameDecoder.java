package me.napolni.dinamics.rapi.codec;

import me.napolni.dinamics.rapi.internal.Ascii;

/**
 * Decodes RAPI frames one byte at a time into a reused {@link RapiFrame} (RAPI.md 1.9).
 * <pre>
 *   $ SC ␠16 ␠V [␠:ss] [^XX | *XX] CR
 *   │ │  └params┘ seq id  checksum   end
 *   │ └ command
 *   └ start: a '$' anywhere restarts the frame
 * </pre>
 *
 * <p>Each byte yields at most one outcome: {@link #NEED_MORE_BYTES}, {@link #FRAME_READY} (read {@link #frame()})
 * or {@link #MALFORMED} (read {@link #lastError()}). The decoder never throws, never buffers more than its
 * profile's longest frame, counts (never stores) bytes outside frames, and starts afresh on every {@code $}.
 * Decoding allocates nothing. One decoder belongs to one reading thread.
 * <pre>{@code
 * RapiFrameDecoder decoder = RapiFrameDecoder.forReplies();
 * for (int i = 0; i < n; i++) {
 *     int status = decoder.onByte(buffer[i]);
 *     if (status == RapiFrameDecoder.FRAME_READY) {
 *         handle(decoder.frame());              // valid until the next onByte
 *     } else if (status == RapiFrameDecoder.MALFORMED) {
 *         count(decoder.lastError());
 *     }
 * }
 * }</pre>
 */
public final class RapiFrameDecoder {
    /** Outcome of a byte that completed nothing: keep feeding. */
    public static final int NEED_MORE_BYTES = 0;
    /** Outcome of the CR that completed a valid frame: read it from {@link #frame()}. */
    public static final int FRAME_READY = 1;
    /** Outcome of a byte that revealed an anomaly: the reason is {@link #lastError()}. */
    public static final int MALFORMED = -1;

    private static final int HUNT = 0;
    private static final int FRAME = 1;
    private static final int SKIP = 2;
    private static final int NO_MARKER = -1;
    private static final int NO_CHECK_VALUE = -1;
    private static final int OUTSIDE_FRAME = Integer.MAX_VALUE;
    /**
     * Bytes that a frame being collected simply stores: everything but control bytes (CR among them), DEL,
     * {@code $} and the checksum markers. Spaces are plain too: the tokens are found once, at the CR.
     */
    private static final boolean[] PLAIN = plainBytes();

    private final RapiFrameProfile profile;
    private final int maxFrameBytes;
    private final int maxTokens;
    private final byte[] buffer;
    private final int[] tokenStarts;
    private final int[] tokenEnds;
    private final RapiFrame frame;
    private int state = HUNT;
    /**
     * Bytes collected while in a frame; OUTSIDE_FRAME otherwise, so that the per-byte fast path needs one test
     * ({@code length < buffer.length}) for both "in a frame" and "room left".
     */
    private int length = OUTSIDE_FRAME;
    /** Index of the first '^' or '*' of the frame being collected, or NO_MARKER. */
    private int marker;
    private boolean discarded;
    private RapiDecodeError lastError = RapiDecodeError.NONE;

    private RapiFrameDecoder(RapiFrameProfile profile) {
        this.profile = profile;
        this.maxFrameBytes = profile.maxFrameBytes();
        this.maxTokens = profile.maxTokens();
        this.buffer = new byte[maxFrameBytes];
        this.tokenStarts = new int[maxFrameBytes];
        this.tokenEnds = new int[maxFrameBytes];
        this.frame = new RapiFrame(buffer, tokenStarts, tokenEnds);
    }

    private static boolean[] plainBytes() {
        boolean[] plain = new boolean[256];
        for (int u = 0; u < plain.length; u++) {
            plain[u] = !Ascii.isControl(u) && u != '$' && u != '^' && u != '*';
        }
        return plain;
    }

    /**
     * A decoder with the given profile.
     *
     * @param profile the limits of the receiving side
     * @return a new decoder in its start state
     */
    public static RapiFrameDecoder of(RapiFrameProfile profile) {
        return new RapiFrameDecoder(profile);
    }

    /**
     * A decoder for what a client sends (the emulator's side): 31 bytes, 10 tokens.
     *
     * @return a new command-side decoder
     */
    public static RapiFrameDecoder forCommands() {
        return new RapiFrameDecoder(RapiFrameProfile.COMMAND_SIDE);
    }

    /**
     * A decoder for what a controller sends (the client's side): 63 bytes, no token limit.
     *
     * @return a new reply-side decoder
     */
    public static RapiFrameDecoder forReplies() {
        return new RapiFrameDecoder(RapiFrameProfile.REPLY_SIDE);
    }

    /**
     * Feeds one byte.
     *
     * @param b the next byte from the line
     * @return {@link #NEED_MORE_BYTES}, {@link #FRAME_READY} or {@link #MALFORMED}
     */
    public int onByte(byte b) {
        // Kept tiny so that the JIT inlines it into the caller's read loop: most bytes of a frame take this path.
        int n = length;
        byte[] buf = buffer;
        if (n < buf.length && PLAIN[b & 0xFF]) {
            buf[n] = b;
            length = n + 1;
            return NEED_MORE_BYTES;
        }
        return onSpecialByte(b);
    }

    /**
     * Every byte the fast path does not store: outside a frame, '$', markers, control bytes, overflow, and the CR
     * that ends a frame, whose per-frame work (checksum, command, tokens, sequence id, token limit, in that
     * order of verdicts) is done here, once, over the collected bytes.
     *
     * <p>Deliberately one large method: above C2's inlining limit for hot methods (FreqInlineSize, 325 bytecodes)
     * it is never inlined into {@link #onByte(byte)}, so that {@code onByte} compiles small and is itself inlined
     * into the caller's read loop every time, not only when the JIT happens to compile the caller first.
     */
    private int onSpecialByte(byte b) {
        if (state != FRAME) {
            return state == SKIP ? skipping(b) : hunting(b);
        }
        if (b != '\r') {
            return collecting(b);
        }
        int frameLength = length;
        enter(HUNT);
        byte[] buf = buffer;
        int[] starts = tokenStarts;
        int[] ends = tokenEnds;
        int mark = marker;
        int end = mark == NO_MARKER ? frameLength : mark;
        int xor = 0;
        int sum = 0;
        int head = Math.min(end, 4);    // '$', the command letters and the space before the first token
        for (int i = 0; i < head; i++) {
            int c = buf[i];
            xor ^= c;
            sum += c & 0xFF;
        }
        int count = 0;
        if (end > 3) {                  // every space ends a token and starts the next
            starts[0] = 4;
            for (int i = 4; i < end; i++) {
                int c = buf[i];
                xor ^= c;
                sum += c & 0xFF;
                if (c == ' ') {
                    ends[count] = i;
                    count++;
                    starts[count] = i + 1;
                }
            }
            ends[count] = end;
            count++;
        }
        RapiChecksumKind kind = RapiChecksumKind.NONE;
        if (mark != NO_MARKER) {
            boolean xorForm = buf[mark] == '^';
            int expected = (xorForm ? xor : sum) & 0xFF;
            if (frameLength - mark != 3 || checkValue(buf[mark + 1], buf[mark + 2]) != expected) {
                return fail(RapiDecodeError.BAD_CHECKSUM);
            }
            kind = xorForm ? RapiChecksumKind.XOR : RapiChecksumKind.ADDITIVE;
        }
        if (end < 3 || !Ascii.isCommandChar(buf[1]) || !Ascii.isCommandChar(buf[2])
                || (end > 3 && buf[3] != ' ')) {
            return fail(RapiDecodeError.BAD_COMMAND);
        }
        int seq = RapiFrame.NO_SEQ;
        int params = count;
        if (count > 0) {
            int last = starts[count - 1];
            if (ends[count - 1] > last && buf[last] == ':') {
                seq = seqId(last, ends[count - 1]);
                if (seq == RapiFrame.NO_SEQ) {
                    return fail(RapiDecodeError.BAD_SEQ);
                }
                params--;
            }
        }
        if (1 + count > maxTokens) {    // the command, the parameters and the id token
            return fail(RapiDecodeError.TOO_MANY_TOKENS);
        }
        frame.set(frameLength, params, seq, kind);
        return FRAME_READY;
    }

    private int skipping(byte b) {
        if (b == '$') {
            startFrame();
        } else if (b == '\r') {
            enter(HUNT);
        }
        return NEED_MORE_BYTES;
    }

    private void enter(int next) {
        state = next;
        if (next != FRAME) {
            length = OUTSIDE_FRAME;
        }
    }

    private int hunting(byte b) {
        if (b == '$') {
            startFrame();
            return endOfNoise() ? fail(RapiDecodeError.NO_START) : NEED_MORE_BYTES;
        }
        if (b == '\r') {
            return fail(endOfNoise() ? RapiDecodeError.NO_START : RapiDecodeError.EMPTY);
        }
        if (b != '\n') {
            discarded = true;    // counted, never stored: only "some or none" matters
        }
        return NEED_MORE_BYTES;
    }

    private boolean endOfNoise() {
        boolean had = discarded;
        discarded = false;
        return had;
    }

    private int collecting(byte b) {
        if (b == '$') {
            startFrame();
            return fail(RapiDecodeError.TRUNCATED);
        }
        if (length == maxFrameBytes) {
            return skip(RapiDecodeError.TOO_LONG);
        }
        if (Ascii.isControl(b)) {
            return skip(RapiDecodeError.BAD_CHAR);
        }
        if (marker == NO_MARKER && (b == '^' || b == '*')) {
            marker = length;
        }
        buffer[length++] = b;
        return NEED_MORE_BYTES;
    }

    private void startFrame() {
        buffer[0] = '$';
        enter(FRAME);
        length = 1;
        marker = NO_MARKER;
    }

    private int skip(RapiDecodeError error) {
        enter(SKIP);
        return fail(error);
    }

    private int fail(RapiDecodeError error) {
        lastError = error;
        return MALFORMED;
    }

    /** Two hex digits as a byte value, or NO_CHECK_VALUE (never equal to a checksum) if either is not hex. */
    private static int checkValue(byte high, byte low) {
        int h = Ascii.hexValue(high);
        int l = Ascii.hexValue(low);
        return (h | l) < 0 ? NO_CHECK_VALUE : (h << 4) | l;
    }

    /** The id in a ':'-token (":" plus two hex digits, not 00), or NO_SEQ when it is not one. */
    private int seqId(int start, int end) {
        if (end - start != 3) {
            return RapiFrame.NO_SEQ;
        }
        int high = Ascii.hexValue(buffer[start + 1]);
        int low = Ascii.hexValue(buffer[start + 2]);
        if (high == Ascii.NOT_HEX || low == Ascii.NOT_HEX || (high | low) == 0) {
            return RapiFrame.NO_SEQ;
        }
        return (high << 4) | low;
    }

    /**
     * The frame completed by the last {@link #FRAME_READY} outcome: a reused view, valid until the next byte.
     *
     * @return the decoded frame view
     */
    public RapiFrame frame() {
        return frame;
    }

    /**
     * The reason of the last {@link #MALFORMED} outcome.
     *
     * @return the last error, or {@link RapiDecodeError#NONE} before any
     */
    public RapiDecodeError lastError() {
        return lastError;
    }

    /**
     * Bytes of the frame being collected (0 outside a frame); never more than the profile's longest frame.
     *
     * @return the number of buffered bytes
     */
    public int bufferedBytes() {
        return state == FRAME ? length : 0;
    }

    /**
     * Whether a frame has started and not yet ended (a partial frame that a transport close would drop).
     *
     * @return true while collecting a frame
     */
    public boolean inFrame() {
        return state == FRAME;
    }

    /**
     * The limits this decoder applies.
     *
     * @return the profile
     */
    public RapiFrameProfile profile() {
        return profile;
    }

    /** Drops any partial frame and noise count and returns to the start state, e.g. after a transport close. */
    public void reset() {
        enter(HUNT);
        discarded = false;
        lastError = RapiDecodeError.NONE;
    }
}
