package me.napolni.dinamics.host;

import me.napolni.dinamics.core.PhaseReadings;
import me.napolni.dinamics.core.control.BalancerConfig;
import me.napolni.dinamics.core.control.ChargerActivity;
import me.napolni.dinamics.core.control.ChargerObservation;
import me.napolni.dinamics.core.control.CurrentBalancer;
import me.napolni.dinamics.core.control.Decision;
import me.napolni.dinamics.core.control.FailsafeMode;
import me.napolni.dinamics.core.control.FailsafeState;
import me.napolni.dinamics.core.device.ChargerStatus;
import me.napolni.dinamics.core.device.CommandResult;
import me.napolni.dinamics.core.device.DeviceControl;
import me.napolni.dinamics.core.device.DeviceListener;
import me.napolni.dinamics.core.device.DeviceStatus;
import me.napolni.dinamics.core.settings.ChangeResult;
import me.napolni.dinamics.core.settings.ChargerSettings;
import me.napolni.dinamics.core.settings.DelayTimer;
import me.napolni.dinamics.core.settings.EnableIntent;
import me.napolni.dinamics.core.settings.ParseResult;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.SettingParser;
import me.napolni.dinamics.core.settings.SettingScope;
import me.napolni.dinamics.core.settings.Settings;
import me.napolni.dinamics.core.settings.SettingsChange;
import me.napolni.dinamics.core.settings.Violation;
import me.napolni.dinamics.core.time.NanoClock;
import me.napolni.dinamics.host.internal.ChargerView;
import me.napolni.dinamics.host.internal.MainsReadings;
import me.napolni.dinamics.host.internal.MeasurementSource;
import me.napolni.dinamics.host.internal.RapiChargerPort;
import me.napolni.dinamics.host.internal.RapiLink;
import me.napolni.dinamics.host.internal.SettingsStore;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The running gateway: the control loop, the charger port(s), the measurement source and the settings, behind the
 * {@link DeviceControl} that MQTT and the web UI use.
 *
 * <p>One thread, the control loop, owns the balancer and the settings in force. Adapters submit commands through a
 * bounded queue (256, then {@code overloaded}) that the loop drains at the start of each pass; each command is
 * validated whole through the settings table, persisted atomically, swapped in, and only then acknowledged. The
 * loop publishes an immutable {@link DeviceStatus} and reports events to listeners.
 * <pre>
 *   Gateway gateway = Gateway.start(parts);      // loop and ports running
 *   MqttBridge.start(mqttConfig, gateway);       // adapters only see DeviceControl
 *   ...
 *   gateway.close();
 * </pre>
 */
public final class Gateway implements DeviceControl, AutoCloseable {

