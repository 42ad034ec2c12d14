package me.napolni.dinamics.host.update;

import java.io.IOException;

/**
 * An update that stopped, with its TOPICS.md §4.5 failure word ({@code network}, {@code http_404},
 * {@code bad_signature}, ...). Nothing installed changed when this is thrown.
 */
public final class UpdateException extends IOException {
    private static final long serialVersionUID = 1L;

    /** No update source or no public key configured, or the program is not installed in the update layout. */
    public static final String NOT_CONFIGURED = "not_configured";
    /** The server could not be reached or the connection broke. */
    public static final String NETWORK = "network";
    /** The manifest is not valid JSON, misses a field, or the bundle inside is malformed. */
    public static final String BAD_MANIFEST = "bad_manifest";
    /** The manifest's signature does not verify with the configured key. */
    public static final String BAD_SIGNATURE = "bad_signature";
    /** The download is shorter or longer than the signed size. */
    public static final String SIZE_MISMATCH = "size_mismatch";
    /** The download's SHA-256 differs from the signed one. */
    public static final String HASH_MISMATCH = "hash_mismatch";
    /** The release (or an unpacked bundle) is larger than the configured cap. */
    public static final String TOO_LARGE = "too_large";
    /** Staging or installing failed for lack of space (or any local write error). */
    public static final String DISK_FULL = "disk_full";
    /** The version failed its health check before and was rolled back. */
    public static final String HEALTH_CHECK = "health_check";

    private final String word;

    /**
     * Creates the exception.
     *
     * @param word the failure word
     * @param message what happened, for the log
     */
    public UpdateException(String word, String message) {
        super(word + ": " + message);
        this.word = word;
    }

    /**
     * Creates the exception with a cause.
     *
     * @param word the failure word
     * @param message what happened, for the log
     * @param cause the cause
     */
    public UpdateException(String word, String message, Throwable cause) {
        super(word + ": " + message, cause);
        this.word = word;
    }

    /**
     * Returns the word of an HTTP status failure.
     *
     * @param status the HTTP status code
     * @return e.g. {@code http_404}
     */
    public static String httpWord(int status) {
        return "http_" + status;
    }

    /**
     * Returns the failure word.
     *
     * @return e.g. {@code hash_mismatch}
     */
    public String word() {
        return word;
    }
}
