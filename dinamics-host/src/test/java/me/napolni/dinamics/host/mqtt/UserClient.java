package me.napolni.dinamics.host.mqtt;

import org.awaitility.core.ConditionTimeoutException;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * A plain MQTT client as a user runs one (Paho 3.1.1 or 5): publishes commands at QoS 1, records everything it
 * receives with QoS and RETAIN. On MQTT 5 it subscribes with "retain as published", so a live message keeps the
 * publisher's RETAIN flag; on 3.1.1 only a replayed retained message carries it.
 */
final class UserClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    /**
     * One received message.
     *
     * @param topic the topic
     * @param payload the bytes
     * @param qos the QoS it came with
     * @param retained the RETAIN flag it came with
     */
    record Received(String topic, byte[] payload, int qos, boolean retained) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return topic + " = " + text() + " (qos " + qos + (retained ? ", retained)" : ")");
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final MqttClient v3;
    private final org.eclipse.paho.mqttv5.client.MqttClient v5;

    UserClient(String uri, int version) {
        String id = "user-" + UUID.randomUUID();
        try {
            if (version == 5) {
                v3 = null;
                v5 = new org.eclipse.paho.mqttv5.client.MqttClient(uri, id,
                        new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
                v5.setCallback(new V5Callback());
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setCleanStart(true);
                v5.connect(options);
            } else {
                v5 = null;
                v3 = new MqttClient(uri, id, new MemoryPersistence());
                v3.setCallback(new MqttCallback() {
                    @Override
                    public void connectionLost(Throwable cause) {
                    }

                    @Override
                    public void messageArrived(String topic, MqttMessage message) {
                        received.add(new Received(topic, message.getPayload(), message.getQos(),
                                message.isRetained()));
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                    }
                });
                MqttConnectOptions options = new MqttConnectOptions();
                options.setCleanSession(true);
                options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                options.setMaxInflight(1000);
                v3.connect(options);
            }
        } catch (MqttException | org.eclipse.paho.mqttv5.common.MqttException e) {
            throw new IllegalStateException("cannot connect to " + uri, e);
        }
    }

    private final class V5Callback implements org.eclipse.paho.mqttv5.client.MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {
        }

        @Override
        public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
            received.add(new Received(topic, message.getPayload(), message.getQos(), message.isRetained()));
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
    }

    UserClient subscribe(String filter) {
        try {
            if (v5 != null) {
                MqttSubscription subscription = new MqttSubscription(filter, 2);
                subscription.setRetainAsPublished(true);
                v5.subscribe(new MqttSubscription[] {subscription});
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

    Received awaitMatch(int mark, Predicate<Received> match, String what) {
        Received[] found = new Received[1];
        try {
            await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
                for (Received r : since(mark)) {
                    if (match.test(r)) {
                        found[0] = r;
                        return true;
                    }
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + WAIT + "; got " + since(mark), e);
        }
        return found[0];
    }

    Received awaitPayload(String topic, String payload, int mark) {
        return awaitMatch(mark, r -> r.topic().equals(topic) && r.text().equals(payload), topic + " = " + payload);
    }

    Received awaitOn(String topic, int mark) {
        return awaitMatch(mark, r -> r.topic().equals(topic), "a message on " + topic);
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
}
