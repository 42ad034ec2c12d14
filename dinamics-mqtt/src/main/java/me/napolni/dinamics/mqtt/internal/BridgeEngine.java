package me.napolni.dinamics.mqtt.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import javax.net.SocketFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import me.napolni.dinamics.core.device.ChargerStatus;
import me.napolni.dinamics.core.device.CommandResult;
import me.napolni.dinamics.core.device.DeviceControl;
import me.napolni.dinamics.core.device.DeviceListener;
import me.napolni.dinamics.core.device.DeviceStatus;
import me.napolni.dinamics.mqtt.MqttBridge;
import me.napolni.dinamics.mqtt.MqttConfig;
import me.napolni.dinamics.mqtt.internal.Outgoing.MessageClass;
import me.napolni.dinamics.mqtt.internal.TopicContract.Command;

/**
 * The bridge: one worker thread owns all of its state and does everything that may wait (connecting, subscribing,
 * ticks, publishing answers). Paho's thread only checks a payload, then either publishes the error (non-blocking)
 * or hands the command to the worker; the gateway's threads only hand events to the worker. So neither is ever
 * blocked by the other.
 *
 * <p><b>Commands are never applied twice after a reconnect.</b> Every session is clean (3.1.1 clean session,
 * MQTT 5 clean start with expiry 0), so the broker keeps no state for us across a reconnect and has nothing to
 * redeliver: an unacknowledged QoS 1 command is resent only into the same persistent session (MQTT 3.1.1 §4.4,
 * MQTT 5 §4.4), which we never have. Within one session Paho acknowledges a QoS 1 message once
 * {@code messageArrived} returns, which is right after the hand-off. As a last guard, a message flagged DUP whose
 * packet id was seen in the same session is dropped. A retained command (a stale one replayed on subscribe) is
 * refused with {@code retained}, so a reconnect never replays an old command either.
 */
public final class BridgeEngine implements MqttBridge, DeviceListener, BrokerLink.Handler {

    private static final System.Logger LOG = System.getLogger(BridgeEngine.class.getName());

    /** The launcher's note after it rolled back an unhealthy update; published as an {@code update_failed} error. */
    static final String FAILED_HEALTH_CHECK = "failed: health_check";

    /** Commands that may wait at once; the next one is refused with {@code overloaded}. */
    public static final int MAX_WAITING_COMMANDS = 256;
    /** The floor of {@code timer} and {@code timer12}. */
    public static final long MIN_PERIOD_MS = 100;
    /** The {@code debug_log} flush period. */
    public static final long DEBUG_FLUSH_MS = 1000;
    /** How long a command may wait for the gateway before it counts as timed out. */
    public static final long RESULT_TIMEOUT_MS = 30_000;
    /** The keepalive, seconds (TOPICS.md section 1). */
    public static final int KEEPALIVE_S = 30;
    /** How long a connect attempt may take, seconds. */
    public static final int CONNECT_TIMEOUT_S = 10;
    /** DUP packet ids remembered per session. */
    private static final int SEEN_IDS = 128;

    private static final Set<String> RESPONSE_COMMANDS = Set.of("GC", "G0", "GG", "GS", "GU", "FD", "FE", "FS",
            "SC", "ST", "SH");

    /**
     * One subscribed command topic.
     *
     * @param command what it is
     * @param chargerId null at the root, else the charger of {@code ~/charger/<id>/}
     * @param relTopic the topic relative to {@code ~/}
     */
    record Route(Command command, String chargerId, String relTopic) {
    }

    private final MqttConfig config;
    private final DeviceControl device;
    private final BrokerLink link;
    private final LongSupplier wallClockMs;
    private final String serial;
    private final String base;
    private final StatusView view;
    private final Discovery discovery;
    private final DebugLogBuffer debugLog = new DebugLogBuffer();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ScheduledExecutorService worker;
    private final Map<Boolean, String> updateTopics = new ConcurrentHashMap<>();

