package me.napolni.dinamics.rapi.codec;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counters of decoder outcomes (RAPI.md 7, item 14): frames decoded and each {@link RapiDecodeError}. The reading
 * thread records; any thread may read. Recording allocates nothing.
 * <pre>{@code
 * int status = decoder.onByte(b);
 * stats.record(status, decoder.lastError());
 * }</pre>
 */
public final class RapiDecodeStats {
    private static final RapiDecodeError[] ERRORS = RapiDecodeError.values();

    /** Slot per error ordinal, then one for frames. */
    private final AtomicLongArray counts = new AtomicLongArray(ERRORS.length + 1);

    /** Creates zeroed counters. */
    public RapiDecodeStats() {
    }

    /**
     * Counts one decoder outcome; {@link RapiFrameDecoder#NEED_MORE_BYTES} counts nothing.
     *
     * @param status    what {@link RapiFrameDecoder#onByte(byte)} returned
     * @param lastError the decoder's {@link RapiFrameDecoder#lastError()}, read only for
     *                  {@link RapiFrameDecoder#MALFORMED}
     */
    public void record(int status, RapiDecodeError lastError) {
        if (status == RapiFrameDecoder.FRAME_READY) {
            counts.incrementAndGet(ERRORS.length);
        } else if (status == RapiFrameDecoder.MALFORMED) {
            counts.incrementAndGet(lastError.ordinal());
        }
    }

    /**
     * Frames decoded.
     *
     * @return the number of {@link RapiFrameDecoder#FRAME_READY} outcomes recorded
     */
    public long frames() {
        return counts.get(ERRORS.length);
    }

    /**
     * Outcomes of one error kind.
     *
     * @param error the kind
     * @return how many were recorded
     */
    public long count(RapiDecodeError error) {
        return counts.get(error.ordinal());
    }

    /**
     * All errors together.
     *
     * @return the number of {@link RapiFrameDecoder#MALFORMED} outcomes recorded
     */
    public long errors() {
        long sum = 0;
        for (int i = 0; i < ERRORS.length; i++) {
            sum += counts.get(i);
        }
        return sum;
    }

    /**
     * The counters as text, e.g. {@code frames=12 bad_checksum=1}, zero counters left out.
     *
     * @return a line for logs
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("frames=").append(frames());
        for (RapiDecodeError error : ERRORS) {
            long n = count(error);
            if (n > 0) {
                text.append(' ').append(error.reasonWord()).append('=').append(n);
            }
        }
        return text.toString();
    }
}
