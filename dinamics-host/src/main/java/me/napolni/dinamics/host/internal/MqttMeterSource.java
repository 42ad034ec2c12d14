package me.napolni.dinamics.host.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import me.napolni.dinamics.core.time.NanoClock;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Mains current from an MQTT topic that carries JSON (a Shelly, Tasmota or smart-meter reader), one JSON path per
 * phase. The only class of the meter side that knows Paho.
 *
 * <p>Each message gives a reading of every phase whose path yields a finite, non-negative number, stamped on
 * arrival. A message that is not JSON, or whose paths lead nowhere, is logged and changes nothing, so the readings
 * age and the failsafe acts if nothing good follows.
 */
public final class MqttMeterSource implements MeasurementSource {

    private static final System.Logger LOG = System.getLogger(MqttMeterSource.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String url;
    private final String topic;
    private final List<JsonPath> paths;
    private final String username;
    private final char[] password;
    private final String clientId;
    private final NanoClock clock;
    private volatile long badMessages;
    private MqttClient client;

    /**
     * Creates a source.
     *
     * @param url the broker, {@code tcp://host:port}
     * @param topic the topic
     * @param paths one JSON path per phase
     * @param username the user or null
     * @param password the password or null
     * @param clientId this client's id
     * @param clock the gateway's clock
     */
    public MqttMeterSource(String url, String topic, List<String> paths, String username, String password,
            String clientId, NanoClock clock) {
        this.url = url;
        this.topic = topic;
        this.paths = new ArrayList<>();
        for (String path : paths) {
            this.paths.add(JsonPath.parse(path));
        }
        this.username = username;
        this.password = password == null ? null : password.toCharArray();
        this.clientId = clientId;
        this.clock = clock;
    }

    @Override
    public void start(MainsReadings sink) throws IOException {
        try {
            client = new MqttClient(url, clientId, new MemoryPersistence());
            client.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                    try {
                        client.subscribe(topic, 0);
                    } catch (MqttException e) {
                        LOG.log(Level.WARNING, "meter topic " + topic + ": cannot subscribe: " + e.getMessage());
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {
                    LOG.log(Level.WARNING, "meter broker " + url + " lost: " + cause.getMessage() + "; reconnecting");
                }

                @Override
                public void messageArrived(String from, MqttMessage message) {
                    accept(message.getPayload(), sink);
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // the meter source publishes nothing
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setAutomaticReconnect(true);
            options.setKeepAliveInterval(30);
            options.setMaxReconnectDelay(30_000);
            if (username != null) {
                options.setUserName(username);
            }
            if (password != null) {
                options.setPassword(password);
            }
            client.connect(options);
        } catch (MqttException e) {
            throw new IOException("meter broker " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Handles one payload (public for tests).
     *
     * @param payload the message
     * @param sink where readings go
     * @return how many phases it gave
     */
    public int accept(byte[] payload, MainsReadings sink) {
        long nowNs = clock.nanoTime();
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (IOException e) {
            badMessages++;
            LOG.log(Level.WARNING, "meter topic " + topic + ": not JSON (" + payload.length + " bytes), ignored");
            return 0;
        }
        int good = 0;
        for (int phase = 0; phase < paths.size(); phase++) {
            double amps = root == null ? Double.NaN : paths.get(phase).number(root);
            if (Double.isFinite(amps) && amps >= 0) {
                sink.amps(phase, amps, nowNs);
                good++;
            }
        }
        if (good < paths.size()) {
            badMessages++;
            LOG.log(Level.WARNING, "meter topic " + topic + ": " + (paths.size() - good) + " of " + paths.size()
                    + " paths gave no current " + paths);
        }
        return good;
    }

    /**
     * Returns how many messages were refused in part or whole.
     *
     * @return the count
     */
    public long badMessages() {
        return badMessages;
    }

    @Override
    public String description() {
        return "mqtt " + url + " " + topic + " " + paths;
    }

    @Override
    public void close() {
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.disconnect(1_000);
                }
                client.close(true);
            } catch (MqttException e) {
                // closing is best effort
            }
        }
    }
}
