package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.device.DeviceControl;
import me.napolni.dinamics.host.Gateway;
import me.napolni.dinamics.mqtt.MqttBridge;
import me.napolni.dinamics.mqtt.MqttConfig;
import me.napolni.dinamics.web.WebConfig;
import me.napolni.dinamics.web.WebServer;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** Starts the MQTT bridge and the web server on a gateway. */
public final class Adapters {

    private static final System.Logger LOG = System.getLogger(Adapters.class.getName());

    private Adapters() {
    }

    /**
     * What was started.
     *
     * @param bridge the MQTT bridge, or null
     * @param webUrl the web UI's address, or null
     * @param web stops the web server
     */
    public record Started(MqttBridge bridge, String webUrl, AutoCloseable web) implements AutoCloseable {

        /**
         * Tells whether the MQTT bridge runs.
         *
         * @return true with a bridge
         */
        public boolean mqtt() {
            return bridge != null;
        }

        @Override
        public void close() {
            try {
                web.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "web server did not stop cleanly: " + e.getMessage());
            }
            if (bridge != null) {
                try {
                    bridge.close();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "MQTT bridge did not stop cleanly: " + e.getMessage());
                }
            }
        }
    }

    /**
     * Starts the adapters.
     *
     * @param control the gateway
     * @param mqtt the MQTT configuration, or null for no MQTT
     * @param webBind the web address, or null for no web UI
     * @param webPort the web port, 0 for a free one
     * @param loopbackWithoutToken true in simulate: no token on loopback
     * @param token the web access token, or null for none
     * @return what runs
     */
    public static Started start(DeviceControl control, MqttConfig mqtt, String webBind, int webPort,
            boolean loopbackWithoutToken, String token) {
        return start(control, mqtt, webBind, webPort, loopbackWithoutToken, token, Optional::empty);
    }

    /**
     * Starts the adapters, the web UI served from an installed bundle when there is one.
     *
     * @param control the gateway
     * @param mqtt the MQTT configuration, or null for no MQTT
     * @param webBind the web address, or null for no web UI
     * @param webPort the web port, 0 for a free one
     * @param loopbackWithoutToken true in simulate: no token on loopback
     * @param token the web access token, or null for none
     * @param assetDir the installed web UI bundle's directory, asked on each request (empty: the built-in UI)
     * @return what runs
     */
    public static Started start(DeviceControl control, MqttConfig mqtt, String webBind, int webPort,
            boolean loopbackWithoutToken, String token, Supplier<Optional<Path>> assetDir) {
        MqttBridge bridge = mqtt == null ? null : MqttBridge.start(mqtt, control);
        if (webBind == null) {
            return new Started(bridge, null, () -> { });
        }
        try {
            WebServer web = WebServer.start(control, WebConfig.of(() -> token).withBindAddress(webBind)
                    .withPort(webPort).withOpenOnLoopback(loopbackWithoutToken).withAssetDir(assetDir));
            if (control instanceof Gateway gateway) {
                LoopMetrics.register(web.meterRegistry(), gateway::passIntervals);
            }
            String host = "0.0.0.0".equals(webBind) ? "127.0.0.1" : webBind;
            return new Started(bridge, "http://" + host + ":" + web.port() + "/", web);
        } catch (RuntimeException e) {
            if (bridge != null) {
                bridge.close();
            }
            throw e;
        }
    }
}
