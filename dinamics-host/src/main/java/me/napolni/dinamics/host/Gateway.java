package me.napolni.dinamics.host;

import me.napolni.dinamics.core.ChargerPort;
import me.napolni.dinamics.core.ChargerSnapshot;
import me.napolni.dinamics.core.ControlCommand;
import me.napolni.dinamics.core.ControlLoop;
import me.napolni.dinamics.core.ControlSnapshot;
import me.napolni.dinamics.core.LoopRunner;
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
import me.napolni.dinamics.core.time.LocalMinuteClock;
import me.napolni.dinamics.core.time.NanoClock;
import me.napolni.dinamics.host.internal.ChargerView;
import me.napolni.dinamics.host.internal.MainsReadings;
import me.napolni.dinamics.host.internal.MeasurementSource;
import me.napolni.dinamics.host.internal.RapiChargerPort;
import me.napolni.dinamics.host.internal.RapiLink;
import me.napolni.dinamics.host.internal.SettingsStore;
import me.napolni.dinamics.host.update.UpdateException;
import me.napolni.dinamics.host.update.UpdateManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The running gateway: the core's {@link ControlLoop} on a {@link LoopRunner}, one {@link RapiChargerPort} per
 * charger, the measurement source and the persisted settings, behind the {@link DeviceControl} that MQTT and the
 * web UI use.
 *
 * <p>The control loop's thread owns the balancing state. A command from an adapter runs on the gateway's command
 * thread (a bounded queue: 256 waiting, then {@code overloaded}): it is validated whole through the settings table,
 * persisted atomically, queued to the loop ({@link ControlCommand.ApplySettings}, {@link ControlCommand.Operator}),
 * and only then acknowledged. A status thread turns the loop's snapshots and the ports' views into the
 * {@link DeviceStatus} adapters read, and tells listeners about S-class changes.
 * <pre>
 *   Gateway gateway = Gateway.start(parts);      // loop, ports and source running
 *   MqttBridge.start(mqttConfig, gateway);       // adapters only see DeviceControl
 *   ...
 *   gateway.close();
 * </pre>
 */
public final class Gateway implements DeviceControl, AutoCloseable {

    /** The reason of a setting that could not be persisted (our extension of TOPICS.md 2): nothing changed. */
    public static final String STORAGE_ERROR = "storage_error";
    /** The {@code detail} of {@link #STORAGE_ERROR} when the data folder's file system is full. */
    public static final String DISK_FULL = "disk_full";
    /** The reason of a command that failed inside the gateway (a bug, not the input): nothing changed. */
    public static final String INTERNAL_ERROR = "internal_error";

