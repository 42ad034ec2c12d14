package me.napolni.dinamics.host.internal;

/**
 * Decodes the serial sample stream of a CT front-end into blocks of raw 12-bit ADC samples
 * ({@code docs/sources.md}).
 * <pre>
 *   A5 5A | phase | seq | count (u16 LE) | samples, 12 bit packed | CRC-16 (BE)
 *   sync    0..2    0..255  1..2048          2 samples in 3 bytes      CCITT-FALSE over phase..samples
 * </pre>
 * Packing: samples s0, s1 become {@code s0 & 0xFF}, {@code (s0 >> 8) | (s1 & 0x0F) << 4}, {@code s1 >> 4}; an odd
 * last sample takes two bytes with the upper nibble of the second zero.
 *
 * <p>Bytes may come in any chunks. After garbage, a bad header or a CRC error, the decoder looks for the next sync
 * from the byte after the failed one, so a lost or corrupted frame costs that frame only. It never throws on any
 * input, never grows past its buffer, and does not allocate after construction. Not thread-safe.
 */
public final class AdcFrameDecoder {

    /** First sync byte. */
    public static final int SYNC_0 = 0xA5;
    /** Second sync byte. */
    public static final int SYNC_1 = 0x5A;
    /** Bytes before the samples: sync (2), phase, seq, count (2). */
    public static final int HEADER_BYTES = 6;
    /** Bytes of the CRC. */
    public static final int CRC_BYTES = 2;
    /** The most samples in one frame. */
    public static final int MAX_SAMPLES = 2048;
    /** The most phases. */
    public static final int MAX_PHASES = 3;
    /** The largest ADC value. */
    public static final int MAX_SAMPLE = 4095;
    /** The longest frame in bytes. */
    public static final int MAX_FRAME_BYTES = HEADER_BYTES + payloadBytes(MAX_SAMPLES) + CRC_BYTES;

    /** Receives each good frame; the sample array is reused and valid only during the call. */
    @FunctionalInterface
    public interface BlockListener {
        /**
         * A block of samples arrived.
         *
         * @param phase 0 for L1, 1 for L2, 2 for L3
         * @param seq the frame's sequence number, 0..255
         * @param samples the samples, 0..4095 each, in {@code samples[0..count)}
         * @param count how many
         */
        void onBlock(int phase, int seq, short[] samples, int count);
    }

    private final byte[] buffer = new byte[MAX_FRAME_BYTES * 2];
    private final short[] samples = new short[MAX_SAMPLES];
    private final BlockListener listener;
    private int start;
    private int end;
    private long frames;
    private long crcErrors;
    private long badHeaders;
    private long garbageBytes;
    private long lostFrames;
    private final int[] lastSeq = {-1, -1, -1};

    /**
     * Creates a decoder.
     *
     * @param listener gets every good frame
     */
    public AdcFrameDecoder(BlockListener listener) {
        this.listener = listener;
    }

    /**
     * Returns the payload size of a frame.
     *
     * @param count samples
     * @return bytes of packed samples
     */
    public static int payloadBytes(int count) {
        return (count * 3 + 1) / 2;
    }

    /**
     * Feeds bytes as they came from the line.
     *
     * @param data the bytes
     * @param offset the first
     * @param length how many
     */
    public void accept(byte[] data, int offset, int length) {
        int taken = 0;
        while (taken < length) {
            if (end == buffer.length) {
                compact();
            }
            int chunk = Math.min(length - taken, buffer.length - end);
            System.arraycopy(data, offset + taken, buffer, end, chunk);
            end += chunk;
            taken += chunk;
            scan();
        }
    }

    private void scan() {
        while (true) {
            // find the sync pair
            while (end - start >= 2 && !((buffer[start] & 0xFF) == SYNC_0 && (buffer[start + 1] & 0xFF) == SYNC_1)) {
                start++;
                garbageBytes++;
            }
            if (end - start < HEADER_BYTES) {
                if (end - start == 1 && (buffer[start] & 0xFF) != SYNC_0) {
                    start++;
                    garbageBytes++;
                }
                return;
            }
            int phase = buffer[start + 2] & 0xFF;
            int count = (buffer[start + 4] & 0xFF) | (buffer[start + 5] & 0xFF) << 8;
            if (phase >= MAX_PHASES || count < 1 || count > MAX_SAMPLES) {
                badHeaders++;
                start++;
                continue;
            }
            int frameBytes = HEADER_BYTES + payloadBytes(count) + CRC_BYTES;
            if (end - start < frameBytes) {
                return;
            }
            int crcAt = start + frameBytes - CRC_BYTES;
            int expected = (buffer[crcAt] & 0xFF) << 8 | (buffer[crcAt + 1] & 0xFF);
            if (crc16(buffer, start + 2, frameBytes - 2 - CRC_BYTES) != expected || !unpack(count)) {
                crcErrors++;
                start++;
                continue;
            }
            int seq = buffer[start + 3] & 0xFF;
            if (lastSeq[phase] >= 0 && seq != ((lastSeq[phase] + 1) & 0xFF)) {
                lostFrames += (seq - lastSeq[phase] - 1) & 0xFF;
            }
            lastSeq[phase] = seq;
            frames++;
            start += frameBytes;
            listener.onBlock(phase, seq, samples, count);
        }
    }

