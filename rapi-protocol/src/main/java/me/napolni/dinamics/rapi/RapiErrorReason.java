package me.napolni.dinamics.rapi;

/** Why a RAPI request failed: the one switchable reason of every {@link RapiException}. */
public enum RapiErrorReason {
    /** No reply within the request's timeout. */
    TIMEOUT(true),
    /** The controller answered {@code $NK}: refused, unknown, or not compiled into this build. */
    NK(false),
    /** The reply was a frame, but not one the request can be parsed from (missing or non-numeric fields). */
    MALFORMED_REPLY(false),
    /** A reply carried an id other than the pending request's (stale or foreign reply). */
    BAD_SEQUENCE(true),
    /**
     * A bare {@code $NK} without an id answered a request sent with one: the controller saw a corrupted request
     * (bad checksum on the way in) and did not execute it.
     */
    CORRUPTED_REQUEST(true),
    /** The request breaks the frame rules (characters, length, tokens, value range) and was never sent. */
    INVALID_REQUEST(false),
    /** The serial port or socket could not be opened. */
    PORT_UNAVAILABLE(true),
    /** The link to the controller broke while the request was queued or in flight. */
    LINK_LOST(true),
    /** The client was closed before the request completed. */
    CLOSED(false),
    /** The bounded request queue was full. */
    QUEUE_FULL(true),
    /** The controller did not announce its restart ({@code $AB}) within the boot timeout. */
    BOOT_TIMEOUT(true),
    /** The calling thread was interrupted while waiting for the reply. */
    INTERRUPTED(false);

    private final boolean retryable;

    RapiErrorReason(boolean retryable) {
        this.retryable = retryable;
    }

    /**
     * Whether sending the same request again may succeed.
     *
     * @return true for transient reasons
     */
    public boolean retryable() {
        return retryable;
    }
}
