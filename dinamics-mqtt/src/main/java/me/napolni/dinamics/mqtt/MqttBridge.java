package me.napolni.dinamics.mqtt;

import java.nio.file.Path;

import me.napolni.dinamics.core.device.DeviceControl;
import me.napolni.dinamics.mqtt.internal.BridgeEngine;
import me.napolni.dinamics.mqtt.internal.HostFacts;

/**
 * The gateway on MQTT: the {@code Dinamics/<serial>/} topics of TOPICS.md, over MQTT 3.1.1 or 5.
 *
 * <p>It reads the gateway's status snapshots and submits commands through {@link DeviceControl}; it never changes
 * the gateway's state itself. It connects in the background and keeps reconnecting (1 s, doubling up to
 * {@code timer11}); {@link #close()} publishes {@code offline} and disconnects.
 * <pre>
 *   try (MqttBridge bridge = MqttBridge.start(MqttConfig.of("tcp://127.0.0.1:1883"), gateway)) {
 *       ... // the gateway runs
 *   }
 * </pre>
 */
public interface MqttBridge extends AutoCloseable {

    /**
     * Starts a bridge; returns at once and connects in the background.
     *
     * @param config the broker and topic settings
     * @param device the gateway
     * @return the running bridge
     * @throws IllegalArgumentException when the CA file cannot be read
     */
    static MqttBridge start(MqttConfig config, DeviceControl device) {
        return BridgeEngine.start(config, device);
    }

    /**
     * Returns the serial used when none is configured: the MAC of the host's lowest-named non-loopback interface
     * with a 6-byte hardware address, as 12 upper-case hex digits, or else a random 12-hex id made once and kept in
     * {@code dataDir}.
     *
     * @param dataDir where a random id is kept, or null
     * @return the serial
     */
    static String defaultSerial(Path dataDir) {
        return HostFacts.defaultSerial(dataDir);
    }

    /**
     * Returns the serial in the topics.
     *
     * @return the serial
     */
    String serial();

    /**
     * Returns the topic prefix, {@code <root>/<serial>/}.
     *
     * @return the prefix, ending in {@code /}
     */
    String topicPrefix();

    /**
     * Tells whether the bridge is connected and subscribed now.
     *
     * @return true when connected
     */
    boolean connected();

    /** Publishes {@code offline}, disconnects and stops; safe to call twice. */
    @Override
    void close();
}
