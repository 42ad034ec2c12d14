package me.napolni.dinamics.mqtt;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A user's client, as {@code mosquitto_sub}/{@code mosquitto_pub} would be: records everything it receives, with
 * QoS and RETAIN. On MQTT 5 it subscribes with "retain as published", so the RETAIN flag of live messages is
 * the publisher's; on 3.1.1 the broker clears it on live messages and sets it only on replayed retained ones.
 */
final class TestClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(Long.getLong("mqtt.test.waitSeconds", 15));

    /** One received message. */
    record Received(String topic, byte[] payload, int qos, boolean retained) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return topic + " = " + text() + " (qos " + qos + (retained ? ", retained)" : ")");
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final int version;
    private final MqttClient v3;
    private final org.eclipse.paho.mqttv5.client.MqttClient v5;

    TestClient(String uri, int version) {
        this(uri, version, "test-" + UUID.randomUUID(), true);
    }

    TestClient(String uri, int version, String clientId, boolean clean) {
        this.version = version;
        try {
            if (version == 5) {
                v3 = null;
                v5 = new org.eclipse.paho.mqttv5.client.MqttClient(uri, clientId,
                        new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
                v5.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
                    @Override
                    public void disconnected(MqttDisconnectResponse r) {
                    }

                    @Override
                    public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {
                    }

                    @Override
                    public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) {
                        received.add(new Received(topic, m.getPayload(), m.getQos(), m.isRetained()));
                    }

                    @Override
                    public void deliveryComplete(IMqttToken token) {
                    }

                    @Override
                    public void connectComplete(boolean reconnect, String serverUri) {
                    }

                    @Override
                    public void authPacketArrived(int reasonCode, MqttProperties properties) {
                    }
                });
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setCleanStart(clean);
                o.setSessionExpiryInterval(clean ? 0L : 3600L);
                v5.connect(o);
            } else {
                v5 = null;
                v3 = new MqttClient(uri, clientId, new MemoryPersistence());
                v3.setCallback(new MqttCallback() {
                    @Override
                    public void connectionLost(Throwable cause) {
                    }

                    @Override
                    public void messageArrived(String topic, MqttMessage m) {
                        received.add(new Received(topic, m.getPayload(), m.getQos(), m.isRetained()));
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                    }
                });
                MqttConnectOptions o = new MqttConnectOptions();
                o.setCleanSession(clean);
                o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                o.setMaxInflight(1000);
                v3.connect(o);
            }
        } catch (MqttException | org.eclipse.paho.mqttv5.common.MqttException e) {
            throw new IllegalStateException("cannot connect the test client to " + uri, e);
        }
    }

    TestClient subscribe(String filter) {
        try {
            if (v5 != null) {
                MqttSubscription s = new MqttSubscription(filter, 2);
                s.setRetainAsPublished(true);
                v5.subscribe(new MqttSubscription[] {s});
            } else {
                v3.subscribe(filter, 2);
            }
        } catch (MqttException | org.eclipse.paho.mqttv5.common.MqttException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    void publish(String topic, byte[] payload, boolean retained) {
        try {
            if (v5 != null) {
                v5.publish(topic, payload, 1, retained);
            } else {
                v3.publish(topic, payload, 1, retained);
            }
        } catch (MqttException | org.eclipse.paho.mqttv5.common.MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), false);
    }

    int mark() {
        return received.size();
    }

    List<Received> since(int mark) {
        List<Received> all = new ArrayList<>(received);
        return all.subList(Math.min(mark, all.size()), all.size());
    }

    List<Received> on(String topic, int mark) {
        List<Received> out = new ArrayList<>();
        for (Received r : since(mark)) {
            if (r.topic().equals(topic)) {
                out.add(r);
            }
        }
        return out;
    }

    Received awaitMessage(int mark, Predicate<Received> match, String what) {
        Received[] found = new Received[1];
        await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).alias(what + "; got " + since(mark)).until(() -> {
            for (Received r : since(mark)) {
                if (match.test(r)) {
                    found[0] = r;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    Received awaitOn(String topic, int mark) {
        return awaitMessage(mark, r -> r.topic().equals(topic), "a message on " + topic);
    }

    Received awaitPayload(String topic, String payload, int mark) {
        return awaitMessage(mark, r -> r.topic().equals(topic) && r.text().equals(payload),
                topic + " = " + payload);
    }

    @Override
    public void close() {
        try {
            if (v5 != null) {
                if (v5.isConnected()) {
                    v5.disconnect();
                }
                v5.close();
            } else {
                if (v3.isConnected()) {
                    v3.disconnect();
                }
                v3.close();
            }
        } catch (MqttException | org.eclipse.paho.mqttv5.common.MqttException e) {
            // the broker may be gone already
        }
    }

    void disconnectQuietly() {
        close();
    }
}
