package me.napolni.dinamics.mqtt.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

import javax.net.SocketFactory;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The only class that touches Eclipse Paho: MQTT 3.1.1 through the mqttv3 client and MQTT 5 through the mqttv5
 * client, both asynchronous with {@code MemoryPersistence}, clean session, the last will, and a small send window.
 *
 * <p>Why a window of our own: an asynchronous Paho client refuses a QoS 1 publish (it does not wait) once its
 * in-flight limit, or an MQTT 5 broker's receive maximum, is reached. The bridge sends a burst on every connect
 * (the S-class state and discovery), so messages beyond the window wait here, in order, and are sent as
 * acknowledgements come back. A new session starts with an empty queue: nothing made while offline is sent late.
 */
public final class PahoConnection implements BrokerLink {

    /**
     * How to reach the broker.
     *
     * @param serverUri {@code tcp://host:port} or {@code ssl://host:port}
     * @param mqttVersion 3 (3.1.1) or 5
     * @param clientId the client id
     * @param username the user, or null
     * @param password the password, or null
     * @param socketFactory a TLS socket factory, or null for the default
     * @param willTopic the last will's full topic
     * @param willPayload the last will's payload (QoS 1, retained)
     * @param keepAliveS the keepalive, seconds
     * @param connectTimeoutS how long a connect attempt may take, seconds
     */
    public record Settings(String serverUri, int mqttVersion, String clientId, String username, String password,
            SocketFactory socketFactory, String willTopic, byte[] willPayload, int keepAliveS, int connectTimeoutS) {
    }

    /** QoS 1 messages on the wire at once; below Paho's own limit and any broker's receive maximum we meet. */
    static final int WINDOW = 10;
    /** Messages waiting for the window; beyond it a publish is dropped (never blocks). */
    static final int MAX_QUEUED = 10_000;

    private final Settings settings;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private Client client;
    private long generation;
    private int inflight;
    private boolean up;

    private record Pending(String topic, byte[] payload, int qos, boolean retained) {
    }

    /** The two Paho clients behind one face. */
    private interface Client {
        void send(Pending p, Runnable done) throws IOException, WindowFullException;

        void subscribe(List<String> topics, int qos, long timeoutMs) throws IOException;

        void disconnect(long timeoutMs);
    }