    private boolean unpack(int count) {
        int at = start + HEADER_BYTES;
        int i = 0;
        while (i + 1 < count) {
            int b0 = buffer[at] & 0xFF;
            int b1 = buffer[at + 1] & 0xFF;
            int b2 = buffer[at + 2] & 0xFF;
            samples[i] = (short) (b0 | (b1 & 0x0F) << 8);
            samples[i + 1] = (short) (b1 >> 4 | b2 << 4);
            at += 3;
            i += 2;
        }
        if (i < count) {
            int b1 = buffer[at + 1] & 0xFF;
            if ((b1 & 0xF0) != 0) {
                return false;
            }
            samples[i] = (short) ((buffer[at] & 0xFF) | b1 << 8);
        }
        return true;
    }

    private void compact() {
        int remaining = end - start;
        System.arraycopy(buffer, start, buffer, 0, remaining);
        start = 0;
        end = remaining;
    }

    /**
     * Encodes one frame (for front-end firmware authors, tests and the simulator).
     *
     * @param phase 0..2
     * @param seq 0..255
     * @param samples the samples, each 0..4095
     * @param count how many, 1..{@link #MAX_SAMPLES}
     * @param out where the frame goes, at least {@link #MAX_FRAME_BYTES} from {@code offset}
     * @param offset where in {@code out}
     * @return the frame's length
     * @throws IllegalArgumentException for a bad phase, count or sample
     */
    public static int encode(int phase, int seq, short[] samples, int count, byte[] out, int offset) {
        if (phase < 0 || phase >= MAX_PHASES || count < 1 || count > MAX_SAMPLES) {
            throw new IllegalArgumentException("phase 0..2 and count 1.." + MAX_SAMPLES + ": " + phase + ", " + count);
        }
        int at = offset;
        out[at++] = (byte) SYNC_0;
        out[at++] = (byte) SYNC_1;
        out[at++] = (byte) phase;
        out[at++] = (byte) seq;
        out[at++] = (byte) count;
        out[at++] = (byte) (count >> 8);
        int i = 0;
        while (i < count) {
            int s0 = checked(samples[i]);
            if (i + 1 < count) {
                int s1 = checked(samples[i + 1]);
                out[at++] = (byte) s0;
                out[at++] = (byte) (s0 >> 8 | (s1 & 0x0F) << 4);
                out[at++] = (byte) (s1 >> 4);
            } else {
                out[at++] = (byte) s0;
                out[at++] = (byte) (s0 >> 8);
            }
            i += 2;
        }
        int crc = crc16(out, offset + 2, at - offset - 2);
        out[at++] = (byte) (crc >> 8);
        out[at++] = (byte) crc;
        return at - offset;
    }

    private static int checked(int sample) {
        if (sample < 0 || sample > MAX_SAMPLE) {
            throw new IllegalArgumentException("a 12-bit sample is 0..4095: " + sample);
        }
        return sample;
    }

    /**
     * CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR.
     *
     * @param data the bytes
     * @param offset the first
     * @param length how many
     * @return the CRC, 0..0xFFFF
     */
    public static int crc16(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }

    /**
     * Returns how many good frames were decoded.
     *
     * @return frames
     */
    public long frames() {
        return frames;
    }

    /**
     * Returns how many candidate frames failed their CRC.
     *
     * @return CRC errors
     */
    public long crcErrors() {
        return crcErrors;
    }

    /**
     * Returns how many sync pairs led to an impossible header.
     *
     * @return bad headers
     */
    public long badHeaders() {
        return badHeaders;
    }

    /**
     * Returns how many bytes were skipped while looking for a sync pair.
     *
     * @return garbage bytes
     */
    public long garbageBytes() {
        return garbageBytes;
    }

    /**
     * Returns how many frames the sequence numbers show as missing.
     *
     * @return lost frames
     */
    public long lostFrames() {
        return lostFrames;
    }

    /**
     * Returns how many bytes wait for the rest of a frame.
     *
     * @return buffered bytes, at most twice {@link #MAX_FRAME_BYTES}
     */
    public int bufferedBytes() {
        return end - start;
    }
}