    /** The control loop's period, ms of gateway time. */
    public static final long PASS_PERIOD_MS = 250;
    /** The most commands waiting before {@code overloaded}. */
    public static final int COMMAND_QUEUE_CAPACITY = 256;
    /** How long a resume may take before the car counts as paused again, ms. */
    public static final long RESUME_GRACE_MS = 10_000;

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());
    private static final long MS = 1_000_000L;
    private static final Pattern RAPI_COMMAND = Pattern.compile("^[A-Z][A-Z0-9]( [A-Za-z0-9-]{1,10}){0,4}$");
    private static final List<String> RAPI_GETS = List.of("G0", "G3", "G4", "G5", "GA", "GC", "GD", "GE", "GF",
            "GG", "GH", "GI", "GP", "GS", "GT", "GU", "GV", "GY");
    private static final Pattern SA_PARAMS = Pattern.compile("^SA -?[0-9]{1,6} -?[0-9]{1,6}$");

    /**
     * Everything a gateway is made of.
     *
     * @param serial the MQTT serial
     * @param chargerIds the charger ids, primary first
     * @param connectors one RAPI connector per charger, in the same order
     * @param source the mains measurement source
     * @param store where settings persist
     * @param clock the gateway's clock
     * @param realMsPerClockMs how many real ms one ms of clock time takes (1 / speed)
     * @param updateUrl the update source, or null
     * @param wallClockMs Unix time for snapshots
     */
    public record Parts(String serial, List<String> chargerIds, List<RapiChargerPort.Connector> connectors,
            MeasurementSource source, SettingsStore store, NanoClock clock, double realMsPerClockMs,
            String updateUrl, LongSupplier wallClockMs) {
        /**
         * Copies the lists.
         *
         * @param serial the serial
         * @param chargerIds the ids
         * @param connectors the connectors
         * @param source the source
         * @param store the store
         * @param clock the clock
         * @param realMsPerClockMs the time scale
         * @param updateUrl the update source
         * @param wallClockMs Unix time
         */
        public Parts {
            chargerIds = List.copyOf(chargerIds);
            connectors = List.copyOf(connectors);
        }
    }

    private final Parts parts;
    private final NanoClock clock;
    private final SettingsStore store;
    private final MainsReadings mains = new MainsReadings();
    private final List<RapiChargerPort> ports = new ArrayList<>();
    private final BlockingQueue<Runnable> commands = new ArrayBlockingQueue<>(COMMAND_QUEUE_CAPACITY);
    private final CopyOnWriteArrayList<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private final Thread loopThread;
    private final Object tick = new Object();

    private volatile Settings settings;
    private volatile DeviceStatus status;
    private volatile boolean running = true;

    // owned by the loop thread
    private final CurrentBalancer balancer;
    private final PhaseReadings readings = new PhaseReadings();
    private final ChargerObservation observation = new ChargerObservation();
    private final Decision decision = new Decision();
    private ChargerActivity activity = ChargerActivity.CHARGING;
    private long resumeRequestedNs = Long.MIN_VALUE;
    private long nextStatusNs;
    private String lastSClass = "";
    private final Map<String, Integer> tLimit = new HashMap<>();
    private final Map<String, Integer> eLimit = new HashMap<>();
    private boolean intentApplied;
    private volatile String stopReason;

    private Gateway(Parts parts, Settings loaded) {
        this.parts = parts;
        this.clock = parts.clock();
        this.store = parts.store();
        this.settings = loaded;
        this.balancer = new CurrentBalancer(balancerConfig(loaded));
        this.status = buildStatus(clock.nanoTime());
        for (int i = 0; i < parts.chargerIds().size(); i++) {
            String id = parts.chargerIds().get(i);
            ports.add(new RapiChargerPort(id, parts.connectors().get(i), clock, () -> settings, portEvents(id)));
        }
        this.loopThread = new Thread(this::loop, "control-loop");
        loopThread.setDaemon(true);
    }

    /**
     * Loads the settings, starts the charger ports, the measurement source and the control loop.
     *
     * @param parts what the gateway is made of
     * @return the running gateway
     * @throws IOException when the measurement source cannot start
     */
    public static Gateway start(Parts parts) throws IOException {
        SettingsStore.Loaded loaded = parts.store().load();
        for (String problem : loaded.problems()) {
            if (!problem.endsWith(": missing")) {
                LOG.log(Level.WARNING, "settings: " + problem);
            }
        }
        LOG.log(Level.INFO, "settings from " + loaded.source());
        Gateway gateway = new Gateway(parts, loaded.settings());
        parts.source().calibration(loaded.settings().calibration());
        parts.source().start(gateway.mains);
        gateway.loopThread.start();
        return gateway;
    }

    /**
     * Returns the mains readings the source writes (for tests and the simulator).
     *
     * @return the shared readings
     */
    public MainsReadings mains() {
        return mains;
    }

    /**
     * Returns the settings in force.
     *
     * @return the settings
     */
    public Settings settings() {
        return settings;
    }

    /**
     * Returns the primary charger's port (for tests).
     *
     * @return the port
     */
    public RapiChargerPort primaryPort() {
        return ports.get(0);
    }

    // ---------------------------------------------------------------- the control loop

    private void loop() {
        long nextNs = clock.nanoTime();
        while (running) {
            long now = clock.nanoTime();
            try {
                pass(now);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "control loop pass failed: " + e, e);
            }
            nextNs += PASS_PERIOD_MS * MS;
            if (clock.nanoTime() - nextNs > 10 * PASS_PERIOD_MS * MS) {
                nextNs = clock.nanoTime();      // fell far behind (a paused VM): do not race to catch up
            }
            long waitRealNs = (long) ((nextNs - clock.nanoTime()) * parts.realMsPerClockMs());
            synchronized (tick) {
                if (running && waitRealNs > 0 && commands.isEmpty()) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(tick, waitRealNs);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private void pass(long now) {
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
        RapiChargerPort port = ports.get(0);
        ChargerView view = port.view();
        mains.copyInto(readings);
        if (!intentApplied && view.linkOk()) {
            intentApplied = true;
            applyIntent(port, settings.primary().enableIntent(), true);
        }
        observe(view, port, now);
        balancer.doWork(now, readings, observation, decision);
        act(port, view, now);
        if (now - nextStatusNs >= 0) {
            nextStatusNs = now + Math.max(Settings.POLL_TIMER_FLOOR_MS, Math.min(1_000,
                    settings.effectiveTimerMs(0))) * MS;
            publishStatus(now);
        }
    }

    private void observe(ChargerView view, RapiChargerPort port, long now) {
        if (view.carMilliAmps() != ChargerView.UNKNOWN && view.carMeasuredAtNs() != Long.MIN_VALUE) {
            observation.carAmps(Math.max(0, view.carMilliAmps()) / 1000.0, view.carMeasuredAtNs());
        }
        int setpoint = port.wantedSetpoint() != RapiChargerPort.NO_SETPOINT ? port.wantedSetpoint()
                : view.pilotAmps() != ChargerView.UNKNOWN ? view.pilotAmps() : observation.setpointAmps();
        if (setpoint > 0) {
            observation.setpointAmps(setpoint);
        }
        int state = view.evseState();
        if (state == ChargerView.STATE_C) {
            activity = ChargerActivity.CHARGING;
        } else if (state == ChargerView.STATE_SLEEPING || state == ChargerView.STATE_DISABLED) {
            if (activity != ChargerActivity.RESUMING || now - resumeRequestedNs > RESUME_GRACE_MS * MS) {
                activity = ChargerActivity.PAUSED;
            }
        } else if (state == ChargerView.STATE_B || state == ChargerView.STATE_A) {
            if (activity == ChargerActivity.RESUMING && now - resumeRequestedNs > RESUME_GRACE_MS * MS) {
                activity = ChargerActivity.CHARGING;
            } else if (activity != ChargerActivity.RESUMING) {
                activity = ChargerActivity.CHARGING;
            }
        }
        observation.activity(activity);
        observation.carConnected(view.carConnected());
        observation.linkOk(!port.conError());
    }

    private void act(RapiChargerPort port, ChargerView view, long now) {
        EnableIntent intent = settings.primary().enableIntent();
        boolean heldOff = intent == EnableIntent.OFF || intent == EnableIntent.SLEEP || !delayTimerAllows();
        switch (decision.action()) {
            case SET_CURRENT:
                port.setpoint(decision.setpointAmps());
                observation.setpointAmps(decision.setpointAmps());
                break;
            case PAUSE:
                if (view.evseState() != ChargerView.STATE_SLEEPING && view.evseState() != ChargerView.STATE_DISABLED) {
                    port.send("FS");
                }
                activity = ChargerActivity.PAUSED;
                observation.activity(activity);
                stopReason = decision.stopReason() == null ? null : decision.stopReason().wireName();
                break;
            case RESUME:
                boolean mayStart = !heldOff && (settings.plugAndCharge() || intent == EnableIntent.ENABLED
                        || intent == EnableIntent.NONE);
                if (mayStart) {
                    port.setpoint(decision.setpointAmps());
                    observation.setpointAmps(decision.setpointAmps());
                    port.send("FE");
                    activity = ChargerActivity.RESUMING;
                    resumeRequestedNs = now;
                    observation.activity(activity);
                    stopReason = null;
                }
                break;
            default:
                break;
        }
        if (heldOff && view.linkOk() && activity != ChargerActivity.PAUSED && !delayTimerAllows()) {
            port.send("FS");
            activity = ChargerActivity.PAUSED;
            stopReason = "delay_timer";
        }
    }

    private boolean delayTimerAllows() {
        DelayTimer timer = settings.primary().delayTimer();
        if (timer.isOff()) {
            return true;
        }
        LocalTime time = LocalTime.now();
        return timer.allows(time.getHour() * 60 + time.getMinute());
    }

    private void applyIntent(RapiChargerPort port, EnableIntent intent, boolean atStart) {
        switch (intent) {
            case OFF:
                port.send("FD");
                break;
            case SLEEP:
                port.send("FS");
                break;
            default:
                break;
        }
        if (atStart && intent != EnableIntent.NONE) {
            LOG.log(Level.INFO, "stored enable intent " + intent.code() + " applied");
        }
    }

    // ---------------------------------------------------------------- status

    private void publishStatus(long now) {
        DeviceStatus built = buildStatus(now);
        status = built;
        ChargerStatus primary = built.primary();
        String sClass = built.breaker() + "|" + built.failsafe() + "|" + primary.enable() + "|" + primary.state()
                + "|" + primary.evseState() + "|" + primary.connection() + "|" + primary.stopReason();
        if (!sClass.equals(lastSClass)) {
            lastSClass = sClass;
            for (DeviceListener listener : listeners) {
                listener.onStatusChanged(built);
            }
        }
    }

    private DeviceStatus buildStatus(long now) {
        Settings s = settings;
        List<Double> amps = new ArrayList<>(3);
        List<Long> ages = new ArrayList<>(3);
        for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
            if (readings.hasReading(phase)) {
                amps.add(Math.round(readings.amps(phase) * 100) / 100.0);
                ages.add(Math.max(0, (now - readings.measuredAtNs(phase)) / MS));
            } else {
                amps.add(null);
                ages.add(null);
            }
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (SettingKey key : SettingKey.values()) {
            if (key.scope() != SettingScope.COMMAND) {
                values.put(key.key(), s.value(key));
            }
        }
        List<ChargerStatus> chargers = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            chargers.add(chargerStatus(s, ports.get(i), i == 0));
        }
        if (chargers.isEmpty()) {
            for (ChargerSettings charger : s.chargers()) {
                chargers.add(new ChargerStatus(charger.id(), charger.priority(), null, intentOf(charger), 2, null,
                        "CON_ERROR", null, null, null, 0, 0, null, null, charger.cLimitAmps(),
                        charger.cMinLimitAmps(), null, null, null, charger.delayTimer().payload(), null));
            }
        }
        FailsafeState failsafe = decision.failsafe();
        return new DeviceStatus(parts.wallClockMs().getAsLong(), parts.serial(), DinamicsMain.version(), amps, ages,
                s.breakerAmps(), failsafe == null ? FailsafeState.NO_READINGS.wireName() : failsafe.wireName(),
                null, values, chargers);
    }

    private static Integer intentOf(ChargerSettings charger) {
        EnableIntent intent = charger.enableIntent();
        return intent == EnableIntent.NONE ? null : intent.code();
    }

    private ChargerStatus chargerStatus(Settings s, RapiChargerPort port, boolean primary) {
        ChargerSettings charger = s.charger(port.id());
        ChargerView v = port.view();
        boolean linkOk = !port.conError() && v.linkOk();
        Double carAmps = v.carMilliAmps() == ChargerView.UNKNOWN ? null
                : Math.round(Math.max(0, v.carMilliAmps()) / 10.0) / 100.0;
        int phases = primary ? decision.activePhases() : 0;
        int noOfPhases = phases == 0 ? 0 : Integer.toString(phases).length();
        double volts = v.milliVolts() == ChargerView.UNKNOWN || v.milliVolts() <= 0 ? 230.0 : v.milliVolts() / 1000.0;
        Long power = carAmps == null ? null : Math.round(carAmps * volts * Math.max(noOfPhases, 1));
        Long energy = v.sessionWs() == ChargerView.UNKNOWN ? null
                : v.sessionWs() / 3600 * Math.max(noOfPhases, 1);
        int state = !linkOk || v.evseState() == ChargerView.STATE_DISABLED ? 2 : v.carConnected() ? 1 : 0;
        Integer allowed = primary ? Integer.valueOf(Math.max(0, Math.min(charger.cLimitAmps(),
                decision.allowedAmps()))) : null;
        Integer t = tLimit.get(port.id());
        Integer e = eLimit.get(port.id());
        return new ChargerStatus(port.id(), charger.priority(), v.enable() == ChargerView.UNKNOWN ? null : v.enable(),
                intentOf(charger), state, v.evseState() == ChargerView.UNKNOWN ? null : v.evseState(),
                linkOk ? "OK" : "CON_ERROR", carAmps,
                port.wantedSetpoint() != RapiChargerPort.NO_SETPOINT ? Integer.valueOf(port.wantedSetpoint())
                        : v.pilotAmps() == ChargerView.UNKNOWN ? null : Integer.valueOf(v.pilotAmps()),
                allowed, phases, noOfPhases, power, energy, charger.cLimitAmps(), charger.cMinLimitAmps(), t, e,
                e == null ? null : (double) e * Math.max(1, noOfPhases), charger.delayTimer().payload(),
                primary ? stopReason : null);
    }

    private RapiChargerPort.Events portEvents(String id) {
        return new RapiChargerPort.Events() {
            @Override
            public void onReply(String command, String raw) {
                for (DeviceListener listener : listeners) {
                    listener.onRapiReply(id, command, raw);
                }
            }

            @Override
            public void onAsync(String raw) {
                for (DeviceListener listener : listeners) {
                    listener.onAsyncFrame(id, raw);
                }
            }

            @Override
            public void onEnableAck(int enable) {
                for (DeviceListener listener : listeners) {
                    listener.onEnableAck(id, enable);
                }
            }

            @Override
            public void onTimeout(long waitedMs) {
                for (DeviceListener listener : listeners) {
                    listener.onTimeout(id, waitedMs);
                }
            }

            @Override
            public void onConnection(boolean ok) {
                if (ok) {
                    // recovery or restart: the intent again (TOPICS 4.4); the setpoint is re-sent by the port
                    submit(() -> applyIntent(portOf(id), settings.charger(id).enableIntent(), false));
                }
                wakeLoop();
            }
        };
    }

    private RapiChargerPort portOf(String id) {
        for (RapiChargerPort port : ports) {
            if (port.id().equals(id)) {
                return port;
            }
        }
        return ports.get(0);
    }

    private void wakeLoop() {
        synchronized (tick) {
            tick.notifyAll();
        }
    }

    // ---------------------------------------------------------------- DeviceControl

    @Override
    public DeviceStatus status() {
        return status;
    }

    private boolean submit(Runnable command) {
        boolean queued = commands.offer(command);
        wakeLoop();
        return queued;
    }

    private CompletionStage<CommandResult> enqueue(java.util.function.Consumer<CompletableFuture<CommandResult>>
            work) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        if (!submit(() -> {
            try {
                work.accept(result);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "command failed: " + e, e);
                result.complete(CommandResult.rejected("busy", null, e.getMessage()));
            }
        })) {
            result.complete(CommandResult.rejected("overloaded", null, null));
        }
        return result;
    }

    @Override
    public CompletionStage<CommandResult> set(String chargerId, String key, long value) {
        SettingKey setting = SettingKey.ofKey(key).orElse(null);
        if (setting == null || !setting.hasTopic()) {
            return CompletableFuture.completedFuture(CommandResult.rejected("unsupported", null, "no setting " + key));
        }
        String id = chargerId == null ? settings.primary().id() : chargerId;
        if (settings.chargerIndex(id) < 0) {
            return CompletableFuture.completedFuture(CommandResult.rejected("unsupported", null,
                    "no charger " + chargerId));
        }
        if (!setting.accepts(value)) {
            return CompletableFuture.completedFuture(CommandResult.rejected(
                    setting == SettingKey.DELAY_TIMER ? Violation.NOT_A_TIME : Violation.OUT_OF_RANGE,
                    setting.expected(), null));
        }
        switch (setting) {
            case ENABLE:
                return enable(id, (int) value);
            case T_LIMIT:
            case E_LIMIT:
                return limit(id, setting, (int) value);
            default:
                return enqueue(result -> {
                    SettingsChange change = settings.change();
                    if (setting.scope() == SettingScope.CHARGER) {
                        change.set(id, setting, value);
                    } else {
                        change.set(setting, value);
                    }
                    result.complete(commit(change, Map.of(setting, id)));
                });
        }
    }

    /** Validates, persists, swaps in and announces a change; on the loop thread. */
    private CommandResult commit(SettingsChange change, Map<SettingKey, String> changed) {
        ChangeResult applied = change.apply();
        if (!applied.ok()) {
            Violation first = applied.violations().get(0);
            return CommandResult.rejected(first.reason(), first.expected(), null);
        }
        try {
            store.save(applied.settings());
        } catch (IOException e) {
            LOG.log(Level.ERROR, "settings not saved: " + e.getMessage());
            return CommandResult.rejected("busy", null, "cannot save settings: " + e.getMessage());
        }
        Settings old = settings;
        settings = applied.settings();
        balancer.config(balancerConfig(settings));
        if (settings.calibration() != old.calibration()) {
            parts.source().calibration(settings.calibration());
        }
        RapiChargerPort primary = ports.get(0);
        int cap = settings.primary().cLimitAmps();
        if (primary.wantedSetpoint() != RapiChargerPort.NO_SETPOINT && primary.wantedSetpoint() > cap) {
            primary.setpoint(cap);       // a lower cap cuts at once (TOPICS 4.3)
        }
        String value = null;
        for (Map.Entry<SettingKey, String> entry : changed.entrySet()) {
            SettingKey key = entry.getKey();
            String chargerId = key.scope() == SettingScope.CHARGER ? entry.getValue() : null;
            long number = chargerId == null ? settings.value(key) : settings.charger(chargerId).value(key);
            value = key == SettingKey.DELAY_TIMER ? DelayTimer.decode(number).payload() : Long.toString(number);
            for (DeviceListener listener : listeners) {
                listener.onSettingChanged(chargerId, key.key(), value);
            }
        }
        publishStatus(clock.nanoTime());
        return CommandResult.accepted(changed.size() == 1 ? value : null);
    }

    private CompletionStage<CommandResult> enable(String id, int value) {
        return enqueue(result -> {
            CommandResult stored = commit(settings.change().set(id, SettingKey.ENABLE, value),
                    Map.of(SettingKey.ENABLE, id));
            if (!stored.ok()) {
                result.complete(stored);
                return;
            }
            RapiChargerPort port = portOf(id);
            if (port.conError()) {
                result.complete(CommandResult.accepted(value));   // stored, sent on recovery
                return;
            }
            String command;
            if (value == 1) {
                command = "FD";
            } else if (value == 3) {
                command = "FS";
            } else if (decision.allowedAmps() >= settings.charger(id).cMinLimitAmps()) {
                port.setpoint(Math.max(settings.charger(id).cMinLimitAmps(),
                        Math.min(decision.allowedAmps(), settings.charger(id).cLimitAmps())));
                command = "FE";
                activity = ChargerActivity.RESUMING;
                resumeRequestedNs = clock.nanoTime();
                stopReason = null;
            } else {
                stopReason = "no_headroom";
                result.complete(CommandResult.accepted(value));
                return;
            }
            if (value != 2) {
                stopReason = value == 1 ? "operator_off" : "operator_sleep";
            }
            port.send(command).whenComplete((reply, error) -> result.complete(rapiResult(reply, error,
                    Integer.toString(value))));
        });
    }

    private CompletionStage<CommandResult> limit(String id, SettingKey key, int value) {
        RapiChargerPort port = portOf(id);
        ChargerView view = port.view();
        if (port.conError()) {
            return CompletableFuture.completedFuture(CommandResult.rejected("evse_offline", null, null));
        }
        if (!view.sessionActive()) {
            return CompletableFuture.completedFuture(CommandResult.rejected("not_charging", null, null));
        }
        String command = (key == SettingKey.T_LIMIT ? "S3 " : "SH ") + value;
        return port.send(command).handle((reply, error) -> {
            CommandResult result = rapiResult(reply, error, Integer.toString(value));
            if (result.ok()) {
                (key == SettingKey.T_LIMIT ? tLimit : eLimit).put(id, value);
            }
            return result;
        });
    }

    private static CommandResult rapiResult(RapiLink.Reply reply, Throwable error, String value) {
        if (error != null) {
            Throwable cause = error.getCause() == null ? error : error.getCause();
            if (cause instanceof TimeoutException) {
                return CommandResult.rejected("evse_timeout", null, null);
            }
            return CommandResult.rejected("evse_offline", null, cause.getMessage());
        }
        if (!reply.ok()) {
            return CommandResult.rejected("evse_rejected", null, reply.raw());
        }
        return CommandResult.accepted(value);
    }

    @Override
    public CompletionStage<CommandResult> setAll(Map<String, Long> values) {
        Map<String, CommandResult> problems = validate(values);
        if (!problems.isEmpty()) {
            return CompletableFuture.completedFuture(problems.values().iterator().next());
        }
        return enqueue(result -> {
            SettingsChange change = settings.change();
            Map<SettingKey, String> changed = new LinkedHashMap<>();
            for (Map.Entry<String, Long> entry : values.entrySet()) {
                SettingKey key = SettingKey.ofKey(entry.getKey()).orElseThrow();
                change.set(key, entry.getValue());
                changed.put(key, settings.primary().id());
            }
            result.complete(commit(change, changed));
        });
    }

    @Override
    public Map<String, CommandResult> validate(Map<String, Long> values) {
        Map<String, CommandResult> problems = new LinkedHashMap<>();
        SettingsChange change = settings.change();
        for (Map.Entry<String, Long> entry : values.entrySet()) {
            SettingKey key = SettingKey.ofKey(entry.getKey()).orElse(null);
            if (key == null || key.scope() == SettingScope.COMMAND || key == SettingKey.ENABLE) {
                problems.put(entry.getKey(), CommandResult.rejected("unsupported", null, null));
            } else if (entry.getValue() == null) {
                problems.put(entry.getKey(), CommandResult.rejected(Violation.EMPTY, key.expected(), null));
            } else {
                change.set(key, entry.getValue());
            }
        }
        for (Violation violation : change.violations()) {
            problems.putIfAbsent(violation.key().key(),
                    CommandResult.rejected(violation.reason(), violation.expected(), null));
        }
        return problems;
    }

    @Override
    public CompletionStage<CommandResult> setDelayTimer(String chargerId, String spec) {
        ParseResult parsed = SettingParser.parse(SettingKey.DELAY_TIMER, spec);
        if (!parsed.ok()) {
            return CompletableFuture.completedFuture(CommandResult.rejected(parsed.violation().reason(),
                    SettingKey.DELAY_TIMER.expected(), null));
        }
        return set(chargerId, SettingKey.DELAY_TIMER.key(), parsed.value());
    }

    @Override
    public CompletionStage<CommandResult> rapiRequest(String chargerId, String command) {
        String text = command.startsWith("$") ? command.substring(1) : command;
        if (!RAPI_COMMAND.matcher(text).matches()) {
            return CompletableFuture.completedFuture(CommandResult.rejected("not_a_command", "allowlist", null));
        }
        String code = text.substring(0, 2);
        boolean allowed = RAPI_GETS.contains(text) || text.equals("SL 1") || text.equals("SL 2")
                || text.equals("SL A") || SA_PARAMS.matcher(text).matches();
        if (!allowed) {
            return CompletableFuture.completedFuture(CommandResult.rejected("not_allowed", "allowlist", null));
        }
        RapiChargerPort port = portOf(chargerId == null ? settings.primary().id() : chargerId);
        if (port.conError()) {
            return CompletableFuture.completedFuture(CommandResult.rejected("evse_offline", null, null));
        }
        return port.send(text).handle((reply, error) -> {
            if (error != null) {
                return rapiResult(null, error, null);
            }
            return CommandResult.accepted(reply.raw());
        }).thenApply(result -> {
            LOG.log(Level.DEBUG, "rapi_request " + code + ": " + result);
            return result;
        });
    }

    @Override
    public CompletionStage<CommandResult> update(boolean spiffs) {
        if (parts.updateUrl() == null) {
            return CompletableFuture.completedFuture(CommandResult.rejected("not_configured", null, null));
        }
        for (DeviceListener listener : listeners) {
            listener.onUpdateStatus(spiffs, "failed: network");
        }
        return CompletableFuture.completedFuture(CommandResult.rejected("update_failed", null, "network"));
    }

    @Override
    public CompletionStage<CommandResult> resetSettings() {
        return enqueue(result -> {
            Settings defaults = settings.resetToDefaults();
            try {
                store.save(defaults);
            } catch (IOException e) {
                result.complete(CommandResult.rejected("busy", null, "cannot save settings: " + e.getMessage()));
                return;
            }
            settings = defaults;
            balancer.config(balancerConfig(defaults));
            parts.source().calibration(defaults.calibration());
            for (SettingKey key : SettingKey.values()) {
                if (!key.persisted() || !key.hasTopic()) {
                    continue;
                }
                if (key.scope() == SettingScope.SITE) {
                    for (DeviceListener listener : listeners) {
                        listener.onSettingChanged(null, key.key(), Long.toString(defaults.value(key)));
                    }
                } else if (key.scope() == SettingScope.CHARGER && key != SettingKey.ENABLE) {
                    for (ChargerSettings charger : defaults.chargers()) {
                        String value = key == SettingKey.DELAY_TIMER ? charger.delayTimer().payload()
                                : Long.toString(charger.value(key));
                        for (DeviceListener listener : listeners) {
                            listener.onSettingChanged(charger.id(), key.key(), value);
                        }
                    }
                }
            }
            publishStatus(clock.nanoTime());
            result.complete(CommandResult.accepted((String) null));
        });
    }

    @Override
    public void addListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        listeners.remove(listener);
    }

    /**
     * Maps the settings in force to the control law's configuration.
     *
     * @param s the settings
     * @return the balancer configuration
     */
    static BalancerConfig balancerConfig(Settings s) {
        ChargerSettings primary = s.primary();
        return BalancerConfig.defaults().toBuilder()
                .breakerAmps(s.breakerAmps())
                .cLimitAmps(primary.cLimitAmps())
                .minimumCurrentAmps(primary.cMinLimitAmps())
                .marginAmps(s.breakerMarginDeciAmps() / 10.0)
                .raiseDelayMs(s.raiseDelayMs())
                .raiseStepAmps(s.raiseStepAmps())
                .resumeMarginAmps(s.resumeMarginDeciAmps() / 10.0)
                .resumeDelayMs(s.resumeDelayMs())
                .minimumPauseMs(s.minPauseMs())
                .staleAfterMs(s.staleAfterMs())
                .failsafeMode(s.failsafeMode() == me.napolni.dinamics.core.settings.FailsafeMode.PAUSE
                        ? FailsafeMode.PAUSE : FailsafeMode.MINIMUM)
                .deepShortagePauseMs(s.timerMs(4))
                .staticMode(!s.dynamic())
                .build();
    }

    @Override
    public void close() {
        running = false;
        wakeLoop();
        try {
            loopThread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (RapiChargerPort port : ports) {
            port.close();
        }
        parts.source().close();
        LOG.log(Level.INFO, "gateway stopped");
    }

    static String describe(List<String> items) {
        return Arrays.toString(items.toArray());
    }
}
