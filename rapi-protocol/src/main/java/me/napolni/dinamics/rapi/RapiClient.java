package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiDecodeStats;
import me.napolni.dinamics.rapi.internal.DefaultRapiClient;
import me.napolni.dinamics.rapi.transport.RapiTransport;

/**
 * A RAPI client: sends typed requests to one controller, one at a time, and delivers its notifications
 * (RAPI.md section 7 is the contract). Thread-safe: any number of threads may call {@link #send}; they are
 * served in order (heartbeat pulses first), never interleaved on the wire.
 * <pre>{@code
 * try (RapiClient client = RapiClient.connect(SerialTransport.of("/dev/ttyUSB0"), RapiClientOptions.defaults())) {
 *     client.addListener(n -> log(n));
 *     Versions versions = client.probeSequenceIds();          // $GV with an id: are ids echoed?
 *     SetCurrentResult r = client.send(RapiRequests.setCurrent(16, true));
 * } catch (RapiException e) {
 *     switch (e.reason()) { case TIMEOUT: ... case PORT_UNAVAILABLE: ... }
 * }
 * }</pre>
 * Every request completes exactly once: with its reply, a {@link RapiTimeoutException}, or a
 * {@link RapiException} with reason NK, MALFORMED_REPLY, CORRUPTED_REQUEST, PORT_UNAVAILABLE (the link failed;
 * {@link #reopen()} or the automatic reopen brings it back), CLOSED or QUEUE_FULL.
 */
public interface RapiClient extends AutoCloseable {

    /**
     * Opens the transport if it is not open, and starts the reader and notification delivery threads. With
     * {@link RapiClientOptions#autoReopen()} a transport that cannot be opened yet is retried in the background
     * (with back-off), and the client is returned not yet {@link #isConnected() connected}.
     *
     * @param transport the link to the controller; the client owns it from now on
     * @param options   the settings
     * @return a client
     * @throws RapiException PORT_UNAVAILABLE if the transport cannot be opened and automatic reopening is off
     */
    static RapiClient connect(RapiTransport transport, RapiClientOptions options) throws RapiException {
        return DefaultRapiClient.connect(transport, options);
    }

    /**
     * Sends a request and waits for its reply, at most the configured request timeout (the boot timeout for
     * {@code $FR}, which completes with the {@code $AB} that ends the restart).
     *
     * @param request the request
     * @param <R>     the typed reply
     * @return the parsed reply
     * @throws RapiException for every failure; {@link RapiTimeoutException} when no reply came in time
     */
    <R> R send(RapiRequest<R> request) throws RapiException;

    /**
     * Sends a request with its own reply timeout.
     *
     * @param request   the request
     * @param timeoutMs how long to wait for the reply once it is written, at least 1
     * @param <R>       the typed reply
     * @return the parsed reply
     * @throws RapiException for every failure; {@link RapiTimeoutException} when no reply came in time
     */
    <R> R send(RapiRequest<R> request, long timeoutMs) throws RapiException;

    /**
     * Detects sequence-id support (RAPI.md 1.4): sends {@code $GV} with an id and accepts the reply with or
     * without it; ids are used from now on only if the controller echoed it. Sending ids is harmless for get
     * commands on every firmware.
     *
     * @return the controller's versions
     * @throws RapiException if the controller did not answer
     */
    Versions probeSequenceIds() throws RapiException;

    /**
     * Whether requests carry sequence ids now.
     *
     * @return true when ids are sent and checked
     */
    boolean sequenceIdsEnabled();

    /**
     * Adds a notification listener. Listeners run on the delivery thread, in the order they were added.
     *
     * @param listener the listener
     */
    void addListener(RapiNotificationListener listener);

    /**
     * Removes a listener added before.
     *
     * @param listener the listener
     */
    void removeListener(RapiNotificationListener listener);

    /**
     * Whether the link is up (the transport is open and has not failed) and the client is not closed.
     *
     * @return true when requests can be sent
     */
    boolean isConnected();

    /**
     * Closes and opens the transport again, e.g. after it failed. Requests waiting at that moment fail with
     * PORT_UNAVAILABLE.
     *
     * @throws RapiException PORT_UNAVAILABLE if it cannot be opened, CLOSED if the client is closed
     */
    void reopen() throws RapiException;

    /**
     * The counters since connect.
     *
     * @return a snapshot
     */
    RapiClientStats stats();

    /**
     * The decoder's counters for everything received: frames and each kind of anomaly (RAPI.md 7, item 14).
     *
     * @return the live counters
     */
    RapiDecodeStats decodeStats();

    /**
     * Closes the client: the waiting and queued requests fail with reason CLOSED, the transport is closed, the
     * notifications received before are still handed to the listeners, and the threads stop. Idempotent.
     */
    @Override
    void close();
}
