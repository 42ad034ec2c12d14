package me.napolni.dinamics.rapi.codec;

import me.napolni.dinamics.rapi.internal.Ascii;

/**
 * Writes RAPI frames into a caller's byte array, always with an upper-case {@code ^XX} checksum and a lone CR
 * (RAPI.md 1.10). Writing allocates nothing; invalid input fails at the call with an
 * {@link IllegalArgumentException}, so a frame that would break the rules is never completed.
 * <pre>{@code
 * RapiFrameEncoder encoder = RapiFrameEncoder.forCommands();
 * int length = encoder.start(buffer, 0, 'S', 'C').param(16).param("V").finish(seqId);   // "$SC 16 V :2A^XX\r"
 * }</pre>
 * An encoder holds the frame in progress, so it belongs to one thread; {@link #start(byte[], int, char, char)}
 * abandons any frame that was not finished.
 */
public final class RapiFrameEncoder {
    private final RapiFrameProfile profile;
    private final int maxFrameBytes;
    private final int maxTokens;
    private byte[] dst;
    private int offset;
    private int position;
    private int tokens;
    private boolean open;

    private RapiFrameEncoder(RapiFrameProfile profile) {
        this.profile = profile;
        this.maxFrameBytes = profile.maxFrameBytes();
        this.maxTokens = profile.maxTokens();
    }

    /**
     * An encoder with the given limits.
     *
     * @param profile the limits of the side that will receive the frames
     * @return a new encoder
     */
    public static RapiFrameEncoder of(RapiFrameProfile profile) {
        return new RapiFrameEncoder(profile);
    }

    /**
     * An encoder for requests a client sends: at most 31 bytes before the CR and 10 tokens.
     *
     * @return a new command-side encoder
     */
    public static RapiFrameEncoder forCommands() {
        return new RapiFrameEncoder(RapiFrameProfile.COMMAND_SIDE);
    }

    /**
     * An encoder for replies and notifications a controller (the emulator) sends: at most 63 bytes before the CR.
     *
     * @return a new reply-side encoder
     */
    public static RapiFrameEncoder forReplies() {
        return new RapiFrameEncoder(RapiFrameProfile.REPLY_SIDE);
    }

    /**
     * The limits this encoder enforces.
     *
     * @return the profile
     */
    public RapiFrameProfile profile() {
        return profile;
    }

    /**
     * Starts a frame: writes {@code $} and the two command letters.
     *
     * @param buffer the caller's array that receives the frame
     * @param start  where the frame begins in {@code buffer}
     * @param first  first command letter, 'A'..'Z' or '0'..'9'
     * @param second second command letter, 'A'..'Z' or '0'..'9'
     * @return this encoder, to add parameters
     * @throws IllegalArgumentException if a letter is not allowed
     */
    public RapiFrameEncoder start(byte[] buffer, int start, char first, char second) {
        open = false;
        if (!Ascii.isCommandChar(first) || !Ascii.isCommandChar(second)) {
            throw new IllegalArgumentException("command letters must be A-Z or 0-9: " + first + second);
        }
        if (start < 0 || start > buffer.length) {
            throw new IllegalArgumentException("start " + start + " outside a buffer of " + buffer.length);
        }
        this.dst = buffer;
        this.offset = start;
        this.position = start;
        this.tokens = 1;
        this.open = true;
        put('$');
        put(first);
        put(second);
        return this;
    }

    /**
     * Starts a frame with a two-letter command.
     *
     * @param buffer  the caller's array that receives the frame
     * @param start   where the frame begins in {@code buffer}
     * @param command two letters 'A'..'Z' or '0'..'9', e.g. {@code "SC"}
     * @return this encoder, to add parameters
     * @throws IllegalArgumentException if the command is not two allowed letters
     */
    public RapiFrameEncoder start(byte[] buffer, int start, CharSequence command) {
        if (command.length() != 2) {
            open = false;
            throw new IllegalArgumentException("a command has two letters: " + command);
        }
        return start(buffer, start, command.charAt(0), command.charAt(1));
    }

