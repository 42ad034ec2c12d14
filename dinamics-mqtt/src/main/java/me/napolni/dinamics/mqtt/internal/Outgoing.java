package me.napolni.dinamics.mqtt.internal;

/**
 * One message to publish, with its topic relative to {@code ~/} and its class (TOPICS.md section 1).
 *
 * @param topic the topic relative to {@code ~/}, or absolute when {@code absolute} is true
 * @param payload the payload text (UTF-8)
 * @param kind the message class
 * @param absolute true when {@code topic} is a full topic (Home Assistant discovery)
 */
public record Outgoing(String topic, String payload, MessageClass kind, boolean absolute) {

    /** The classes of TOPICS.md section 1, plus the snapshot's own (QoS 0, retained). */
    public enum MessageClass {
        /** Telemetry: QoS 0, not retained. */
        T(0, false),
        /** State: QoS 1, retained. */
        S(1, true),
        /** Replies: QoS 1, not retained. */
        R(1, false),
        /** The snapshot (7.1): QoS 0, retained. */
        SNAPSHOT(0, true);

        private final int qos;
        private final boolean retained;

        MessageClass(int qos, boolean retained) {
            this.qos = qos;
            this.retained = retained;
        }

        /**
         * Returns the QoS.
         *
         * @return 0 or 1
         */
        public int qos() {
            return qos;
        }

        /**
         * Returns the retain flag.
         *
         * @return true when retained
         */
        public boolean retained() {
            return retained;
        }
    }

    /**
     * A message on a topic under {@code ~/}.
     *
     * @param topic relative topic
     * @param payload text
     * @param kind class
     * @return the message
     */
    public static Outgoing of(String topic, String payload, MessageClass kind) {
        return new Outgoing(topic, payload, kind, false);
    }
}
