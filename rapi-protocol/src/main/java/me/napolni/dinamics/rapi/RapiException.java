package me.napolni.dinamics.rapi;

import java.io.IOException;

import me.napolni.dinamics.rapi.codec.RapiFrame;

/**
 * The one exception family of the RAPI library: callers catch this type and switch on {@link #reason()}.
 * Messages name the command and, where there was one, the raw reply frame.
 */
public class RapiException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The reason. */
    private final RapiErrorReason reason;

    /**
     * An exception with a reason.
     *
     * @param reason  why the request failed
     * @param message what happened, for logs
     */
    public RapiException(RapiErrorReason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    /**
     * An exception with a reason and a cause.
     *
     * @param reason  why the request failed
     * @param message what happened, for logs
     * @param cause   the underlying failure
     */
    public RapiException(RapiErrorReason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    /**
     * A {@code $NK} answer to a request.
     *
     * @param code  the request's two command letters
     * @param reply the {@code $NK} frame
     * @return an exception with reason {@link RapiErrorReason#NK}
     */
    public static RapiException nk(String code, RapiFrame reply) {
        return new RapiException(RapiErrorReason.NK, "$" + code + " refused: " + reply);
    }

    /**
     * A reply the request cannot be parsed from.
     *
     * @param code  the request's two command letters
     * @param reply the reply frame
     * @param why   what is wrong with it
     * @return an exception with reason {@link RapiErrorReason#MALFORMED_REPLY}
     */
    public static RapiException malformed(String code, RapiFrame reply, String why) {
        return new RapiException(RapiErrorReason.MALFORMED_REPLY, "$" + code + " reply " + reply + ": " + why);
    }

    /**
     * Why the request failed.
     *
     * @return the reason
     */
    public RapiErrorReason reason() {
        return reason;
    }

    /**
     * Whether sending the same request again may succeed.
     *
     * @return {@code reason().retryable()}
     */
    public boolean retryable() {
        return reason.retryable();
    }
}