    /**
     * Appends a text parameter.
     *
     * @param text one or more characters 0x21..0xFF except {@code $ ^ *} and 0x7F, not starting with {@code :}
     * @return this encoder
     * @throws IllegalArgumentException if the parameter is empty, has a character that is not allowed, or the
     *                                  frame gets too long or has too many tokens
     */
    public RapiFrameEncoder param(CharSequence text) {
        int n = text.length();
        if (n == 0 || text.charAt(0) == ':') {
            throw rejected("a parameter must not be empty or start with ':'");
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c > 0xFF || !Ascii.isParamByte(c)) {
                throw rejected("character 0x" + Integer.toHexString(c) + " is not allowed in a parameter");
            }
        }
        beginToken();
        for (int i = 0; i < n; i++) {
            put(text.charAt(i));
        }
        return this;
    }

    /**
     * Appends a parameter given as raw bytes (ISO-8859-1), e.g. LCD text with byte 0xFE for a space.
     *
     * @param bytes  source array
     * @param from   first byte
     * @param length number of bytes, at least 1
     * @return this encoder
     * @throws IllegalArgumentException under the same rules as {@link #param(CharSequence)}
     */
    public RapiFrameEncoder param(byte[] bytes, int from, int length) {
        if (length <= 0 || bytes[from] == ':') {
            throw rejected("a parameter must not be empty or start with ':'");
        }
        for (int i = from; i < from + length; i++) {
            if (!Ascii.isParamByte(bytes[i])) {
                throw rejected("byte 0x" + Integer.toHexString(bytes[i] & 0xFF) + " is not allowed in a parameter");
            }
        }
        beginToken();
        for (int i = from; i < from + length; i++) {
            put(bytes[i]);
        }
        return this;
    }

    /**
     * Appends a signed decimal parameter, e.g. {@code 16}.
     *
     * @param value the number
     * @return this encoder
     * @throws IllegalArgumentException if the frame gets too long or has too many tokens
     */
    public RapiFrameEncoder param(int value) {
        beginToken();
        long v = value;
        if (v < 0) {
            put('-');
            v = -v;
        }
        long divisor = 1;
        while (divisor * 10 <= v) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            put((char) ('0' + (v / divisor) % 10));
        }
        return this;
    }

    /**
     * Appends an unsigned hexadecimal parameter in upper case, zero-padded to at least {@code minDigits} digits.
     *
     * @param value     the number, 0 or more
     * @param minDigits the least number of digits, 1..8
     * @return this encoder
     * @throws IllegalArgumentException if the value is negative, or the frame gets too long or has too many tokens
     */
    public RapiFrameEncoder paramHex(int value, int minDigits) {
        if (value < 0 || minDigits < 1 || minDigits > 8) {
            throw rejected("hex parameter needs a value of 0 or more and 1 to 8 digits");
        }
        beginToken();
        int digits = 1;
        while (digits < 8 && (value >>> (4 * digits)) != 0) {
            digits++;
        }
        for (int i = Math.max(digits, minDigits) - 1; i >= 0; i--) {
            put((char) Ascii.upperHexDigit(value >>> (4 * i)));
        }
        return this;
    }

    /**
     * Appends an unsigned hexadecimal parameter in lower case, as the controller prints states, pilot states and
     * flag words (e.g. {@code fe}, {@code 0540}); for an emulator's replies and notifications.
     *
     * @param value     the number, 0 or more
     * @param minDigits the least number of digits, 1..8
     * @return this encoder
     * @throws IllegalArgumentException if the value is negative, or the frame gets too long or has too many tokens
     */
    public RapiFrameEncoder paramHexLower(int value, int minDigits) {
        int first = position;
        paramHex(value, minDigits);
        for (int i = first; i < position; i++) {
            if (dst[i] >= 'A' && dst[i] <= 'F') {
                dst[i] += 'a' - 'A';
            }
        }
        return this;
    }

    /**
     * Appends an empty parameter (a second space), which only the controller's {@code $GI} reply carries
     * ({@code $OK  id}). Allowed on the reply side only: a command never has an empty parameter.
     *
     * @return this encoder
     * @throws IllegalArgumentException on a command-side encoder, or if the frame gets too long
     */
    public RapiFrameEncoder emptyParam() {
        if (profile != RapiFrameProfile.REPLY_SIDE) {
            throw rejected("a command must not have an empty parameter");
        }
        beginToken();
        return this;
    }

    /**
     * Ends the frame without a sequence id.
     *
     * @return the number of bytes written, CR included
     * @throws IllegalArgumentException if the frame gets too long
     */
    public int finish() {
        return finish(RapiFrame.NO_SEQ);
    }

    /**
     * Ends the frame: the optional {@code  :XX} sequence id, the {@code ^XX} checksum and the CR.
     *
     * @param seqId 1..255, or {@link RapiFrame#NO_SEQ}
     * @return the number of bytes written, CR included
     * @throws IllegalArgumentException if the id is out of range, or the frame gets too long or has too many tokens
     * @throws IllegalStateException    if no frame was started
     */
    public int finish(int seqId) {
        if (!open) {
            throw new IllegalStateException("no frame started");
        }
        if (seqId != RapiFrame.NO_SEQ) {
            if (!RapiSequenceIds.isValid(seqId)) {
                throw rejected("sequence id must be 1..255: " + seqId);
            }
            beginToken();
            put(':');
            put((char) Ascii.upperHexDigit(seqId >>> 4));
            put((char) Ascii.upperHexDigit(seqId));
        }
        int checksum = RapiChecksums.xor8(dst, offset, position);
        put('^');
        put((char) Ascii.upperHexDigit(checksum >>> 4));
        put((char) Ascii.upperHexDigit(checksum));
        if (position >= dst.length) {
            throw rejected("buffer too small for the frame");
        }
        dst[position++] = '\r';
        open = false;
        return position - offset;
    }

    private void beginToken() {
        if (!open) {
            throw new IllegalStateException("no frame started");
        }
        if (++tokens > maxTokens) {
            throw rejected("more than " + maxTokens + " tokens");
        }
        put(' ');
    }

    private void put(int b) {
        if (position - offset >= maxFrameBytes) {
            throw rejected("frame longer than " + maxFrameBytes + " bytes");
        }
        if (position >= dst.length) {
            throw rejected("buffer too small for the frame");
        }
        dst[position++] = (byte) b;
    }

    private IllegalArgumentException rejected(String why) {
        open = false;
        return new IllegalArgumentException("RAPI frame rejected: " + why);
    }
}
