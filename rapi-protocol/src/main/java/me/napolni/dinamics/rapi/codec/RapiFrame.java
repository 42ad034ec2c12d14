package me.napolni.dinamics.rapi.codec;

import java.nio.charset.StandardCharsets;

import me.napolni.dinamics.rapi.internal.Ascii;

/**
 * A decoded RAPI frame: the two command letters, the parameters, the sequence id and the checksum kind.
 *
 * <p>The instance a {@link RapiFrameDecoder} hands out is a reused view over the decoder's buffer: it is valid
 * from the {@link RapiFrameDecoder#FRAME_READY} outcome until the next byte is fed, and reading it allocates
 * nothing (except the methods documented as allocating, such as {@link #paramString(int)}). Call {@link #copy()}
 * to keep a frame beyond that.
 *
 * <p>Parameters are byte ranges. Read them as bytes, as a {@link CharSequence} (ISO-8859-1, one byte per char),
 * or as numbers with {@link #paramDecimal(int)} and {@link #paramHex(int)}, which return {@link #NOT_A_NUMBER}
 * rather than throw.
 */
public final class RapiFrame {
    /** {@link #seqId()} of a frame without a sequence id. */
    public static final int NO_SEQ = -1;
    /** Returned by the {@code int} number parsers for a parameter that is not a number or out of range. */
    public static final int NOT_A_NUMBER = Integer.MIN_VALUE;
    /** Returned by {@link #paramDecimalLong(int)} for a parameter that is not a number or out of range. */
    public static final long NOT_A_NUMBER_LONG = Long.MIN_VALUE;

    private static final int COMMAND_SYMBOLS = 36;
    /** Command strings by code, filled lazily so that {@link #command()} allocates once per distinct command. */
    private static final String[] COMMAND_NAMES = new String[COMMAND_SYMBOLS * COMMAND_SYMBOLS];

    private final byte[] bytes;
    private final int[] paramStarts;
    private final int[] paramEnds;
    private final ParamView[] views;
    private int length;
    private int paramCount;
    private int seqId = NO_SEQ;
    private RapiChecksumKind checksumKind = RapiChecksumKind.NONE;

    /** A frame for copies: its parameter views are created on first use. */
    private RapiFrame(byte[] bytes) {
        this.bytes = bytes;
        this.paramStarts = new int[bytes.length];
        this.paramEnds = new int[bytes.length];
        this.views = new ParamView[bytes.length];
    }

    /** The decoder's reused view: its buffer and parameter bounds are filled by the decoder; views made now. */
    RapiFrame(byte[] bytes, int[] paramStarts, int[] paramEnds) {
        this.bytes = bytes;
        this.paramStarts = paramStarts;
        this.paramEnds = paramEnds;
        this.views = new ParamView[bytes.length];
        for (int i = 0; i < views.length; i++) {
            views[i] = new ParamView(i);
        }
    }