    private static final class WindowFullException extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Creates an unconnected link.
     *
     * @param settings how to reach the broker
     */
    public PahoConnection(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void connect(Handler handler) throws IOException {
        Client fresh;
        long gen;
        synchronized (this) {
            generation++;
            gen = generation;
            queue.clear();
            inflight = 0;
            up = false;
        }
        fresh = settings.mqttVersion() == 5 ? V5.open(this, settings, handler, gen) : V3.open(this, settings, handler,
                gen);
        synchronized (this) {
            if (gen != generation) {
                fresh.disconnect(0);
                throw new IOException("superseded");
            }
            client = fresh;
            up = true;
        }
    }

    synchronized void lost(long gen) {
        if (gen == generation) {
            up = false;
            queue.clear();
            inflight = 0;
            notifyAll();
        }
    }

    private synchronized void acked(long gen) {
        if (gen == generation) {
            inflight--;
            drain();
            notifyAll();
        }
    }

    @Override
    public void subscribe(List<String> topics, int qos) throws IOException {
        Client c;
        synchronized (this) {
            c = up ? client : null;
        }
        if (c == null) {
            throw new IOException("not connected");
        }
        c.subscribe(topics, qos, settings.connectTimeoutS() * 1000L);
    }

    @Override
    public synchronized boolean publish(String topic, byte[] payload, int qos, boolean retained) {
        if (!up || queue.size() >= MAX_QUEUED) {
            return false;
        }
        queue.addLast(new Pending(topic, payload, qos, retained));
        drain();
        return true;
    }

    private void drain() {
        while (up && !queue.isEmpty()) {
            Pending p = queue.peekFirst();
            if (p.qos() > 0 && inflight >= WINDOW) {
                return;
            }
            queue.pollFirst();
            long gen = generation;
            try {
                if (p.qos() > 0) {
                    inflight++;
                    client.send(p, () -> acked(gen));
                } else {
                    client.send(p, null);
                }
            } catch (WindowFullException e) {
                if (p.qos() > 0) {
                    inflight--;
                }
                queue.addFirst(p);
                return;
            } catch (IOException e) {
                if (p.qos() > 0) {
                    inflight--;
                }
                // the session is going down; loss is reported separately
            }
        }
    }

    @Override
    public synchronized boolean flush(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (up && (inflight > 0 || !queue.isEmpty())) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
            if (leftMs <= 0) {
                return false;
            }
            try {
                wait(leftMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return inflight == 0 && queue.isEmpty();
    }

    @Override
    public synchronized boolean connected() {
        return up;
    }

    @Override
    public void disconnect() {
        Client c;
        synchronized (this) {
            generation++;
            c = client;
            client = null;
            up = false;
            queue.clear();
            inflight = 0;
            notifyAll();
        }
        if (c != null) {
            c.disconnect(2000);
        }
    }

    /** MQTT 3.1.1 through org.eclipse.paho.client.mqttv3. */
    private static final class V3 implements Client {
        private final MqttAsyncClient client;

        private V3(MqttAsyncClient client) {
            this.client = client;
        }

        static Client open(PahoConnection owner, Settings s, Handler handler, long gen) throws IOException {
            try {
                MqttAsyncClient c = new MqttAsyncClient(s.serverUri(), s.clientId(), new MemoryPersistence());
                MqttConnectOptions o = new MqttConnectOptions();
                o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                o.setCleanSession(true);
                o.setKeepAliveInterval(s.keepAliveS());
                o.setConnectionTimeout(s.connectTimeoutS());
                o.setAutomaticReconnect(false);
                o.setMaxInflight(WINDOW * 2);
                if (s.username() != null) {
                    o.setUserName(s.username());
                }
                if (s.password() != null) {
                    o.setPassword(s.password().toCharArray());
                }
                if (s.socketFactory() != null) {
                    o.setSocketFactory(s.socketFactory());
                }
                o.setWill(s.willTopic(), s.willPayload(), 1, true);
                c.setCallback(new MqttCallback() {
                    @Override
                    public void connectionLost(Throwable cause) {
                        owner.lost(gen);
                        handler.onLost(cause);
                    }

                    @Override
                    public void messageArrived(String topic, MqttMessage message) {
                        handler.onMessage(topic, message.getPayload(), message.isRetained(), message.isDuplicate(),
                                message.getId());
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                        // completion is tracked per message through its action listener
                    }
                });
                try {
                    c.connect(o).waitForCompletion(s.connectTimeoutS() * 1000L + 1000L);
                } catch (MqttException e) {
                    closeQuietly(c);
                    throw e;
                }
                return new V3(c);
            } catch (MqttException e) {
                throw new IOException("MQTT 3.1.1 connect to " + s.serverUri() + " failed: " + e.getMessage(), e);
            }
        }

        private static void closeQuietly(MqttAsyncClient c) {
            try {
                c.close(true);
            } catch (MqttException e) {
                // nothing more to free
            }
        }

        @Override
        public void send(Pending p, Runnable done) throws IOException, WindowFullException {
            try {
                MqttMessage m = new MqttMessage(p.payload());
                m.setQos(p.qos());
                m.setRetained(p.retained());
                if (done == null) {
                    client.publish(p.topic(), m);
                } else {
                    client.publish(p.topic(), m, null, new IMqttActionListener() {
                        @Override
                        public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
                            done.run();
                        }

                        @Override
                        public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable e) {
                            done.run();
                        }
                    });
                }
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                    throw new WindowFullException();
                }
                throw new IOException(e);
            }
        }

        @Override
        public void subscribe(List<String> topics, int qos, long timeoutMs) throws IOException {
            int[] qoss = new int[topics.size()];
            java.util.Arrays.fill(qoss, qos);
            try {
                var token = client.subscribe(topics.toArray(new String[0]), qoss);
                token.waitForCompletion(timeoutMs);
                for (int granted : token.getGrantedQos()) {
                    if (granted == 0x80) {
                        throw new IOException("the broker refused a subscription");
                    }
                }
            } catch (MqttException e) {
                throw new IOException("subscribe failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void disconnect(long timeoutMs) {
            try {
                if (client.isConnected()) {
                    client.disconnect(timeoutMs).waitForCompletion(timeoutMs + 500);
                }
            } catch (MqttException e) {
                // already gone
            }
            closeQuietly(client);
        }
    }

    /** MQTT 5 through org.eclipse.paho.mqttv5.client. */
    private static final class V5 implements Client {
        private final org.eclipse.paho.mqttv5.client.MqttAsyncClient client;

        private V5(org.eclipse.paho.mqttv5.client.MqttAsyncClient client) {
            this.client = client;
        }

        static Client open(PahoConnection owner, Settings s, Handler handler, long gen) throws IOException {
            try {
                var c = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(s.serverUri(), s.clientId(),
                        new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setCleanStart(true);
                o.setSessionExpiryInterval(0L);
                o.setKeepAliveInterval(s.keepAliveS());
                o.setConnectionTimeout(s.connectTimeoutS());
                o.setAutomaticReconnect(false);
                if (s.username() != null) {
                    o.setUserName(s.username());
                }
                if (s.password() != null) {
                    o.setPassword(s.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                if (s.socketFactory() != null) {
                    o.setSocketFactory(s.socketFactory());
                }
                var will = new org.eclipse.paho.mqttv5.common.MqttMessage(s.willPayload());
                will.setQos(1);
                will.setRetained(true);
                o.setWill(s.willTopic(), will);
                c.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
                    @Override
                    public void disconnected(MqttDisconnectResponse response) {
                        owner.lost(gen);
                        handler.onLost(response.getException());
                    }

                    @Override
                    public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {
                        // a protocol error also ends in disconnected()
                    }

                    @Override
                    public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
                        handler.onMessage(topic, message.getPayload(), message.isRetained(), message.isDuplicate(),
                                message.getId());
                    }

                    @Override
                    public void deliveryComplete(IMqttToken token) {
                        // tracked per message through its action listener
                    }

                    @Override
                    public void connectComplete(boolean reconnect, String serverUri) {
                        // the bridge runs its own connect sequence
                    }

                    @Override
                    public void authPacketArrived(int reasonCode, MqttProperties properties) {
                        // no enhanced authentication
                    }
                });
                try {
                    c.connect(o).waitForCompletion(s.connectTimeoutS() * 1000L + 1000L);
                } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                    closeQuietly(c);
                    throw e;
                }
                return new V5(c);
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                throw new IOException("MQTT 5 connect to " + s.serverUri() + " failed: " + e.getMessage(), e);
            }
        }

        private static void closeQuietly(org.eclipse.paho.mqttv5.client.MqttAsyncClient c) {
            try {
                c.close(true);
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                // nothing more to free
            }
        }

        @Override
        public void send(Pending p, Runnable done) throws IOException, WindowFullException {
            try {
                var m = new org.eclipse.paho.mqttv5.common.MqttMessage(p.payload());
                m.setQos(p.qos());
                m.setRetained(p.retained());
                if (done == null) {
                    client.publish(p.topic(), m);
                } else {
                    client.publish(p.topic(), m, null, new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            done.run();
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable e) {
                            done.run();
                        }
                    });
                }
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                if (e.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    throw new WindowFullException();
                }
                throw new IOException(e);
            }
        }

        @Override
        public void subscribe(List<String> topics, int qos, long timeoutMs) throws IOException {
            MqttSubscription[] subs = new MqttSubscription[topics.size()];
            for (int i = 0; i < subs.length; i++) {
                subs[i] = new MqttSubscription(topics.get(i), qos);
            }
            try {
                IMqttToken token = client.subscribe(subs);
                token.waitForCompletion(timeoutMs);
                int[] codes = token.getReasonCodes();
                if (codes != null) {
                    for (int code : codes) {
                        if (code >= 0x80) {
                            throw new IOException("the broker refused a subscription: reason " + code);
                        }
                    }
                }
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                throw new IOException("subscribe failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void disconnect(long timeoutMs) {
            try {
                if (client.isConnected()) {
                    client.disconnect(timeoutMs).waitForCompletion(timeoutMs + 500);
                }
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                // already gone
            }
            closeQuietly(client);
        }
    }
}
