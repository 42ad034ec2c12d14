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

    private final RapiFrameProfile profile;
    private final int maxFrameBytes;
    private final int maxTokens;
    private final byte[] buffer;
    private final int[] tokenStarts;
    private final int[] tokenEnds;
    private final RapiFrame frame;
    private int state = HUNT;
    private int length;
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
        switch (state) {
            case FRAME:
                return collecting(b);
            case SKIP:
                if (b == '$') {
                    startFrame();
                } else if (b == '\r') {
                    state = HUNT;
                }
                return NEED_MORE_BYTES;
            default:
                return hunting(b);
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
        int u = b & 0xFF;
        if (u > '*' && u != '^' && u != 0x7F && length < maxFrameBytes) {    // the common case: one test
            buffer[length++] = b;
            return NEED_MORE_BYTES;
        }
        if (b == '$') {
            startFrame();
            return fail(RapiDecodeError.TRUNCATED);
        }
        if (b == '\r') {
            state = HUNT;
            int frameLength = length;
            length = 0;
            return validate(frameLength);
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
        length = 1;
        state = FRAME;
        marker = NO_MARKER;
    }

    private int skip(RapiDecodeError error) {
        state = SKIP;
        length = 0;
        return fail(error);
    }

    private int fail(RapiDecodeError error) {
        lastError = error;
        return MALFORMED;
    }

    private int validate(int frameLength) {
        int end = frameLength;
        RapiChecksumKind kind = RapiChecksumKind.NONE;
        if (marker != NO_MARKER) {
            if (!checksumMatches(frameLength)) {
                return fail(RapiDecodeError.BAD_CHECKSUM);
            }
            kind = buffer[marker] == '^' ? RapiChecksumKind.XOR : RapiChecksumKind.ADDITIVE;
            end = marker;
        }
        if (end < 3 || !Ascii.isCommandChar(buffer[1]) || !Ascii.isCommandChar(buffer[2])
                || (end > 3 && buffer[3] != ' ')) {
            return fail(RapiDecodeError.BAD_COMMAND);
        }
        int count = 0;
        int position = 3;
        while (position < end) {        // buffer[position] is the space before the next token
            int start = position + 1;
            int tokenEnd = start;
            while (tokenEnd < end && buffer[tokenEnd] != ' ') {
                tokenEnd++;
            }
            tokenStarts[count] = start;
            tokenEnds[count] = tokenEnd;
            count++;
            position = tokenEnd;
        }
        int seq = RapiFrame.NO_SEQ;
        int params = count;
        if (count > 0 && tokenEnds[count - 1] > tokenStarts[count - 1] && buffer[tokenStarts[count - 1]] == ':') {
            seq = seqId(tokenStarts[count - 1], tokenEnds[count - 1]);
            if (seq == RapiFrame.NO_SEQ) {
                return fail(RapiDecodeError.BAD_SEQ);
            }
            params--;
        }
        if (1 + count > maxTokens) {    // the command, the parameters and the id token
            return fail(RapiDecodeError.TOO_MANY_TOKENS);
        }
        frame.set(frameLength, params, seq, kind);
        return FRAME_READY;
    }

    private boolean checksumMatches(int frameLength) {
        if (frameLength - marker != 3) {
            return false;
        }
        int high = Ascii.hexValue(buffer[marker + 1]);
        int low = Ascii.hexValue(buffer[marker + 2]);
        if (high == Ascii.NOT_HEX || low == Ascii.NOT_HEX) {
            return false;
        }
        int expected = buffer[marker] == '^'
                ? RapiChecksums.xor8(buffer, 0, marker)
                : RapiChecksums.sum8(buffer, 0, marker);
        return ((high << 4) | low) == expected;
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
        return length;
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
        state = HUNT;
        length = 0;
        discarded = false;
        lastError = RapiDecodeError.NONE;
    }
}
