package me.napolni.dinamics.rapi.transport;

import me.napolni.dinamics.rapi.RapiException;

/**
 * A byte link to a RAPI controller (or, for an emulator, to a client). The same byte stream flows over every
 * transport; framing is the codec's job. A transport is opened, read by one thread, written by one thread at a
 * time, and closed; after a failure or a close it can be opened again.
 * <pre>{@code
 * transport.open();                                   // RapiException PORT_UNAVAILABLE if it cannot
 * int n = transport.read(buffer, 0, buffer.length, 100);
 * if (n == RapiTransport.NO_BYTES) { ... timed out, poll again ... }
 * transport.write(frame, 0, length);
 * transport.close();                                  // a blocked read ends with reason CLOSED
 * }</pre>
 * Failures are {@link RapiException}s: {@link me.napolni.dinamics.rapi.RapiErrorReason#PORT_UNAVAILABLE} when the
 * port cannot be opened or the link broke (device unplugged, peer hung up), and
 * {@link me.napolni.dinamics.rapi.RapiErrorReason#CLOSED} when it is used while closed.
 */
public interface RapiTransport extends AutoCloseable {
    /** What {@link #read(byte[], int, int, long)} returns when the timeout elapsed without a byte. */
    int NO_BYTES = 0;

    /**
     * Opens the link, closing first whatever is left of an earlier, failed opening.
     *
     * @throws RapiException PORT_UNAVAILABLE if the port or peer cannot be reached
     */
    void open() throws RapiException;

    /**
     * Reads what has arrived, waiting at most {@code timeoutMs} for the first byte.
     *
     * @param buffer    destination
     * @param offset    where to write in {@code buffer}
     * @param length    the most bytes to read, at least 1
     * @param timeoutMs the longest wait for the first byte, at least 1
     * @return the number of bytes read, or {@link #NO_BYTES} if none arrived in time
     * @throws RapiException CLOSED if the transport is (or gets) closed, PORT_UNAVAILABLE if the link broke
     */
    int read(byte[] buffer, int offset, int length, long timeoutMs) throws RapiException;

    /**
     * Writes all the bytes.
     *
     * @param buffer source
     * @param offset first byte
     * @param length number of bytes
     * @throws RapiException CLOSED if the transport is closed, PORT_UNAVAILABLE if the link broke
     */
    void write(byte[] buffer, int offset, int length) throws RapiException;

    /**
     * Whether the link is open and has not failed.
     *
     * @return true between a successful {@link #open()} and a close or failure
     */
    boolean isOpen();

    /** Closes the link; idempotent. A thread blocked in {@link #read} returns with reason CLOSED. */
    @Override
    void close();

    /**
     * A short description for logs and error messages, such as the port path or host:port.
     *
     * @return the description
     */
    String describe();
}
