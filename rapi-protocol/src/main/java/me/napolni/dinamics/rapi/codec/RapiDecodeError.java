package me.napolni.dinamics.rapi.codec;

/**
 * Why the decoder reported {@link RapiFrameDecoder#MALFORMED} (RAPI.md 1.9). Each constant's
 * {@link #reasonWord()} is the word the frame corpus ({@code testdata/rapi/frames.tsv}) uses.
 */
public enum RapiDecodeError {
    /** No error has been reported yet: the value of {@link RapiFrameDecoder#lastError()} before any. */
    NONE("none"),
    /** Reported at the CR: wrong checksum value, or the checksum field is not exactly two hex digits. */
    BAD_CHECKSUM("bad_checksum"),
    /** Reported at the CR: the command token is not exactly two characters from A-Z / 0-9. */
    BAD_COMMAND("bad_command"),
    /** Reported at the CR: the last token starts with ':' but is not ':' plus two hex digits other than 00. */
    BAD_SEQ("bad_seq"),
    /** Reported at the CR, command side only: more than 10 tokens, counting the command and the id. */
    TOO_MANY_TOKENS("too_many_tokens"),
    /** Reported at the first byte past the profile's longest frame; the rest of the line is skipped. */
    TOO_LONG("too_long"),
    /** Reported at a control byte (0x00..0x1F other than CR, or 0x7F) inside a frame; the rest is skipped. */
    BAD_CHAR("bad_char"),
    /** Reported at a '$' that interrupts a frame before its CR; the new frame continues. */
    TRUNCATED("truncated"),
    /** Reported at the '$' or CR that ends a run of bytes outside any frame (noise, lost '$', debug text). */
    NO_START("no_start"),
    /** Reported at a CR with nothing before it (a blank line). */
    EMPTY("empty");

    private final String reasonWord;

    RapiDecodeError(String reasonWord) {
        this.reasonWord = reasonWord;
    }

    /**
     * The reason word of the frame corpus and of log lines, e.g. {@code bad_checksum}.
     *
     * @return the lower-case reason word
     */
    public String reasonWord() {
        return reasonWord;
    }

    /**
     * Looks a reason word up.
     *
     * @param word a corpus reason word such as {@code too_long}
     * @return the matching error
     * @throws IllegalArgumentException if the word names no error
     */
    public static RapiDecodeError fromReasonWord(String word) {
        for (RapiDecodeError error : values()) {
            if (error.reasonWord.equals(word)) {
                return error;
            }
        }
        throw new IllegalArgumentException("unknown RAPI decode reason: " + word);
    }
}