    /** The control loop's period, ms of gateway time. */
    public static final long PASS_PERIOD_MS = 250;
    /** The most commands waiting before {@code overloaded}. */
    public static final int COMMAND_QUEUE_CAPACITY = 256;

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());
    private static final long MS = 1_000_000L;
    private static final long STATUS_PERIOD_REAL_MS = 250;
    private static final Pattern RAPI_COMMAND = Pattern.compile("^[A-Z][A-Z0-9]( [A-Za-z0-9-]{1,10}){0,4}$");
    private static final List<String> RAPI_GETS = List.of("G0", "G3", "G4", "G5", "GA", "GC", "GD", "GE", "GF",
            "GG", "GH", "GI", "GP", "GS", "GT", "GU", "GV", "GY");
    private static final String CHECKING = "checking";
    private static final String FAILED = "failed: ";
    private static final String UPDATE_FAILED = "update_failed";
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
     * @param localTime the local time of day (delay timer)
     * @param updates the signed-update manager ({@code set_update}, {@code set_update_spiffs}), or null when the
     *                gateway cannot update (then both answer {@code not_configured})
     * @param wallClockMs Unix time for snapshots
     */
    public record Parts(String serial, List<String> chargerIds, List<RapiChargerPort.Connector> connectors,
            MeasurementSource source, SettingsStore store, NanoClock clock, LocalMinuteClock localTime,
            UpdateManager updates, LongSupplier wallClockMs) {
        /**
         * Copies the lists.
         *
         * @param serial the serial
         * @param chargerIds the ids
         * @param connectors the connectors
         * @param source the source
         * @param store the store
         * @param clock the clock
         * @param localTime the local time of day
         * @param updates the update manager or null
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
    private final CopyOnWriteArrayList<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor commandThread;
    private final ScheduledThreadPoolExecutor statusThread;
    private final ControlLoop loop;
    private final Map<String, Integer> tLimit = new ConcurrentHashMap<>();
    private final Map<String, Integer> eLimit = new ConcurrentHashMap<>();
    private volatile LoopRunner runner;
    private volatile Settings settings;
    private volatile DeviceStatus status;
    private String lastSClass = "";
    /** The replies of running updates not yet past their manifest check, by component (spiffs). */
    private final Map<Boolean, CompletableFuture<CommandResult>> updateReplies = new HashMap<>();

    private Gateway(Parts parts, Settings loaded) {
        this.parts = parts;
        this.clock = parts.clock();
        this.store = parts.store();
        this.settings = loaded;
        List<ChargerPort> loopPorts = new ArrayList<>();
        for (int i = 0; i < parts.chargerIds().size(); i++) {
            String id = parts.chargerIds().get(i);
            RapiChargerPort port = new RapiChargerPort(id, parts.connectors().get(i), clock, () -> settings,
                    portEvents(id));
            ports.add(port);
            loopPorts.add(port);
        }
        this.loop = ControlLoop.create(loaded, mains.latest(), loopPorts, parts.localTime());
        this.commandThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(COMMAND_QUEUE_CAPACITY), runnable -> daemon(runnable, "gateway-commands"));
        this.statusThread = new ScheduledThreadPoolExecutor(1, runnable -> daemon(runnable, "gateway-status"));
        this.status = buildStatus(null);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
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
        gateway.runner = LoopRunner.start(gateway.loop, parts.clock(), PASS_PERIOD_MS * MS);
        gateway.statusThread.scheduleWithFixedDelay(gateway::publishStatus, STATUS_PERIOD_REAL_MS,
                STATUS_PERIOD_REAL_MS, TimeUnit.MILLISECONDS);
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
     * Returns the intervals between the control loop's passes so far (p50, p99, maximum; on the gateway's clock).
     *
     * @return the figures, {@link LoopRunner.PassIntervals#NONE} before the second pass
     */
    public LoopRunner.PassIntervals passIntervals() {
        LoopRunner running = runner;
        return running == null ? LoopRunner.PassIntervals.NONE : running.passIntervals();
    }

    /**
     * Returns the primary charger's port (for tests).
     *
     * @return the port
     */
    public RapiChargerPort primaryPort() {
        return ports.get(0);
    }

    // ---------------------------------------------------------------- status

    private synchronized void publishStatus() {
        try {
            DeviceStatus built = buildStatus(loop.snapshot());
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
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "status not built: " + e, e);
        }
    }

    private DeviceStatus buildStatus(ControlSnapshot snapshot) {
        Settings s = settings;
        List<Double> amps = new ArrayList<>(3);
        List<Long> ages = new ArrayList<>(3);
        for (int phase = 0; phase < 3; phase++) {
            if (snapshot != null && snapshot.hasReading(phase)) {
                amps.add(Math.round(snapshot.mainsAmps(phase) * 100) / 100.0);
                ages.add(Math.max(0, snapshot.mainsAgeMs(phase)));
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
            ChargerSnapshot seen = snapshot == null || snapshot.chargers().size() <= i ? null
                    : snapshot.chargers().get(i);
            chargers.add(chargerStatus(s, ports.get(i), seen));
        }
        if (chargers.isEmpty()) {
            for (ChargerSettings charger : s.chargers()) {
                chargers.add(new ChargerStatus(charger.id(), charger.priority(), null, intentOf(charger), 2, null,
                        "CON_ERROR", null, null, null, 0, 0, null, null, charger.cLimitAmps(),
                        charger.cMinLimitAmps(), null, null, null, charger.delayTimer().payload(), null));
            }
        }
        FailsafeState failsafe = snapshot == null || snapshot.failsafe() == null ? FailsafeState.NO_READINGS
                : snapshot.failsafe();
        if (failsafe == FailsafeState.OFF && !ports.isEmpty() && ports.get(0).conError()) {
            failsafe = FailsafeState.EVSE_LINK;     // the controller's own $SY fallback holds (TOPICS 7.2)
        }
        return new DeviceStatus(parts.wallClockMs().getAsLong(), parts.serial(), DinamicsMain.version(), amps, ages,
                s.breakerAmps(), failsafe.wireName(), null, values, chargers);
    }

    private static Integer intentOf(ChargerSettings charger) {
        EnableIntent intent = charger.enableIntent();
        return intent == EnableIntent.NONE ? null : intent.code();
    }

    private ChargerStatus chargerStatus(Settings s, RapiChargerPort port, ChargerSnapshot seen) {
        ChargerSettings charger = s.charger(port.id());
        ChargerView v = port.view();
        boolean linkOk = !port.conError() && v.linkOk();
        Double carAmps = v.carMilliAmps() == ChargerView.UNKNOWN ? null
                : Math.round(Math.max(0, v.carMilliAmps()) / 10.0) / 100.0;
        int phases = seen == null ? 0 : seen.activePhases();
        int noOfPhases = phases == 0 ? 0 : Integer.toString(phases).length();
        double volts = v.milliVolts() == ChargerView.UNKNOWN || v.milliVolts() <= 0 ? 230.0 : v.milliVolts() / 1000.0;
        Long power = carAmps == null ? null : Math.round(carAmps * volts * Math.max(noOfPhases, 1));
        Long energy = v.sessionWs() == ChargerView.UNKNOWN ? null : v.sessionWs() / 3600 * Math.max(noOfPhases, 1);
        int state = !linkOk || v.evseState() == ChargerView.STATE_DISABLED ? 2 : v.carConnected() ? 1 : 0;
        Integer allowed = seen == null ? null : Math.max(0, Math.min(charger.cLimitAmps(), seen.allowedAmps()));
        Integer pilot = v.pilotAmps() != ChargerView.UNKNOWN ? Integer.valueOf(v.pilotAmps())
                : seen != null && seen.setpointAmps() != ChargerSnapshot.UNKNOWN_AMPS
                        ? Integer.valueOf(seen.setpointAmps()) : null;
        Integer t = tLimit.get(port.id());
        Integer e = eLimit.get(port.id());
        return new ChargerStatus(port.id(), charger.priority(), v.enable() == ChargerView.UNKNOWN ? null : v.enable(),
                intentOf(charger), state, v.evseState() == ChargerView.UNKNOWN ? null : v.evseState(),
                linkOk ? "OK" : "CON_ERROR", carAmps, pilot, allowed, phases, noOfPhases, power, energy,
                charger.cLimitAmps(), charger.cMinLimitAmps(), t, e,
                e == null ? null : (double) e * Math.max(1, noOfPhases), charger.delayTimer().payload(),
                seen == null || seen.stopReason() == null ? null : seen.stopReason().word());
    }

    private RapiChargerPort.Events portEvents(String id) {
        return new RapiChargerPort.Events() {
            @Override
            public void onReply(String command, String raw) {
                for (DeviceListener listener : listeners) {
                    listener.onRapiReply(id, command, raw);
                }
                log(4, "charger " + id + ": $" + command + " -> " + raw);
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
                log(ok ? 2 : 1, "charger " + id + ": link " + (ok ? "OK" : "CON_ERROR"));
                // the loop sees the link in the port's observation and sends everything again after a recovery
                try {
                    statusThread.execute(Gateway.this::publishStatus);
                } catch (RejectedExecutionException closing) {
                    // the gateway is closing: its ports report the link going down, nobody listens any more
                }
            }
        };
    }

    /** A debug_log line for the adapters (TOPICS 5: 1 errors, 2 changes, 3 decisions, 4 RAPI exchanges). */
    private void log(int level, String message) {
        for (DeviceListener listener : listeners) {
            listener.onLog(level, message);
        }
    }

    private RapiChargerPort portOf(String id) {
        for (RapiChargerPort port : ports) {
            if (port.id().equals(id)) {
                return port;
            }
        }
        return ports.get(0);
    }

    // ---------------------------------------------------------------- DeviceControl

    @Override
    public DeviceStatus status() {
        return status;
    }

    private CompletionStage<CommandResult> enqueue(Consumer<CompletableFuture<CommandResult>> work) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        try {
            commandThread.execute(() -> {
                try {
                    work.accept(result);
                } catch (UncheckedIOException e) {
                    LOG.log(Level.ERROR, "command failed: " + e, e);
                    result.complete(storageError(e.getCause()));
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "command failed: " + e, e);
                    result.complete(CommandResult.rejected(INTERNAL_ERROR, null, String.valueOf(e)));
                }
            });
        } catch (RejectedExecutionException e) {
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
                    Map<SettingKey, String> changed = new HashMap<>();
                    changed.put(setting, id);
                    result.complete(commit(change, changed));
                });
        }
    }

    /** Validates, persists, hands the loop and announces a change; on the command thread. */
    private CommandResult commit(SettingsChange change, Map<SettingKey, String> changed) {
        ChangeResult applied = change.apply();
        if (!applied.ok()) {
            Violation first = applied.violations().get(0);
            return CommandResult.rejected(first.reason(), first.expected(), null);
        }
        Settings old = settings;
        try {
            store.save(applied.settings());
        } catch (IOException e) {
            return storageError(e);
        }
        if (!loop.submit(new ControlCommand.ApplySettings(applied.settings()))) {
            try {
                store.save(old);
            } catch (IOException e) {
                LOG.log(Level.ERROR, "settings not restored: " + e.getMessage());
            }
            return CommandResult.rejected("overloaded", null, null);
        }
        settings = applied.settings();
        if (settings.calibration() != old.calibration()) {
            parts.source().calibration(settings.calibration());
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
            log(2, (chargerId == null ? "" : "charger " + chargerId + ": ") + key.key() + " = " + value);
        }
        publishStatus();                // status() shows the change once it is acknowledged
        return CommandResult.accepted(changed.size() == 1 ? value : null);
    }

    /**
     * The reply to a setting that could not be persisted: {@code storage_error}, with {@code disk_full} as the detail
     * when the file system is full, else the file system's message. Nothing was changed.
     */
    static CommandResult storageError(IOException e) {
        boolean full = isDiskFull(e);
        LOG.log(Level.ERROR, "settings not saved" + (full ? " (disk full): " : ": ") + e);
        return CommandResult.rejected(STORAGE_ERROR, null, full ? DISK_FULL : "cannot save settings: " + e.getMessage());
    }

    /** ENOSPC (or EDQUOT) anywhere in the chain; Java reports it only as the message of a plain IOException. */
    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("No space left on device")
                    || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    private CompletionStage<CommandResult> enable(String id, int value) {
        return enqueue(result -> {
            Map<SettingKey, String> changed = new HashMap<>();
            changed.put(SettingKey.ENABLE, id);
            CommandResult stored = commit(settings.change().set(id, SettingKey.ENABLE, value), changed);
            if (!stored.ok()) {
                result.complete(stored);
                return;
            }
            // stored first; the loop sends $FD/$FE/$FS now, or after a CON_ERROR once the link is back
            if (!loop.submit(new ControlCommand.Operator(id, EnableIntent.ofCode(value)))) {
                result.complete(CommandResult.rejected("overloaded", null, null));
                return;
            }
            result.complete(CommandResult.accepted(value));
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
        boolean allowed = RAPI_GETS.contains(text) || text.equals("SL 1") || text.equals("SL 2")
                || text.equals("SL A") || SA_PARAMS.matcher(text).matches();
        if (!allowed) {
            return CompletableFuture.completedFuture(CommandResult.rejected("not_allowed", "allowlist", null));
        }
        RapiChargerPort port = portOf(chargerId == null ? settings.primary().id() : chargerId);
        if (port.conError()) {
            return CompletableFuture.completedFuture(CommandResult.rejected("evse_offline", null, null));
        }
        return port.send(text).handle((reply, error) -> error != null ? rapiResult(null, error, null)
                : CommandResult.accepted(reply.raw()));
    }

    /**
     * Starts a signed update ({@code set_update} / {@code set_update_spiffs}, TOPICS.md §4.5).
     *
     * <p>The reply completes once the update is past its manifest check: rejected {@code update_failed} (the
     * failure word as detail) when it ended there, accepted {@code 1} when it goes on (downloading, or
     * {@code up_to_date}). A later failure reaches the adapters as {@code failed: <word>} through
     * {@link DeviceListener#onUpdateStatus(boolean, String)}. A rejection ({@code busy}, {@code not_configured})
     * is immediate. Listeners hear each progress word only after the reply it follows has completed.
     *
     * @param spiffs true for the web UI bundle
     * @return the reply
     */
    @Override
    public CompletionStage<CommandResult> update(boolean spiffs) {
        UpdateManager updates = parts.updates();
        if (updates == null) {
            publishUpdateStatus(spiffs, "failed: " + UpdateException.NOT_CONFIGURED);
            return CompletableFuture.completedFuture(CommandResult.rejected(UpdateException.NOT_CONFIGURED, null,
                    "no update source configured"));
        }
        CompletableFuture<CommandResult> reply = new CompletableFuture<>();
        UpdateManager.Run run;
        synchronized (updateReplies) {
            run = updates.start(spiffs);
            if (!run.started().ok()) {
                return CompletableFuture.completedFuture(run.started());
            }
            updateReplies.put(spiffs, reply);
        }
        CommandResult started = run.started();
        // a safety net: every run ends with a word past "checking", which completes the reply first
        run.finished().whenComplete((result, error) -> completeReply(spiffs, reply,
                result == null || result.ok() ? started : result));
        return reply;
    }

    /**
     * Tells the adapters about an update's progress (the {@link UpdateManager}'s listener): MQTT publishes it on
     * {@code update_status} / {@code update_spiffs_status}, and a {@code failed: <word>} as the {@code update_failed}
     * error of the request.
     *
     * @param spiffs true for the web UI bundle
     * @param text the TOPICS.md §4.5 word(s), e.g. {@code downloading 40 %}
     */
    public void publishUpdateStatus(boolean spiffs, String text) {
        CompletableFuture<CommandResult> reply;
        synchronized (updateReplies) {
            reply = CHECKING.equals(text) ? null : updateReplies.get(spiffs);
        }
        if (reply != null) {
            completeReply(spiffs, reply, text.startsWith(FAILED) ? CommandResult.rejected(UPDATE_FAILED, null,
                    text.substring(FAILED.length())) : CommandResult.accepted(1));
        }
        log(text.startsWith(FAILED) ? 1 : 2, (spiffs ? "web UI update: " : "program update: ") + text);
        for (DeviceListener listener : listeners) {
            listener.onUpdateStatus(spiffs, text);
        }
    }

    private void completeReply(boolean spiffs, CompletableFuture<CommandResult> reply, CommandResult result) {
        synchronized (updateReplies) {
            updateReplies.remove(spiffs, reply);
        }
        reply.complete(result);          // the adapters' reply handling runs (or is queued) before the next word
    }

    @Override
    public CompletionStage<CommandResult> resetSettings() {
        return enqueue(result -> {
            Settings defaults = settings.resetToDefaults();
            try {
                store.save(defaults);
            } catch (IOException e) {
                result.complete(storageError(e));
                return;
            }
            if (!loop.submit(new ControlCommand.ApplySettings(defaults))) {
                result.complete(CommandResult.rejected("overloaded", null, null));
                return;
            }
            settings = defaults;
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
            publishStatus();            // status() shows the defaults once they are acknowledged
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

    @Override
    public void close() {
        commandThread.shutdownNow();
        statusThread.shutdownNow();
        if (runner != null) {
            runner.close();
        }
        for (RapiChargerPort port : ports) {
            port.close();
        }
        parts.source().close();
        LOG.log(Level.INFO, "gateway stopped");
    }
}