    private volatile Map<String, Route> routes = Map.of();
    private volatile boolean closed;
    private volatile int debugLevel = 1;
    // touched on Paho's thread only
    private final Set<Integer> seenIds = Collections.newSetFromMap(new LinkedHashMap<Integer, Boolean>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
            return size() > SEEN_IDS;
        }
    });
    // worker-only state
    private final Map<String, Integer> pendingAcks = new java.util.HashMap<>();
    private boolean firstConnect = true;
    private boolean reconnectScheduled;
    private final ReconnectBackoff backoff = new ReconnectBackoff();

    private BridgeEngine(MqttConfig config, DeviceControl device, BrokerLink link, LongSupplier wallClockMs,
            String serial) {
        this.config = config;
        this.device = device;
        this.link = link;
        this.wallClockMs = wallClockMs;
        this.serial = serial;
        this.base = config.root() + "/" + serial + "/";
        this.view = new StatusView(serial);
        this.discovery = new Discovery(config.homeAssistantPrefix(), serial, base);
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dinamics-mqtt-" + serial);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a bridge on Paho.
     *
     * @param config the configuration
     * @param device the gateway
     * @return the running bridge
     */
    public static BridgeEngine start(MqttConfig config, DeviceControl device) {
        String serial = config.serial() != null ? config.serial() : HostFacts.defaultSerial(config.dataDir());
        SocketFactory tls = config.caFile() != null ? Tls.socketFactory(config.caFile()) : null;
        String clientId = config.clientId() != null ? config.clientId() : "Dinamics-" + serial;
        String willTopic = config.root() + "/" + serial + "/availability";
        PahoConnection link = new PahoConnection(new PahoConnection.Settings(config.serverUri(), config.mqttVersion(),
                clientId, config.username(), config.password(), tls, willTopic,
                "offline".getBytes(StandardCharsets.US_ASCII), KEEPALIVE_S, CONNECT_TIMEOUT_S));
        BridgeEngine engine = new BridgeEngine(config, device, link, System::currentTimeMillis, serial);
        engine.begin();
        return engine;
    }

    private void begin() {
        device.addListener(this);
        worker.execute(this::connectNow);
        worker.schedule(this::tick, periodMs("timer", 2000), TimeUnit.MILLISECONDS);
        worker.schedule(this::syncTime, periodMs("timer12", 100_000), TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(this::flushDebugLog, DEBUG_FLUSH_MS, DEBUG_FLUSH_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public String serial() {
        return serial;
    }

    @Override
    public String topicPrefix() {
        return base;
    }

    @Override
    public boolean connected() {
        return link.connected();
    }

    // ---------------------------------------------------------------- session

    private void connectNow() {
        reconnectScheduled = false;
        if (closed || link.connected()) {
            return;
        }
        try {
            link.connect(this);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "MQTT connect failed: {0}", e.getMessage());
            scheduleReconnect();
            return;
        }
        onConnected();
    }

    private void onConnected() {
        DeviceStatus status = device.status();
        Map<String, Route> fresh = buildRoutes(status);
        List<String> topics = new ArrayList<>(fresh.keySet());
        topics.add(discovery.statusTopic());
        routes = fresh;
        try {
            link.subscribe(topics, 1);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "MQTT subscribe failed: {0}", e.getMessage());
            link.disconnect();
            scheduleReconnect();
            return;
        }
        backoff.reset();
        LOG.log(System.Logger.Level.INFO, "MQTT connected to {0} as {1}", config.serverUri(), base);
        publish(Outgoing.of("availability", "online", MessageClass.S));
        view.forgetTelemetry();
        refreshDebugLevel(status);
        publishAll(view.allState(status));
        publishSnapshot(status);
        publishDiscovery();
        if (firstConnect) {
            publish(Outgoing.of((wallClockMs.getAsLong() / 1000) + "/fwversion", status.fw(), MessageClass.T));
        }
        publish(Outgoing.of("synctime", Long.toString(wallClockMs.getAsLong() / 1000), MessageClass.T));
        firstConnect = false;
    }

    Map<String, Route> buildRoutes(DeviceStatus status) {
        Map<String, Route> out = new LinkedHashMap<>();
        for (Command c : TopicContract.commands().values()) {
            if (TopicContract.atRoot(c)) {
                out.put(base + c.name(), new Route(c, null, c.name()));
            }
        }
        for (ChargerStatus charger : status.chargers()) {
            String prefix = StatusView.chargerPrefix(charger.id());
            for (Command c : TopicContract.chargerCommands()) {
                out.put(base + prefix + c.name(), new Route(c, charger.id(), prefix + c.name()));
            }
        }
        return out;
    }

    private void scheduleReconnect() {
        if (closed || reconnectScheduled) {
            return;
        }
        reconnectScheduled = true;
        long delay = backoff.nextDelayMs(setting(device.status(), "timer11", 50_000));
        LOG.log(System.Logger.Level.DEBUG, "MQTT reconnect in {0} ms", delay);
        worker.schedule(this::connectNow, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onLost(Throwable cause) {
        LOG.log(System.Logger.Level.INFO, "MQTT connection lost: {0}", cause == null ? "-" : cause.getMessage());
        submit(this::scheduleReconnect);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        device.removeListener(this);
        try {
            worker.submit(() -> {
                if (link.connected()) {
                    publish(Outgoing.of("availability", "offline", MessageClass.S));
                    link.flush(2000);
                }
                link.disconnect();
            }).get(CONNECT_TIMEOUT_S + 5L, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            link.disconnect();
        }
        worker.shutdownNow();
    }

    // ---------------------------------------------------------------- incoming

    @Override
    public void onMessage(String topic, byte[] payload, boolean retained, boolean duplicate, int messageId) {
        if (topic.equals(discovery.statusTopic())) {
            if (!retained && "online".equals(new String(payload, StandardCharsets.UTF_8))) {
                submit(this::publishDiscovery);
            }
            return;
        }
        Route route = routes.get(topic);
        if (route == null) {
            return;
        }
        if (messageId != 0) {
            if (duplicate && seenIds.contains(messageId)) {
                return;
            }
            seenIds.add(messageId);
        }
        CommandParser.Verdict verdict = CommandParser.check(route.command(), payload, payload.length, retained);
        if (!verdict.ok()) {
            publishError(route, payload, verdict.reason(), verdict.expected(), null);
            return;
        }
        if (waiting.incrementAndGet() > MAX_WAITING_COMMANDS) {
            waiting.decrementAndGet();
            publishError(route, payload, "overloaded", route.command().expected(), null);
            return;
        }
        byte[] copy = payload.clone();
        if (!submit(() -> execute(route, verdict, copy))) {
            waiting.decrementAndGet();
        }
    }

    private void execute(Route route, CommandParser.Verdict verdict, byte[] payload) {
        Command c = route.command();
        String id = route.chargerId();
        try {
            switch (c.kind()) {
                case SETTING:
                    await(device.set(id, c.key(), verdict.value()), route, payload, hold(id, c.key()),
                        r -> ackState(id, c.key(), r.value() != null ? r.value() : Long.toString(verdict.value())));
                    return;
                case ENABLE:
                    // the ack is the charger's $OK (onEnableAck), whatever caused it
                    await(device.set(id, c.key(), verdict.value()), route, payload, r -> { });
                    return;
                case LIMIT:
                    await(device.set(id, c.key(), verdict.value()), route, payload, r -> {
                        String value = r.value() != null ? r.value() : Long.toString(verdict.value());
                        for (String t : targets(id, c.key())) {
                            publish(Outgoing.of(t, value, MessageClass.R));
                        }
                    });
                    return;
                case UPDATE:
                    boolean spiffs = c.name().equals("set_update_spiffs");
                    await(device.update(spiffs), route, payload, r -> updateTopics.put(spiffs, route.relTopic()));
                    return;
                case DELAY_TIMER:
                    await(device.setDelayTimer(id, verdict.text()), route, payload, hold(id, "delay_timer"),
                        r -> ackState(id, "delay_timer", r.value() != null ? r.value()
                                : verdict.text().equals("0") ? "off" : verdict.text()));
                    return;
                case RAPI_REQUEST:
                    await(device.rapiRequest(id, "$" + verdict.text()), route, payload,
                        r -> publish(Outgoing.of("rapi_response", r.value() == null ? "" : r.value(), MessageClass.R)));
                    return;
                case DELETE_SETTINGS:
                    await(device.resetSettings(), route, payload, r -> {
                        DeviceStatus s = device.status();
                        publishAll(view.allState(s));
                        publishSnapshot(s);
                    });
                    return;
                case GET_EVSE:
                    getEvse(id);
                    return;
                default:
                    answerRequest(route);
                    waiting.decrementAndGet();
                    return;
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "command " + route.relTopic() + " failed", e);
            waiting.decrementAndGet();
            publishError(route, payload, "internal_error", c.expected(), e.toString());   // a bug, not an update
        }
    }

    /**
     * Marks the ack topics of a setting as answered by a pending command, so a setting-changed event for the same
     * change does not publish the value a second time (the ack publishes it, whatever came first).
     */
    private List<String> hold(String chargerId, String key) {
        List<String> topics = targets(chargerId, key);
        for (String t : topics) {
            pendingAcks.merge(t, 1, Integer::sum);
        }
        return topics;
    }

    private void release(List<String> topics) {
        for (String t : topics) {
            pendingAcks.computeIfPresent(t, (k, n) -> n > 1 ? n - 1 : null);
        }
    }

    private void await(CompletionStage<CommandResult> stage, Route route, byte[] payload,
            Consumer<CommandResult> onOk) {
        await(stage, route, payload, List.of(), onOk);
    }

    private void await(CompletionStage<CommandResult> stage, Route route, byte[] payload, List<String> held,
            Consumer<CommandResult> onOk) {
        stage.toCompletableFuture().orTimeout(RESULT_TIMEOUT_MS, TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
            boolean handed = submit(() -> {
                try {
                    if (e != null || r == null) {
                        publishError(route, payload, "evse_timeout", route.command().expected(),
                                e == null ? "no result" : e.toString());
                    } else if (r.ok()) {
                        onOk.accept(r);
                    } else {
                        publishError(route, payload, r.reason(),
                                r.expected() != null ? r.expected() : route.command().expected(), r.detail());
                    }
                } finally {
                    release(held);
                    waiting.decrementAndGet();
                }
            });
            if (!handed) {
                waiting.decrementAndGet();
            }
        });
    }

    private void answerRequest(Route route) {
        DeviceStatus s = device.status();
        switch (route.command().kind()) {
            case GET_STATUS:
                publishAll(view.getStatus(s, route.chargerId()));
                break;
            case GET_SETTINGS:
                publish(Outgoing.of("settings", settingsList(s), MessageClass.R));
                publish(Outgoing.of("settings_json", settingsJson(s), MessageClass.R));
                break;
            case GET_WIFI:
                publish(Outgoing.of("wifi", HostFacts.wifi(config.serverUri()), MessageClass.R));
                break;
            case GET_DEBUG:
                publish(Outgoing.of("debug", Long.toString(setting(s, "debug", 1)), MessageClass.S));
                break;
            case GET_TIMERS:
                publish(Outgoing.of("timers", timersJson(s), MessageClass.R));
                break;
            default:
                throw new IllegalStateException("not a request: " + route.command().name());
        }
    }

    private void getEvse(String chargerId) {
        Map<String, String> replies = new ConcurrentHashMap<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (String cmd : EvseDetails.COMMANDS) {
            chain = chain.thenCompose(v -> device.rapiRequest(chargerId, "$" + cmd).toCompletableFuture()
                    .orTimeout(RESULT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .handle((r, e) -> {
                        if (e == null && r != null && r.ok() && r.value() != null) {
                            replies.put(cmd, r.value());
                        }
                        return null;
                    }));
        }
        chain.whenComplete((v, e) -> {
            if (!submit(() -> {
                waiting.decrementAndGet();
                publish(Outgoing.of("evse", EvseDetails.json(replies), MessageClass.R));
            })) {
                waiting.decrementAndGet();
            }
        });
    }

    // ---------------------------------------------------------------- formats

    static String settingsList(DeviceStatus s) {
        StringBuilder timers = new StringBuilder();
        for (String key : StatusView.timerKeyList().subList(0, 14)) {
            if (timers.length() > 0) {
                timers.append(':');
            }
            timers.append(setting(s, key, 0));
        }
        long cLimit = s.chargers().isEmpty() ? setting(s, "c_limit", 16) : s.primary().cLimit();
        return new Formats.DollarList()
                .put("breaker", Integer.toString(s.breaker()))
                .put("calibration", calibration(setting(s, "calibration", 277)))
                .put("timers", timers.toString())
                .putJoined("P&C", Long.toString(setting(s, "plugandcharge", 0)))
                .putJoined("max_current", Long.toString(cLimit))
                .toString();
    }

    static String calibration(long tenths) {
        return java.math.BigDecimal.valueOf(tenths, 1).setScale(2).toPlainString();
    }

    static String settingsJson(DeviceStatus s) {
        ObjectNode n = Formats.JSON.createObjectNode();
        long cLimit = s.chargers().isEmpty() ? setting(s, "c_limit", 16) : s.primary().cLimit();
        long cMin = s.chargers().isEmpty() ? setting(s, "c_min_limit", 6) : s.primary().cMinLimit();
        n.put("FW", s.fw());
        n.put("B", Integer.toString(s.breaker()));
        n.put("MAXC", Long.toString(cLimit));
        n.put("MINC", Long.toString(cMin));
        n.put("C", calibration(setting(s, "calibration", 277)));
        n.put("P&C", Long.toString(setting(s, "plugandcharge", 0)));
        n.put("NWPC", Long.toString(setting(s, "nwpc", 0)));
        n.put("DA", Long.toString(setting(s, "dinamics", 1)));
        return Formats.json(n);
    }

    static String timersJson(DeviceStatus s) {
        ObjectNode n = Formats.JSON.createObjectNode();
        ArrayNode t = n.putArray("T");
        for (String key : StatusView.timerKeyList()) {
            t.add(setting(s, key, 0));
        }
        return Formats.json(n);
    }

    static long setting(DeviceStatus s, String key, long fallback) {
        Long v = StatusView.setting(s, key);
        return v == null ? fallback : v;
    }

    // ---------------------------------------------------------------- gateway events

    /** The relative topics of a key: the root for site-wide keys; root and charger for the primary. */
    private List<String> targets(String chargerId, String key) {
        if (!TopicContract.chargerLevelKey(key)) {
            return List.of(key);
        }
        DeviceStatus s = device.status();
        String primary = s.chargers().isEmpty() ? null : s.primary().id();
        String id = chargerId == null ? primary : chargerId;
        if (id == null) {
            return List.of(key);
        }
        String charger = StatusView.chargerPrefix(id) + key;
        return id.equals(primary) && !"priority".equals(key) ? List.of(key, charger) : List.of(charger);
    }

    private List<String> eventTargets(String chargerId, String name) {
        DeviceStatus s = device.status();
        String primary = s.chargers().isEmpty() ? null : s.primary().id();
        if (chargerId == null || chargerId.equals(primary)) {
            return primary == null ? List.of(name) : List.of(name, StatusView.chargerPrefix(primary) + name);
        }
        return List.of(StatusView.chargerPrefix(chargerId) + name);
    }

    private void ackState(String chargerId, String key, String value) {
        for (String t : targets(chargerId, key)) {
            publish(Outgoing.of(t, value, MessageClass.S));
        }
        if ("debug".equals(key)) {
            debugLevel = (int) Long.parseLong(value);
        }
        publishSnapshot(device.status());
    }

    @Override
    public void onStatusChanged(DeviceStatus status) {
        submit(() -> {
            if (link.connected()) {
                publishAll(view.stateChanges(status));
                publishSnapshot(status);
            }
        });
    }

    @Override
    public void onSettingChanged(String chargerId, String key, String value) {
        if ("t_limit".equals(key) || "e_limit".equals(key)) {
            return;
        }
        submit(() -> {
            boolean changed = false;
            for (String t : targets(chargerId, key)) {
                if (!pendingAcks.containsKey(t) && !value.equals(view.lastState(t))) {
                    publish(Outgoing.of(t, value, MessageClass.S));
                    changed = true;
                }
            }
            if ("debug".equals(key)) {
                debugLevel = parseLevel(value);
            }
            if (changed) {
                publishSnapshot(device.status());
            }
        });
    }

    private static int parseLevel(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public void onEnableAck(String chargerId, int enable) {
        submit(() -> {
            for (String t : eventTargets(chargerId, "enable")) {
                publish(Outgoing.of(t, Integer.toString(enable), MessageClass.S));
            }
            publishSnapshot(device.status());
        });
    }

    @Override
    public void onRapiReply(String chargerId, String command, String rawReply) {
        String name = "S3".equals(command) ? "ST" : command;
        if (!RESPONSE_COMMANDS.contains(name) || !link.connected()) {
            return;
        }
        submit(() -> {
            for (String t : eventTargets(chargerId, "response" + name)) {
                publish(Outgoing.of(t, rawReply, MessageClass.T));
            }
        });
    }

    @Override
    public void onAsyncFrame(String chargerId, String rawFrame) {
        if (!link.connected()) {
            return;
        }
        submit(() -> {
            for (String t : eventTargets(chargerId, "state_change")) {
                publish(Outgoing.of(t, rawFrame, MessageClass.T));
            }
        });
    }

    @Override
    public void onTimeout(String chargerId, long waitedMs) {
        if (link.connected()) {
            submit(() -> publish(Outgoing.of("timeout", Long.toString(waitedMs), MessageClass.T)));
        }
    }

    @Override
    public void onLog(int level, String message) {
        if (level <= debugLevel && link.connected()) {
            debugLog.add(message);
        }
    }

    @Override
    public void onUpdateStatus(boolean spiffs, String text) {
        submit(() -> {
            publish(Outgoing.of(spiffs ? "update_spiffs_status" : "update_status", text, MessageClass.S));
            if (text.startsWith("failed: ")) {
                String topic = updateTopics.remove(spiffs);
                if (topic == null && text.equals(FAILED_HEALTH_CHECK)) {
                    // the first start after a rollback: the update was asked for before the restart (TOPICS 4.5)
                    topic = spiffs ? "set_update_spiffs" : "set_update";
                }
                if (topic != null) {
                    byte[] one = {'1'};
                    publishError(new Route(TopicContract.command(topic), null, topic), one, "update_failed", "1",
                            text.substring("failed: ".length()));
                }
            } else if (text.startsWith("done") || text.startsWith("up_to_date")) {
                updateTopics.remove(spiffs);
            }
        });
    }

    // ---------------------------------------------------------------- periodic

    private long periodMs(String key, long fallback) {
        try {
            return Math.max(MIN_PERIOD_MS, setting(device.status(), key, fallback));
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private void tick() {
        try {
            if (link.connected()) {
                DeviceStatus s = device.status();
                refreshDebugLevel(s);
                publishAll(view.telemetry(s));
                publishAll(view.stateChanges(s));
                publishSnapshot(s);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "MQTT tick failed", e);
        } finally {
            if (!closed) {
                worker.schedule(this::tick, periodMs("timer", 2000), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void syncTime() {
        try {
            publish(Outgoing.of("synctime", Long.toString(wallClockMs.getAsLong() / 1000), MessageClass.T));
        } finally {
            if (!closed) {
                worker.schedule(this::syncTime, periodMs("timer12", 100_000), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void flushDebugLog() {
        if (!link.connected()) {
            debugLog.clear();
            return;
        }
        String batch = debugLog.takeBatch();
        if (batch != null) {
            publish(Outgoing.of("debug_log", batch, MessageClass.T));
        }
    }

    private void refreshDebugLevel(DeviceStatus s) {
        debugLevel = (int) setting(s, "debug", 1);
    }

    // ---------------------------------------------------------------- outgoing

    private void publishDiscovery() {
        DeviceStatus s = device.status();
        List<String> others = new ArrayList<>();
        for (int i = 1; i < s.chargers().size(); i++) {
            others.add(s.chargers().get(i).id());
        }
        if (config.homeAssistant()) {
            publishAll(discovery.configs(s.fw(), others));
        } else if (firstConnect) {
            publishAll(discovery.clears(others));
        }
    }

    private void publishSnapshot(DeviceStatus s) {
        publish(Outgoing.of("snapshot", view.snapshot(s), MessageClass.SNAPSHOT));
    }

    private void publishAll(List<Outgoing> messages) {
        for (Outgoing o : messages) {
            publish(o);
        }
    }

    private void publishError(Route route, byte[] payload, String reason, String expected, String detail) {
        publish(Outgoing.of("error",
                Formats.errorJson(route.relTopic(), payload, payload.length, reason, expected, detail),
                MessageClass.R));
    }

    /**
     * Thread-safe: the link queues without blocking. S-class messages are only ever published from the worker
     * (Paho's thread publishes R-class errors only), so recording them here needs no lock.
     */
    private void publish(Outgoing o) {
        String topic = o.absolute() ? o.topic() : base + o.topic();
        if (o.kind() == MessageClass.S && !o.absolute()) {
            view.recordState(o.topic(), o.payload());
        }
        link.publish(topic, o.payload().getBytes(StandardCharsets.UTF_8), o.kind().qos(), o.kind().retained());
    }

    private boolean submit(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "MQTT bridge task failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Returns the topics the bridge listens to, for tests and docs.
     *
     * @return full topic names
     */
    public Set<String> subscribedTopics() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(routes.keySet()));
    }
}
