package me.napolni.dinamics.mqtt.internal;

import java.io.IOException;
import java.util.List;

/** A session with a broker, as the bridge needs it; {@link PahoConnection} is the one implementation. */
public interface BrokerLink {

    /** What the link reports; called on the client library's thread, so implementations must not block. */
    interface Handler {
        /**
         * A message arrived on a subscribed topic.
         *
         * @param topic the full topic
         * @param payload the payload
         * @param retained the RETAIN flag
         * @param duplicate the DUP flag (a redelivery)
         * @param messageId the packet id (0 for QoS 0)
         */
        void onMessage(String topic, byte[] payload, boolean retained, boolean duplicate, int messageId);

        /**
         * The session ended without {@link BrokerLink#disconnect}.
         *
         * @param cause why, if known
         */
        void onLost(Throwable cause);
    }

    /**
     * Opens a clean session, with the last will set; blocks until it is up or failed.
     *
     * @param handler where messages and loss go
     * @throws IOException when the broker cannot be reached or refuses
     */
    void connect(Handler handler) throws IOException;

    /**
     * Subscribes to exact topics at one QoS; blocks until the broker grants them.
     *
     * @param topics full topic names
     * @param qos 0 or 1
     * @throws IOException when refused or the session is gone
     */
    void subscribe(List<String> topics, int qos) throws IOException;

    /**
     * Queues a message; never blocks. Messages keep their order.
     *
     * @param topic full topic
     * @param payload bytes
     * @param qos 0 or 1
     * @param retained the RETAIN flag
     * @return false when the session is down and the message was dropped
     */
    boolean publish(String topic, byte[] payload, int qos, boolean retained);

    /**
     * Waits until every queued QoS 1 message is acknowledged.
     *
     * @param timeoutMs the longest wait
     * @return true when all were
     */
    boolean flush(long timeoutMs);

    /**
     * Tells whether the session is up.
     *
     * @return true when connected
     */
    boolean connected();

    /** Ends the session cleanly (no last will) and frees the client; safe to call twice. */
    void disconnect();
}
