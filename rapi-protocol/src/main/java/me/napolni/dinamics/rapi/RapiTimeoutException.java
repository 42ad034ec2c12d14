package me.napolni.dinamics.rapi;

/** No reply arrived within the request's timeout; reason {@link RapiErrorReason#TIMEOUT}. */
public final class RapiTimeoutException extends RapiException {
    private static final long serialVersionUID = 1L;

    /** The timeout that elapsed. */
    private final long timeoutMs;

    /**
     * A timeout.
     *
     * @param message   which request timed out
     * @param timeoutMs the timeout that elapsed, in milliseconds
     */
    public RapiTimeoutException(String message, long timeoutMs) {
        super(RapiErrorReason.TIMEOUT, message + " (no reply within " + timeoutMs + " ms)");
        this.timeoutMs = timeoutMs;
    }

    /**
     * The timeout that elapsed.
     *
     * @return milliseconds
     */
    public long timeoutMs() {
        return timeoutMs;
    }
}
