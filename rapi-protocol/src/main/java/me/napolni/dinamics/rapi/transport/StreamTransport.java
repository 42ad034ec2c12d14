package me.napolni.dinamics.rapi.transport;

import java.io.IOException;

import me.napolni.dinamics.rapi.RapiErrorReason;
import me.napolni.dinamics.rapi.RapiException;

/**
 * The open/closed bookkeeping the serial and TCP transports share: one {@code open} flag, a lock that keeps
 * {@code open()} and {@code close()} apart, and the two ways a request fails (CLOSED after a close,
 * PORT_UNAVAILABLE once when the link breaks, CLOSED after that).
 *
 * <p>Package-private: the public types are the transports themselves.
 */
abstract class StreamTransport implements RapiTransport {

    /** Held by {@code open()} and {@link #close()}; {@link #closeQuietly()} runs under it. */
    final Object stateLock = new Object();

    private final String label;
    private volatile boolean open;

    /**
     * Names the link in error messages.
     *
     * @param label what messages start with, such as the device path
     */
    StreamTransport(String label) {
        this.label = label;
    }

    /**
     * Clamps a read timeout to what the device calls take: at least 1 ms, at most {@code Integer.MAX_VALUE}.
     *
     * @param timeoutMs the caller's timeout
     * @return the timeout to set
     */
    static int readTimeoutMs(long timeoutMs) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMs));
    }

    /** Marks the link open; the subclass has its device or socket in place. */
    final void markOpen() {
        open = true;
    }

    /** Marks the link closed and releases the device; call with {@link #stateLock} held. */
    final void closeQuietly() {
        open = false;
        release();
    }

    /** Releases the device or socket, if any, ignoring errors. */
    abstract void release();

    /**
     * The failure of a request on a closed link.
     *
     * @return reason CLOSED
     */
    final RapiException closed() {
        return new RapiException(RapiErrorReason.CLOSED, label + " is closed");
    }

    /**
     * The link broke: closes it and says why, or says it is closed when it already was.
     *
     * @param why what failed
     * @return reason PORT_UNAVAILABLE, or CLOSED when the link was not open
     */
    final RapiException broken(String why) {
        return open ? lost(why, null) : closed();
    }

    /**
     * The link broke with an I/O error: closes it and says why, or says it is closed when it already was.
     *
     * @param e what failed
     * @return reason PORT_UNAVAILABLE with the error as cause, or CLOSED when the link was not open
     */
    final RapiException broken(IOException e) {
        return open ? lost(e.getMessage(), e) : closed();
    }

    /**
     * The link is gone, whatever state it was in: closes it and says why.
     *
     * @param why what happened
     * @param cause the underlying error, or null
     * @return reason PORT_UNAVAILABLE
     */
    final RapiException lost(String why, Throwable cause) {
        open = false;
        String message = label + ": " + why;
        return cause == null ? new RapiException(RapiErrorReason.PORT_UNAVAILABLE, message)
                : new RapiException(RapiErrorReason.PORT_UNAVAILABLE, message, cause);
    }

    @Override
    public final boolean isOpen() {
        return open;
    }

    @Override
    public final void close() {
        synchronized (stateLock) {
            closeQuietly();
        }
    }

    @Override
    public final String toString() {
        return describe();
    }
}
