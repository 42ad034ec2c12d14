package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.device.DeviceControl;

/** Starts the MQTT bridge and the web server on a gateway, as far as this build has them. */
public final class Adapters {

    private Adapters() {
    }

    /**
     * What was started.
     *
     * @param mqtt true when the MQTT bridge runs
     * @param webUrl the web UI's address, or null
     * @param closer stops them
     */
    public record Started(boolean mqtt, String webUrl, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() {
            try {
                closer.close();
            } catch (Exception e) {
                // best effort on exit
            }
        }
    }

    /**
     * Starts the adapters.
     *
     * @param control the gateway
     * @param serial the MQTT serial
     * @param root the topic root
     * @param brokerUrl the broker, or null for no MQTT
     * @param webBind the web address, or null for no web UI
     * @param webPort the web port, 0 for a free one
     * @param loopbackWithoutToken true in simulate: no token on loopback
     * @return what runs
     */
    public static Started start(DeviceControl control, String serial, String root, String brokerUrl, String webBind,
            int webPort, boolean loopbackWithoutToken) {
        return new Started(false, null, () -> { });
    }
}