    /**
     * Decodes one complete frame from its text, for tests, logs and fixtures (allocates; not for the hot path).
     * The text is read as ISO-8859-1 with the reply-side limits; a final CR is added if missing.
     *
     * @param wire the frame, e.g. {@code "$OK 16^07"}
     * @return an independent frame
     * @throws IllegalArgumentException if the text is not exactly one valid frame; the message names the reason
     */
    public static RapiFrame of(String wire) {
        RapiFrameDecoder decoder = RapiFrameDecoder.forReplies();
        String line = wire.endsWith("\r") ? wire : wire + "\r";
        byte[] raw = line.getBytes(StandardCharsets.ISO_8859_1);
        RapiFrame found = null;
        for (byte b : raw) {
            int status = decoder.onByte(b);
            if (status == RapiFrameDecoder.MALFORMED) {
                throw new IllegalArgumentException(
                        "not a valid RAPI frame (" + decoder.lastError().reasonWord() + "): " + wire);
            }
            if (status == RapiFrameDecoder.FRAME_READY) {
                if (found != null) {
                    throw new IllegalArgumentException("more than one RAPI frame: " + wire);
                }
                found = decoder.frame().copy();
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("no RAPI frame: " + wire);
        }
        return found;
    }

    void set(int frameLength, int count, int seq, RapiChecksumKind kind) {
        this.length = frameLength;
        this.paramCount = count;
        this.seqId = seq;
        this.checksumKind = kind;
    }

    /**
     * The first command letter, e.g. {@code 'O'} of {@code $OK}.
     *
     * @return an 'A'..'Z' or '0'..'9' character
     */
    public char commandFirst() {
        return (char) bytes[1];
    }

    /**
     * The second command letter, e.g. {@code 'K'} of {@code $OK}.
     *
     * @return an 'A'..'Z' or '0'..'9' character
     */
    public char commandSecond() {
        return (char) bytes[2];
    }

    /**
     * Compares the command letters without allocating.
     *
     * @param first  the first letter
     * @param second the second letter
     * @return whether this frame's command is those two letters
     */
    public boolean isCommand(char first, char second) {
        return bytes[1] == first && bytes[2] == second;
    }

    /**
     * Compares the command letters without allocating.
     *
     * @param code a two-letter command such as {@code "AT"}
     * @return whether this frame's command is that code
     */
    public boolean isCommand(CharSequence code) {
        return code.length() == 2 && isCommand(code.charAt(0), code.charAt(1));
    }

    /**
     * The command as a string, such as {@code "OK"}; the same cached instance every time for a given command.
     *
     * @return the two command letters
     */
    public String command() {
        if (!Ascii.isCommandChar(bytes[1]) || !Ascii.isCommandChar(bytes[2])) {
            return new String(bytes, 1, 2, StandardCharsets.ISO_8859_1);    // a view read after an error
        }
        int index = symbol(bytes[1]) * COMMAND_SYMBOLS + symbol(bytes[2]);
        String name = COMMAND_NAMES[index];
        if (name == null) {
            name = new String(bytes, 1, 2, StandardCharsets.ISO_8859_1);
            COMMAND_NAMES[index] = name;     // a benign race: at worst two equal strings
        }
        return name;
    }

    private static int symbol(byte letter) {
        return letter <= '9' ? letter - '0' : letter - 'A' + 10;
    }

    /**
     * Whether this is a success reply ({@code $OK}).
     *
     * @return true for {@code $OK}
     */
    public boolean isOk() {
        return isCommand('O', 'K');
    }

    /**
     * Whether this is a failure reply ({@code $NK}).
     *
     * @return true for {@code $NK}
     */
    public boolean isNk() {
        return isCommand('N', 'K');
    }

    /**
     * Whether this is a reply ({@code $OK} or {@code $NK}).
     *
     * @return true for a reply
     */
    public boolean isReply() {
        return isOk() || isNk();
    }

    /**
     * Whether a frame from the controller is an asynchronous notification and never a reply (RAPI.md 1.6): a
     * command starting with {@code A}, {@code $WF}, or {@code $ST} with exactly one field.
     *
     * @return true for a notification
     */
    public boolean isNotification() {
        return bytes[1] == 'A' || isCommand('W', 'F') || (isCommand('S', 'T') && paramCount == 1);
    }

    /**
     * The number of parameters, not counting the command and the sequence id.
     *
     * @return 0 or more
     */
    public int paramCount() {
        return paramCount;
    }

    /**
     * The length of a parameter in bytes; an empty parameter (doubled space, as in {@code $GI}) has length 0.
     *
     * @param index 0-based parameter index
     * @return the length in bytes
     */
    public int paramLength(int index) {
        checkIndex(index);
        return paramEnds[index] - paramStarts[index];
    }

    /**
     * One byte of a parameter.
     *
     * @param index    0-based parameter index
     * @param position 0-based position inside the parameter
     * @return the raw byte
     */
    public byte paramByte(int index, int position) {
        checkIndex(index);
        if (position < 0 || position >= paramEnds[index] - paramStarts[index]) {
            throw new IndexOutOfBoundsException("position " + position + " of parameter " + index);
        }
        return bytes[paramStarts[index] + position];
    }

    /**
     * Copies a parameter's bytes.
     *
     * @param index  0-based parameter index
     * @param dst    destination array
     * @param offset where to write in {@code dst}
     * @return the number of bytes copied
     */
    public int copyParam(int index, byte[] dst, int offset) {
        int n = paramLength(index);
        System.arraycopy(bytes, paramStarts[index], dst, offset, n);
        return n;
    }

    /**
     * A parameter as characters (ISO-8859-1), without allocating. The view is reused: it shows this frame's
     * content only while the frame itself is valid; call {@code toString()} on it to keep the text.
     *
     * @param index 0-based parameter index
     * @return a reused view of the parameter
     */
    public CharSequence param(int index) {
        checkIndex(index);
        ParamView view = views[index];
        if (view == null) {            // only in copies; the decoder's view has all of them
            view = new ParamView(index);
            views[index] = view;
        }
        return view;
    }

    /**
     * A parameter as a new string (ISO-8859-1). Allocates.
     *
     * @param index 0-based parameter index
     * @return the parameter text
     */
    public String paramString(int index) {
        checkIndex(index);
        return new String(bytes, paramStarts[index], paramEnds[index] - paramStarts[index],
                StandardCharsets.ISO_8859_1);
    }

    /**
     * Compares a parameter with a text, without allocating.
     *
     * @param index 0-based parameter index
     * @param text  the expected text
     * @return whether the parameter has exactly these characters
     */
    public boolean paramEquals(int index, CharSequence text) {
        checkIndex(index);
        int start = paramStarts[index];
        int n = paramEnds[index] - start;
        if (text.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if ((bytes[start + i] & 0xFF) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A parameter read as a signed decimal integer, such as {@code 16} or {@code -2560}.
     *
     * @param index 0-based parameter index
     * @return the value, or {@link #NOT_A_NUMBER} if it is not a decimal number that fits an {@code int}
     */
    public int paramDecimal(int index) {
        long value = paramDecimalLong(index);
        if (value == NOT_A_NUMBER_LONG || value < Integer.MIN_VALUE + 1L || value > Integer.MAX_VALUE) {
            return NOT_A_NUMBER;
        }
        return (int) value;
    }

    /**
     * A parameter read as a signed decimal integer, for fields that can exceed an {@code int} (lifetime energy).
     *
     * @param index 0-based parameter index
     * @return the value, or {@link #NOT_A_NUMBER_LONG} if it is not a decimal number of at most 18 digits
     */
    public long paramDecimalLong(int index) {
        checkIndex(index);
        int start = paramStarts[index];
        int end = paramEnds[index];
        boolean negative = start < end && bytes[start] == '-';
        int i = negative ? start + 1 : start;
        if (i == end || end - i > 18) {
            return NOT_A_NUMBER_LONG;
        }
        long value = 0;
        for (; i < end; i++) {
            int b = bytes[i];
            if (b < '0' || b > '9') {
                return NOT_A_NUMBER_LONG;
            }
            value = value * 10 + (b - '0');
        }
        return negative ? -value : value;
    }

    /**
     * A parameter read as unsigned hexadecimal in either case, with or without padding, such as {@code fe},
     * {@code 0540} or {@code 0} (RAPI prints states, pilot, flag words and {@code $GF} counters in hex).
     *
     * @param index 0-based parameter index
     * @return the value, or {@link #NOT_A_NUMBER} if it is not 1 to 7 hex digits
     */
    public int paramHex(int index) {
        checkIndex(index);
        int start = paramStarts[index];
        int end = paramEnds[index];
        if (start == end || end - start > 7) {
            return NOT_A_NUMBER;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            int digit = Ascii.hexValue(bytes[i]);
            if (digit == Ascii.NOT_HEX) {
                return NOT_A_NUMBER;
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    /**
     * The sequence id the frame carried.
     *
     * @return 1..255, or {@link #NO_SEQ}
     */
    public int seqId() {
        return seqId;
    }

    /**
     * Whether the frame carried a sequence id.
     *
     * @return {@code seqId() != NO_SEQ}
     */
    public boolean hasSeqId() {
        return seqId != NO_SEQ;
    }

    /**
     * The checksum form the frame carried.
     *
     * @return XOR, additive or none
     */
    public RapiChecksumKind checksumKind() {
        return checksumKind;
    }

    /**
     * The frame's length in bytes, from the {@code $} up to the CR, not counting the CR.
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    /**
     * One byte of the whole frame (index 0 is the {@code $}).
     *
     * @param index 0-based position, below {@link #length()}
     * @return the raw byte
     */
    public byte byteAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("byte " + index + " of a " + length + "-byte frame");
        }
        return bytes[index];
    }

    /**
     * Copies the frame's bytes (without the CR).
     *
     * @param dst    destination array
     * @param offset where to write in {@code dst}
     * @return the number of bytes copied, {@link #length()}
     */
    public int copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, length);
        return length;
    }

    /**
     * An independent copy that stays valid after the decoder moves on. Allocates.
     *
     * @return a frame with its own buffer
     */
    public RapiFrame copy() {
        RapiFrame copy = new RapiFrame(new byte[Math.max(length, 3)]);
        System.arraycopy(bytes, 0, copy.bytes, 0, length);
        System.arraycopy(paramStarts, 0, copy.paramStarts, 0, paramCount);
        System.arraycopy(paramEnds, 0, copy.paramEnds, 0, paramCount);
        copy.set(length, paramCount, seqId, checksumKind);
        return copy;
    }

    /**
     * The frame as it was on the wire, without the CR, read as ISO-8859-1, for logs and error messages.
     * Allocates.
     *
     * @return the frame text, e.g. {@code $OK 16^07}
     */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= paramCount) {
            throw new IndexOutOfBoundsException("parameter " + index + " of " + paramCount + " in " + this);
        }
    }

    /** A reused, allocation-free character view of one parameter slot. */
    private final class ParamView implements CharSequence {
        private final int index;

        ParamView(int index) {
            this.index = index;
        }

        @Override
        public int length() {
            return paramEnds[index] - paramStarts[index];
        }

        @Override
        public char charAt(int position) {
            if (position < 0 || position >= length()) {
                throw new IndexOutOfBoundsException(position);
            }
            return (char) (bytes[paramStarts[index] + position] & 0xFF);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().substring(start, end);
        }

        @Override
        public String toString() {
            return new String(bytes, paramStarts[index], length(), StandardCharsets.ISO_8859_1);
        }
    }
}
