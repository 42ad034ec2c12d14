package me.napolni.dinamics.rapi.codec;

/**
 * The limits of the side that receives or sends a frame (RAPI.md 1.9 and 1.10): lengths count the bytes from the
 * {@code $} up to the CR, not counting the CR; token counts include the command and the sequence-id token.
 */
public enum RapiFrameProfile {
    /** What a controller accepts: 31 bytes and 10 tokens. Used to decode commands and to encode requests. */
    COMMAND_SIDE(31, 10),
    /** What a client accepts from a controller: 63 bytes, no token limit beyond the length. */
    REPLY_SIDE(63, RapiFrameProfile.NO_TOKEN_LIMIT);

    /** {@link #maxTokens()} of a profile that limits only the length. */
    public static final int NO_TOKEN_LIMIT = Integer.MAX_VALUE;

    private final int maxFrameBytes;
    private final int maxTokens;

    RapiFrameProfile(int maxFrameBytes, int maxTokens) {
        this.maxFrameBytes = maxFrameBytes;
        this.maxTokens = maxTokens;
    }

    /**
     * The longest frame, from the {@code $} up to the CR, not counting the CR.
     *
     * @return the limit in bytes
     */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /**
     * The most tokens a frame may have, counting the command and the sequence-id token.
     *
     * @return the limit, or {@link #NO_TOKEN_LIMIT}
     */
    public int maxTokens() {
        return maxTokens;
    }
}
