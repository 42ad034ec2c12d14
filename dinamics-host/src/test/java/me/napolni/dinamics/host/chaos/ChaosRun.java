package me.napolni.dinamics.host.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import me.napolni.dinamics.core.settings.ChargerSettings;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.Settings;
import me.napolni.dinamics.core.sim.BreakerModel;
import me.napolni.dinamics.core.sim.HouseholdDay;
import me.napolni.dinamics.host.internal.SettingsStore;
import me.napolni.dinamics.rapi.emulator.EmulatorConfig;
import me.napolni.dinamics.rapi.emulator.EvseEmulator;
import me.napolni.dinamics.rapi.transport.SerialTransport;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One chaos run: {@code dinamics run} as a separate process against an {@link EvseEmulator} behind a socat pty pair,
 * Debian's mosquitto and an MQTT meter topic the harness publishes from its own true-current model (the household
 * day sped up, plus what the emulated car draws), with the seeded faults of a {@link FaultSchedule} injected at
 * their moments. Everything binds 127.0.0.1; {@link #close()} kills every process it started.
 *
 * <p>The gateway runs in real time on fast timers (stale after 2 s, replies within 0.5 s); only the house profile
 * is sped up. The breaker's thermal model (SCENARIO.md §3) runs on the true currents in wall-clock 100 ms steps.
 */
final class ChaosRun implements AutoCloseable {

    static final String SERIAL = "chaos";
    static final String ROOT = "Dinamics/" + SERIAL + "/";
    static final long STALE_AFTER_MS = 2_000;
    static final long TIMER13_MS = 500;
    /** Pass period plus the RAPI exchange plus a tolerance, on top of stale_after, for the meter-fault check. */
    static final long SAFE_SLACK_MS = 2_000;
    static final int BREAKER_AMPS = 25;
    static final int CAR_WANTS_AMPS = 20;
    static final int SAFE_AMPS = EvseEmulator.MIN_AMPS;
    static final int INITIAL_C_LIMIT = 16;
    static final int WRITER_MIN = 6;
    static final int WRITER_MAX = 25;
    static final int[] DISK_FULL_VALUES = {26, 27, 28};
    static final int WEB_FORBIDDEN_C_LIMIT = 31;
    static final long STEP_MS = 100;
    static final long METER_PERIOD_MS = 200;
    /** How long a SIGKILL waits for the gateway's last will (the broker may be down meanwhile). */
    static final long WILL_WAIT_MS = 15_000;
    /** A gateway process gets its first forced collection (for the live heap) this long after it is first seen. */
    static final long GC_FIRST_MS = 15_000;
    /** Then one every this long. */
    static final long GC_EVERY_MS = 30_000;
    static final List<String> COMMAND_TOPICS = List.of("set_enable", "set_breaker", "set_update", "set_update_spiffs",
            "set_t_limit", "set_e_limit", "set_c_limit", "set_calibration", "set_debug", "set_timer", "set_timer1",
            "set_timer2", "set_timer3", "set_timer4", "set_timer5", "set_timer6", "set_timer7", "set_timer8",
            "set_timer9", "set_timer10", "set_timer11", "set_timer12", "set_timer13", "set_timer14",
            "set_plugandcharge", "set_c_min_limit", "set_dinamics", "set_nwpc", "get_status", "get_settings",
            "get_wifi", "charger/1/set_c_limit", "charger/1/set_priority");
    static final List<String> GARBAGE = List.of("", "abc", "1e3", "16.0", "007", "+16", " 16", "16 ", "0x10",
            "\"16\"", "{\"value\":16}", "-0", "16\n", "1\u00006", "\uff11\uff16", "-5", "99999999999999999999",
            "1".repeat(65), "\u00ff\u00fe", "NaN", "null");
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$");
    private static final Pattern PASS = Pattern.compile(
            "^dinamics_loop_pass_interval_milliseconds\\{[^}]*stat=\"(p50|p99|max)\"[^}]*} (\\S+)$");
    private static final Pattern PASSES = Pattern.compile("^dinamics_loop_pass_intervals(?:\\{[^}]*})? (\\S+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to run against. */
    record Options(Path jar, Path day, Path workDir, int startSecond, double speed, boolean tmpfs) {
    }

    private final Options options;
    private final FaultSchedule schedule;
    private final ChaosResult result;
    private final HouseholdDay day;
    private final Path ttyA;
    private final Path ttyB;
    private final Path dataDir;
    private final Path mosquittoDir;
    private final Path gatewayLog;
    private final int mqttPort;
    private final int webPort;
    private final ExecutorService faultThreads = Executors.newCachedThreadPool();
    private final ScheduledExecutorService ticker = Executors.newScheduledThreadPool(3);
    private final Object socatLock = new Object();
    private final Object brokerLock = new Object();
    private final Object gatewayLock = new Object();
    private final Map<FaultKind, AtomicInteger> active = new EnumMap<>(FaultKind.class);
    private final AtomicInteger disruptions = new AtomicInteger();
    private final AtomicLong lastDisruptionEndMs = new AtomicLong();
    private final Set<String> errorsSeen = ConcurrentHashMap.newKeySet();
    private final List<String> markersExpected = new CopyOnWriteArrayList<>();
    private final Set<Integer> ackedValues = ConcurrentHashMap.newKeySet();
    private final AtomicLong offlineWills = new AtomicLong();
    private final Map<Long, Long> processFirstSeenMs = new ConcurrentHashMap<>();
    private final Map<Long, Long> lastGcMs = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private volatile Process socat;
    private volatile Process mosquitto;
    private volatile Process gateway;
    private volatile boolean gatewayExpectedDown;
    private volatile EvseEmulator emulator;
    private volatile MqttClient observer;
    private volatile MqttClient commander;
    private volatile JsonNode lastSnapshot;
    private volatile long lastSnapshotAtMs;
    private volatile Integer lastCLimitAck;
    private volatile String token;
    private volatile boolean tmpfsMounted;
    private volatile double[] meterFrozen;
    private long startNs;

    // plant state, guarded by this
    private final double[] trueAmps = new double[3];
    private final double[] houseAmps = new double[3];
    private BreakerModel breaker;
    private BreakerModel houseOnly;
    private long steps;
    private long episodeStartMs = -1;
    private double episodePeak;
    private double episodeThermalPct;

    ChaosRun(Options options, FaultSchedule schedule) throws IOException {
        this.options = options;
        this.schedule = schedule;
        this.result = new ChaosResult(schedule);
        try {
            this.day = HouseholdDay.load(options.day());
        } catch (Exception e) {
            throw new IOException("cannot load " + options.day(), e);
        }
        Files.createDirectories(options.workDir());
        this.ttyA = options.workDir().resolve("ttyA");
        this.ttyB = options.workDir().resolve("ttyB");
        this.dataDir = options.workDir().resolve("data");
        this.mosquittoDir = options.workDir().resolve("mosquitto");
        this.gatewayLog = options.workDir().resolve("gateway.log");
        this.mqttPort = freePort();
        this.webPort = freePort();
        for (FaultKind kind : FaultKind.values()) {
            active.put(kind, new AtomicInteger());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    long nowMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
    }

    // ---- the run ----

    ChaosResult run() throws Exception {
        startNs = System.nanoTime();
        prepareDataDir();
        startMosquitto();
        startSocat();
        emulator = EvseEmulator.create(EmulatorConfig.defaults());
        emulator.attach(SerialTransport.of(ttyB.toString()));
        emulator.car().plugIn().draw(CAR_WANTS_AMPS);
        observer = connect("chaos-observer", true);
        commander = connect("chaos-commander", false);
        int second = options.startSecond();
        synchronized (this) {
            breaker = new BreakerModel(BREAKER_AMPS, day.amps(0, second), day.amps(1, second), day.amps(2, second));
            houseOnly = new BreakerModel(BREAKER_AMPS, day.amps(0, second), day.amps(1, second), day.amps(2, second));
        }
        ticker.scheduleAtFixedRate(this::plantSafely, 0, STEP_MS, TimeUnit.MILLISECONDS);
        ticker.scheduleAtFixedRate(this::publishMeter, 0, METER_PERIOD_MS, TimeUnit.MILLISECONDS);
        startGateway();
        awaitCondition(60_000, () -> Files.exists(dataDir.resolve("web-token")), "the web token file");
        token = Files.readString(dataDir.resolve("web-token"), StandardCharsets.US_ASCII).trim();
        ticker.scheduleAtFixedRate(this::sampleProcess, 2_000, 5_000, TimeUnit.MILLISECONDS);
        awaitCondition(60_000, () -> lastSnapshot != null && "OK".equals(lastSnapshot.path("connection").asText()),
                "the first snapshot with the link OK");

        List<Future<?>> running = new ArrayList<>();
        for (Fault fault : schedule.faults()) {
            sleepUntil(fault.atMs());
            running.add(faultThreads.submit(() -> inject(fault)));
        }
        sleepUntil(schedule.runMs());
        for (Future<?> future : running) {
            future.get(3, TimeUnit.MINUTES);
        }
        // recovery: link OK, no failsafe, fresh snapshots from the living process
        boolean recovered = awaitQuietly(60_000, () -> lastSnapshot != null
                && "OK".equals(lastSnapshot.path("connection").asText())
                && "off".equals(lastSnapshot.path("failsafe").asText()) && nowMs() - lastSnapshotAtMs < 5_000);
        result.check("recovered after the last fault (link OK, failsafe off)", recovered,
                recovered ? "yes" : "no: last snapshot " + lastSnapshot);
        awaitQuietly(10_000, () -> unansweredMarkers().isEmpty());
        ticker.shutdownNow();
        ticker.awaitTermination(10, TimeUnit.SECONDS);
        finish();
        return result;
    }

    private void finish() {
        synchronized (this) {
            closeEpisode(nowMs());
        }
        List<String> unanswered = unansweredMarkers();
        result.markersSent = markersExpected.size();
        result.markersAnswered = markersExpected.size() - unanswered.size();
        result.check("every sampled rejected MQTT input got its ~/error reply", unanswered.isEmpty(),
                result.markersAnswered + "/" + result.markersSent + (unanswered.isEmpty() ? ""
                        : " missing: " + unanswered.subList(0, Math.min(5, unanswered.size()))));
        if (result.diskFullRuns > 0) {
            Set<String> reasons = Set.copyOf(result.diskFullErrors.keySet());
            result.check("a write on a full disk is refused as busy or storage_error (either word)",
                    Set.of("busy", "storage_error").containsAll(reasons), result.diskFullErrors.toString());
        }
        for (ChaosResult.Injection injection : result.injections) {
            checkMeterFault(injection);
        }
        result.checkEpisodes();
        result.check("the breaker never tripped (house-alone trips excluded)", result.trips == 0,
                result.trips + " trips, " + result.houseTrips + " house-alone trips, peak thermal "
                        + String.format("%.1f %%", result.peakThermalPct));
        result.check("the process never died on its own", result.unexpectedExits.isEmpty(),
                result.unexpectedExits.isEmpty() ? "0 unexpected exits" : String.join("; ", result.unexpectedExits));
        result.checkProcessFigures();
    }

    private List<String> unansweredMarkers() {
        List<String> missing = new ArrayList<>();
        for (String marker : markersExpected) {
            if (!errorsSeen.contains(marker)) {
                missing.add(marker);
            }
        }
        return missing;
    }

    private void checkMeterFault(ChaosResult.Injection injection) {
        FaultKind kind = injection.fault.kind();
        if (kind.bound != FaultKind.Bound.METER) {
            return;
        }
        long bound = STALE_AFTER_MS + SAFE_SLACK_MS;
        boolean linkTrouble = overlapsLinkFault(injection.startMs, injection.endMs);
        if (linkTrouble) {
            bound = FaultKind.Bound.LINK.overRatingMs;
        }
        List<ChaosResult.Sample> samples = result.samples;
        Long safeAt = null;
        boolean safeAtStart = false;
        for (ChaosResult.Sample sample : samples) {
            if (sample.tMs() < injection.startMs) {
                continue;
            }
            boolean safe = sample.capacityAmps() <= SAFE_AMPS || sample.carAmps() == 0;
            if (safeAt == null && sample.tMs() - injection.startMs <= STEP_MS && safe) {
                safeAtStart = true;
            }
            if (safe) {
                safeAt = sample.tMs();
                break;
            }
            if (sample.tMs() > injection.endMs) {
                break;
            }
        }
        String note;
        boolean ok;
        if (safeAtStart) {
            note = "already safe";
            ok = true;
        } else if (safeAt != null && safeAt <= injection.endMs + STEP_MS) {
            long took = safeAt - injection.startMs;
            result.safeTimesMs.add(took);
            ok = took <= bound;
            note = took + " ms (bound " + bound + " ms" + (linkTrouble ? ", link fault too" : "") + ")";
        } else {
            ok = injection.endMs - injection.startMs < bound;
            note = "not safe before the fault ended after " + (injection.endMs - injection.startMs) + " ms";
        }
        injection.outcome = note;
        result.check("meter fault " + injection.fault + " reached the safe current in time", ok, note);
    }

    private boolean overlapsLinkFault(long fromMs, long toMs) {
        for (ChaosResult.Injection other : result.injections) {
            if (other.fault.kind().bound == FaultKind.Bound.LINK && other.startMs <= toMs
                    && other.endMs + STALE_AFTER_MS >= fromMs) {
                return true;
            }
        }
        return false;
    }

    // ---- plant: house + car, breaker, meter ----

    private void plantSafely() {
        try {
            plant();
        } catch (RuntimeException e) {
            result.harnessProblems.add("plant: " + e);
        }
    }

    private synchronized void plant() {
        long now = nowMs();
        EvseEmulator evse = emulator;
        while ((steps + 1) * STEP_MS <= now) {
            steps++;
            long t = steps * STEP_MS;
            int second = (int) ((options.startSecond() + t / 1000.0 * options.speed()) % HouseholdDay.SECONDS_PER_DAY);
            int car = evse.car().drawnAmps();
            int capacity = evse.capacityAmps();
            double peak = 0;
            boolean over = false;
            for (int p = 0; p < 3; p++) {
                houseAmps[p] = day.amps(p, second);
                trueAmps[p] = houseAmps[p] + car;
                peak = Math.max(peak, trueAmps[p]);
                if (trueAmps[p] > BREAKER_AMPS && houseAmps[p] <= BREAKER_AMPS - SAFE_AMPS) {
                    over = true;
                }
            }
            boolean houseTrip = houseOnly.step(houseAmps[0], houseAmps[1], houseAmps[2]);
            boolean trip = breaker.step(trueAmps[0], trueAmps[1], trueAmps[2]);
            double thermalPct = 100.0 * maxTheta(breaker) / breaker.thresholdSquared();
            result.peakThermalPct = Math.max(result.peakThermalPct, thermalPct);
            if (trip) {
                if (houseTrip || houseOnly.overThreshold()) {
                    result.houseTrips++;
                } else {
                    result.trips++;
                    result.tripNotes.add("trip at " + t + " ms: " + String.format("%.1f/%.1f/%.1f A", trueAmps[0],
                            trueAmps[1], trueAmps[2]));
                }
                breaker = new BreakerModel(BREAKER_AMPS, houseAmps[0], houseAmps[1], houseAmps[2]);
            }
            if (over) {
                if (episodeStartMs < 0) {
                    episodeStartMs = t;
                    episodePeak = 0;
                    episodeThermalPct = 0;
                }
                episodePeak = Math.max(episodePeak, peak);
                episodeThermalPct = Math.max(episodeThermalPct, thermalPct);
            } else {
                closeEpisode(t);
            }
            result.samples.add(new ChaosResult.Sample(t, car, capacity, peak));
            if (steps % 10 == 0) {
                trace(String.format(java.util.Locale.ROOT, "plant house=%.1f/%.1f/%.1f car=%d capacity=%d%s",
                        houseAmps[0], houseAmps[1], houseAmps[2], car, capacity, over ? " OVER" : ""));
            }
        }
    }

    private static double maxTheta(BreakerModel model) {
        return Math.max(model.theta(0), Math.max(model.theta(1), model.theta(2)));
    }

    private void closeEpisode(long t) {
        if (episodeStartMs >= 0) {
            result.episodes.add(new ChaosResult.Episode(episodeStartMs, t, episodePeak, episodeThermalPct));
            episodeStartMs = -1;
        }
    }

    private void publishMeter() {
        try {
            double[] amps;
            synchronized (this) {
                amps = trueAmps.clone();
            }
            String payload;
            if (active(FaultKind.METER_SILENT)) {
                return;
            } else if (active(FaultKind.METER_GARBAGE)) {
                payload = switch ((int) (nowMs() / METER_PERIOD_MS % 3)) {
                    case 0 -> "{\"i\":[NaN,NaN,NaN]}";
                    case 1 -> "{\"i\":[\"NaN\",\"NaN\",\"NaN\"]}";
                    default -> "\u0000\u00ff{{{ not json";
                };
            } else if (active(FaultKind.METER_NEGATIVE)) {
                payload = "{\"i\":[-5,-5,-5]}";
            } else if (active(FaultKind.METER_HUGE)) {
                payload = "{\"i\":[10000,10000,10000]}";
            } else if (active(FaultKind.METER_FROZEN) && meterFrozen != null) {
                payload = meterJson(meterFrozen);
            } else {
                payload = meterJson(amps);
            }
            MqttClient client = commander;
            if (client != null && client.isConnected()) {
                client.publish("home/meter", payload.getBytes(StandardCharsets.UTF_8), 0, false);
            }
        } catch (MqttException | RuntimeException e) {
            // the broker is down on purpose: the meter simply stops delivering
        }
    }

    private static String meterJson(double[] amps) {
        return String.format(java.util.Locale.ROOT, "{\"i\":[%.2f,%.2f,%.2f]}", amps[0], amps[1], amps[2]);
    }

    private boolean active(FaultKind kind) {
        return active.get(kind).get() > 0;
    }

    // ---- faults ----

    private void inject(Fault fault) {
        trace("fault start " + fault);
        ChaosResult.Injection injection = new ChaosResult.Injection(fault, nowMs());
        result.injections.add(injection);
        try {
            switch (fault.kind()) {
                case SERIAL_UNPLUG -> unplugSerial(fault);
                case LINE_NOISE -> lineNoise(fault);
                case EVSE_LATE -> evseMode(fault, () -> emulator.replyLatencyMs(200 + Math.floorMod(fault.param(),
                        1_300)), () -> emulator.replyLatencyMs(0));
                case EVSE_NK -> evseMode(fault, () -> emulator.refuseAll(true), () -> emulator.refuseAll(false));
                case EVSE_SILENT -> evseMode(fault, () -> emulator.silent(true), () -> emulator.silent(false));
                case EVSE_REBOOT -> emulator.restart();
                case METER_SILENT, METER_NEGATIVE, METER_HUGE, METER_GARBAGE -> meterMode(fault);
                case METER_FROZEN -> {
                    synchronized (this) {
                        meterFrozen = trueAmps.clone();
                    }
                    meterMode(fault);
                }
                case BROKER_RESTART -> restartBroker(fault);
                case COMMAND_FLOOD -> flood(fault);
                case RETAINED_GARBAGE -> retainedGarbage(fault);
                case WEB_HOSTILE -> webHostile(fault);
                case GATEWAY_KILL -> killGateway(fault);
                case DISK_FULL -> diskFull(fault);
                default -> throw new IllegalStateException(fault.kind().toString());
            }
        } catch (Exception e) {
            result.harnessProblems.add(fault + ": " + e);
        } finally {
            injection.endMs = nowMs();
            trace("fault end " + fault);
        }
    }

    private void evseMode(Fault fault, Runnable on, Runnable off) throws InterruptedException {
        AtomicInteger depth = active.get(fault.kind());
        synchronized (depth) {
            if (depth.getAndIncrement() == 0) {
                on.run();
            }
        }
        Thread.sleep(fault.durationMs());       // holds the fault for its scheduled time (the experiment)
        synchronized (depth) {
            if (depth.decrementAndGet() == 0) {
                off.run();
            }
        }
    }

    private void meterMode(Fault fault) throws InterruptedException {
        active.get(fault.kind()).incrementAndGet();
        try {
            Thread.sleep(fault.durationMs());   // holds the fault for its scheduled time (the experiment)
        } finally {
            active.get(fault.kind()).decrementAndGet();
        }
    }

    private void unplugSerial(Fault fault) throws Exception {
        AtomicInteger depth = active.get(FaultKind.SERIAL_UNPLUG);
        synchronized (socatLock) {
            if (depth.getAndIncrement() == 0) {
                stopSocat();
            }
        }
        Thread.sleep(fault.durationMs());       // holds the fault: the cable stays out this long
        synchronized (socatLock) {
            if (depth.decrementAndGet() == 0) {
                startSocat();
            }
        }
    }

    private void lineNoise(Fault fault) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(fault.param());
        long end = nowMs() + fault.durationMs();
        int bursts = 0;
        while (nowMs() < end && bursts < 1_000) {
            bursts++;
            for (Path end1 : List.of(ttyA, ttyB)) {
                byte[] noise = noise(random);
                try (OutputStream out = new FileOutputStream(end1.toFile())) {
                    out.write(noise);
                } catch (IOException e) {
                    result.noiseWritesLost++;
                }
            }
            Thread.sleep(100);                  // paces the injected noise (the experiment)
        }
    }

    private static byte[] noise(SplittableRandom random) {
        String[] corrupted = {"$OK 99 12^00\r", "$AT 03 03 32 0200^FF\r", "$NK^99\r", "$GS", "$OK 6 80 32 32 :7^ZZ\r",
                "$$$$\r\r\r", "$SC 32 V^00\r", "$" + "X".repeat(120) + "\r"};
        if (random.nextBoolean()) {
            return corrupted[random.nextInt(corrupted.length)].getBytes(StandardCharsets.ISO_8859_1);
        }
        byte[] bytes = new byte[1 + random.nextInt(64)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private void restartBroker(Fault fault) throws Exception {
        AtomicInteger depth = active.get(FaultKind.BROKER_RESTART);
        disruptions.incrementAndGet();
        try {
            synchronized (brokerLock) {
                if (depth.getAndIncrement() == 0) {
                    mosquitto.destroyForcibly();
                    mosquitto.waitFor(10, TimeUnit.SECONDS);
                }
            }
            Thread.sleep(fault.durationMs());   // holds the fault: the broker stays down this long
            synchronized (brokerLock) {
                if (depth.decrementAndGet() == 0) {
                    startMosquitto();
                }
            }
        } finally {
            endDisruption();
        }
    }

    private void endDisruption() {
        lastDisruptionEndMs.set(nowMs());
        disruptions.decrementAndGet();
    }

    /** Markers are only expected to be answered when no broker or gateway disruption is near. */
    private boolean undisturbed() {
        return disruptions.get() == 0 && nowMs() - lastDisruptionEndMs.get() > 15_000
                && lastDisruptionEndMs.get() != 0 || disruptions.get() == 0 && lastDisruptionEndMs.get() == 0;
    }

    private void flood(Fault fault) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(fault.param());
        int count = 800 + random.nextInt(800);
        for (int i = 0; i < count; i++) {
            String topic = COMMAND_TOPICS.get(random.nextInt(COMMAND_TOPICS.size()));
            String payload = GARBAGE.get(random.nextInt(GARBAGE.size()));
            if (random.nextInt(10) == 0) {
                topic = List.of("set_debug", "get_status", "get_settings").get(random.nextInt(3));
                payload = topic.equals("set_debug") ? Integer.toString(1 + random.nextInt(5)) : "1";
            }
            publish(topic, payload, 0, false);
            if (i % 100 == 50) {
                String marker = "chaos-" + fault.id() + "-" + i;
                boolean expect = undisturbed() && commanderConnected();
                if (publish("set_debug", marker, 1, false) && expect) {
                    markersExpected.add("set_debug|" + marker);
                }
            }
            if (i % 200 == 199) {
                Thread.sleep(100);         // about 10 000 commands a minute at most
            }
        }
        result.floodMessages.addAndGet(count);
    }

    private boolean commanderConnected() {
        MqttClient client = commander;
        return client != null && client.isConnected();
    }

    private void retainedGarbage(Fault fault) {
        SplittableRandom random = new SplittableRandom(fault.param());
        int n = 0;
        for (String topic : COMMAND_TOPICS) {
            if (random.nextInt(3) == 0) {
                String payload = "retained-garbage-" + fault.id() + "-" + n++;
                publish(topic, payload, 1, true);
            }
        }
        result.retainedGarbage.addAndGet(n);
    }

    private boolean publish(String topic, String payload, int qos, boolean retained) {
        MqttClient client = commander;
        try {
            if (client == null || !client.isConnected()) {
                return false;
            }
            client.publish(ROOT + topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
            return true;
        } catch (MqttException e) {
            return false;
        }
    }

    private void webHostile(Fault fault) throws Exception {
        String base = "http://127.0.0.1:" + webPort;
        List<Object[]> plan = new ArrayList<>();        // request, expected status, label
        for (int i = 0; i < 8; i++) {
            plan.add(new Object[] {HttpRequest.newBuilder(URI.create(base + "/api/status")).GET(), 401, "no token"});
            plan.add(new Object[] {HttpRequest.newBuilder(URI.create(base + "/api/status"))
                    .header("Authorization", "Bearer wrong-" + i).GET(), 401, "wrong token"});
            plan.add(new Object[] {HttpRequest.newBuilder(URI.create(base + "/api/settings"))
                    .header("Authorization", "Bearer " + token.substring(1) + "x")
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"c_limit\":" + WEB_FORBIDDEN_C_LIMIT
                            + ",\"dinamics\":0}")), 401, "change with a wrong token"});
            plan.add(new Object[] {HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .header("Authorization", "Bearer " + token).GET(), 200, "parallel reads"});
        }
        for (int i = 0; i < 3; i++) {
            plan.add(new Object[] {HttpRequest.newBuilder(URI.create(base + "/api/settings"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"c_limit\":\"" + "9".repeat(64 * 1024) + "\"}")),
                    413, "oversized body"});
            plan.add(new Object[] {HttpRequest.newBuilder(URI.create(base + "/api/settings"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"c_limit\":" + WEB_FORBIDDEN_C_LIMIT
                            + ",\"dinamics\":\"abc\"}")), 400, "one bad value in a change"});
        }
        List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> futures = new ArrayList<>();
        for (Object[] entry : plan) {
            HttpRequest request = ((HttpRequest.Builder) entry[0]).timeout(Duration.ofSeconds(15)).build();
            futures.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        }
        for (int i = 0; i < plan.size(); i++) {
            String label = (String) plan.get(i)[2];
            int expected = (Integer) plan.get(i)[1];
            try {
                int status = futures.get(i).get(30, TimeUnit.SECONDS).statusCode();
                result.web.merge(label + ": " + status, 1, Integer::sum);
                if (status != expected) {
                    result.check("web " + label + " answered " + expected, false, "got " + status);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                result.web.merge(label + ": no answer (" + e.getCause().getClass().getSimpleName() + ")", 1,
                        Integer::sum);
                if (!gatewayExpectedDown) {
                    result.webUnanswered++;
                }
            }
        }
    }

    private void killGateway(Fault fault) throws Exception {
        synchronized (gatewayLock) {
            disruptions.incrementAndGet();
            try {
                SplittableRandom random = new SplittableRandom(fault.param());
                List<Integer> values = new ArrayList<>();
                for (int v = WRITER_MIN; v <= WRITER_MAX; v++) {
                    values.add(v);
                }
                Collections.shuffle(values, new java.util.Random(fault.param()));
                List<Integer> sent = new CopyOnWriteArrayList<>();
                Thread writer = new Thread(() -> {
                    for (Integer v : values) {
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        if (publish("set_c_limit", Integer.toString(v), 1, false)) {
                            sent.add(v);
                        }
                        try {
                            Thread.sleep(60);           // paces the injected writes (the experiment)
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "chaos-settings-writer");
                writer.start();
                Thread.sleep(150 + random.nextInt(1_000));     // the seeded moment of the kill among the writes
                gatewayExpectedDown = true;
                Process victim = gateway;
                long willsBefore = offlineWills.get();
                long killedAtMs = nowMs();
                victim.destroyForcibly();            // SIGKILL on Linux
                victim.waitFor(20, TimeUnit.SECONDS);
                writer.interrupt();
                writer.join(10_000);
                // the broker publishes the dead client's last will only after everything it sent before dying:
                // once the observer has the will, every ack the process got out has arrived (none without a broker)
                boolean drained = awaitQuietly(WILL_WAIT_MS, () -> offlineWills.get() > willsBefore);
                trace("kill " + fault + ": last will " + (drained ? "seen" : "not seen") + " after "
                        + (nowMs() - killedAtMs) + " ms");
                sleepUntil(killedAtMs + fault.durationMs());      // holds the fault: the box stays off this long
                Integer acked = lastCLimitAck;
                List<Integer> inFlight = new ArrayList<>();
                int lastIndex = acked == null ? -1 : sent.lastIndexOf(acked);
                if (lastIndex >= 0 || acked == null) {
                    inFlight.addAll(sent.subList(lastIndex + 1, sent.size()));
                }
                long restartEpochMs = System.currentTimeMillis();
                startGateway();
                gatewayExpectedDown = false;
                JsonNode[] fresh = new JsonNode[1];
                boolean seen = awaitQuietly(60_000, () -> {
                    JsonNode snapshot = lastSnapshot;
                    if (snapshot != null && snapshot.path("ts").asLong() > restartEpochMs
                            && snapshot.path("c_limit").isNumber()) {
                        fresh[0] = snapshot;
                        return true;
                    }
                    return false;
                });
                int expected = acked == null ? INITIAL_C_LIMIT : acked;
                if (!seen) {
                    result.check("settings after restart " + fault, false, "no snapshot from the new process");
                    return;
                }
                int restored = fresh[0].path("c_limit").asInt();
                ChaosResult.Restart restart = new ChaosResult.Restart(fault, sent.size(), acked, inFlight, restored);
                result.restarts.add(restart);
                boolean ok = restored == expected || inFlight.contains(restored);
                result.check("settings after restart " + fault + " are the last acknowledged ones", ok,
                        "c_limit " + restored + ", last ack " + acked + ", written after it " + inFlight);
            } finally {
                gatewayExpectedDown = false;
                endDisruption();
            }
        }
    }

    private void diskFull(Fault fault) throws Exception {
        if (!tmpfsMounted) {
            result.diskFullNote = "not run: the data directory is not on a small tmpfs (mount needs root)";
            return;
        }
        Path filler = dataDir.resolve("filler.bin");
        byte[] chunk = new byte[4096];
        int chunks = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (chunks < 4_096) {
                out.write(chunk);
                out.flush();
                chunks++;
            }
        } catch (IOException e) {
            // full: that is the point
        }
        try {
            for (int value : DISK_FULL_VALUES) {
                // a write the full disk cannot persist must be refused with an error (busy, or storage_error once
                // the contract branch lands: the marker is topic + payload, so either reason answers it)
                boolean expect = undisturbed() && commanderConnected();
                if (publish("set_c_limit", Integer.toString(value), 1, false) && expect) {
                    markersExpected.add("set_c_limit|" + value);
                }
                Thread.sleep(fault.durationMs() / DISK_FULL_VALUES.length);    // paces writes over the fault
            }
        } finally {
            Files.deleteIfExists(filler);
        }
        result.diskFullRuns++;
    }

    // ---- processes ----

    private void prepareDataDir() throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        if (options.tmpfs()) {
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs",
                    dataDir.toString()).redirectErrorStream(true).start();
            tmpfsMounted = mount.waitFor(20, TimeUnit.SECONDS) && mount.exitValue() == 0;
            if (!tmpfsMounted) {
                result.diskFullNote = "not run: mount -t tmpfs failed ("
                        + new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim() + ")";
            }
        }
        new SettingsStore(dataDir, List.of(ChargerSettings.PRIMARY_ID)).save(Settings.defaults()
                .with(SettingKey.BREAKER, BREAKER_AMPS)
                .with(SettingKey.STALE_AFTER, STALE_AFTER_MS).with(SettingKey.TIMER13, TIMER13_MS)
                .with(SettingKey.TIMER14, 2_000).with(SettingKey.TIMER10, 1_000).with(SettingKey.TIMER11, 2_000)
                .with(SettingKey.TIMER, 500).with(SettingKey.TIMER7, 1_000).with(SettingKey.TIMER4, 3_000)
                .with(SettingKey.RAISE_DELAY, 1_000).with(SettingKey.RESUME_DELAY, 3_000)
                .with(SettingKey.MIN_PAUSE, 5_000).with(SettingKey.PLUGANDCHARGE, 1));
        Files.writeString(options.workDir().resolve("dinamics.json"), ("{'serial':'" + SERIAL + "','dataDir':'"
                + dataDir + "','chargers':[{'id':'1','port':'" + ttyA + "'}],"
                + "'meter':{'type':'mqtt','topic':'home/meter','paths':['$.i[0]','$.i[1]','$.i[2]']},"
                + "'mqtt':{'url':'tcp://127.0.0.1:" + mqttPort + "'},"
                + "'homeassistant':{'enabled':false},"
                + "'web':{'bind':'127.0.0.1','port':" + webPort + "}}").replace('\'', '"'), StandardCharsets.UTF_8);
    }

    private void startMosquitto() throws Exception {
        Files.createDirectories(mosquittoDir);
        Files.setPosixFilePermissions(mosquittoDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(mosquittoDir.resolve("mosquitto.conf"), "listener " + mqttPort + " 127.0.0.1\n"
                + "allow_anonymous true\npersistence true\npersistence_location " + mosquittoDir + "/\n"
                + "autosave_interval 1\n");
        mosquitto = new ProcessBuilder(binary("mosquitto"), "-c", mosquittoDir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(mosquittoDir.resolve("mosquitto.log").toFile()))
                .start();
        awaitCondition(30_000, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), mqttPort), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        }, "mosquitto listening");
    }

    static String binary(String name) {
        for (String folder : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(folder, name))) {
                return Path.of(folder, name).toString();
            }
        }
        throw new IllegalStateException(name + " is not installed");
    }

    private void startSocat() throws Exception {
        Files.deleteIfExists(ttyA);
        Files.deleteIfExists(ttyB);
        socat = new ProcessBuilder(binary("socat"), "pty,raw,echo=0,link=" + ttyA, "pty,raw,echo=0,link=" + ttyB)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitCondition(30_000, () -> Files.exists(ttyA) && Files.exists(ttyB), "socat's pty links");
    }

    private void stopSocat() throws InterruptedException {
        Process process = socat;
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void startGateway() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx128m", "-jar", options.jar().toString(), "run", "--config",
                options.workDir().resolve("dinamics.json").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(gatewayLog.toFile()))
                .start();
        gateway = process;
        result.gatewayStarts++;
        process.onExit().thenAccept(p -> {
            if (gateway == p && !gatewayExpectedDown && !closing) {
                result.unexpectedExits.add("exit " + p.exitValue() + " at " + nowMs() + " ms");
            }
        });
    }

    private volatile boolean closing;
    private final List<String> trace = Collections.synchronizedList(new ArrayList<>());

    private void trace(String line) {
        if (trace.size() < 200_000) {
            trace.add(nowMs() + " " + line);
        }
    }

    private void sampleProcess() {
        try {
            Process process = gateway;
            if (process == null || !process.isAlive()) {
                return;
            }
            int threads = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.substring(8).trim());
                }
            }
            boolean afterGc = forceGcIfDue(process);
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort
                    + "/metrics")).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double heap = 0;
            double[] pass = new double[3];
            long passes = 0;
            for (String line : metrics.body().split("\n")) {
                Matcher matcher = HEAP.matcher(line);
                if (matcher.matches()) {
                    heap += Double.parseDouble(matcher.group(1));
                }
                Matcher interval = PASS.matcher(line);
                if (interval.matches()) {
                    int index = switch (interval.group(1)) {
                        case "p50" -> 0;
                        case "p99" -> 1;
                        default -> 2;
                    };
                    pass[index] = Double.parseDouble(interval.group(2));
                }
                Matcher count = PASSES.matcher(line);
                if (count.matches()) {
                    passes = (long) Double.parseDouble(count.group(1));
                }
            }
            result.processSamples.add(new ChaosResult.ProcessSample(nowMs(), process.pid(), threads, (long) heap,
                    afterGc, passes, pass[0], pass[1], pass[2]));
        } catch (IOException | RuntimeException e) {
            // the process was killed meanwhile, or the web port not up yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Every {@value #GC_EVERY_MS} ms of a process's life (the first after {@value #GC_FIRST_MS} ms), asks it for a
     * full collection ({@code jcmd <pid> GC.run}) so that the heap scraped next is its live set.
     */
    private boolean forceGcIfDue(Process process) throws IOException, InterruptedException {
        long now = nowMs();
        long firstSeen = processFirstSeenMs.computeIfAbsent(process.pid(), pid -> now);
        long last = lastGcMs.getOrDefault(process.pid(), Long.MIN_VALUE / 2);
        if (now - firstSeen < GC_FIRST_MS || now - last < GC_EVERY_MS) {
            return false;
        }
        lastGcMs.put(process.pid(), now);
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return jcmd.waitFor(20, TimeUnit.SECONDS) && jcmd.exitValue() == 0;
    }

    private MqttClient connect(String clientId, boolean observe) throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + mqttPort, clientId, new MemoryPersistence());
        // Paho's blocking calls wait forever by default: a publish caught by a broker kill would hang the meter
        client.setTimeToWait(2_000);
        MqttConnectOptions connectOptions = new MqttConnectOptions();
        connectOptions.setAutomaticReconnect(true);
        connectOptions.setCleanSession(true);
        connectOptions.setMaxReconnectDelay(1_000);
        connectOptions.setConnectionTimeout(5);
        connectOptions.setMaxInflight(1_000);
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                if (observe) {
                    try {
                        client.subscribe(ROOT + "#", 1);
                    } catch (MqttException e) {
                        result.harnessProblems.add("observer subscribe: " + e);
                    }
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                // automatic reconnect
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (observe) {
                    observe(topic.substring(ROOT.length()), message);
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken deliveryToken) {
                // nothing to do
            }
        });
        client.connect(connectOptions);
        if (observe) {
            client.subscribe(ROOT + "#", 1);
        }
        return client;
    }

    private void observe(String name, MqttMessage message) {
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
        try {
            switch (name) {
                case "snapshot" -> {
                    JsonNode snapshot = JSON.readTree(payload);
                    lastSnapshot = snapshot;
                    lastSnapshotAtMs = nowMs();
                    result.snapshots++;
                    result.gatewaySamples.add(new ChaosResult.GatewaySample(lastSnapshotAtMs,
                            snapshot.path("max_charging_current").asInt(-1), snapshot.path("pilot_current").asInt(-1)));
                    trace("snapshot mains=" + snapshot.path("mains") + " max=" + snapshot.path("max_charging_current")
                            + " pilot=" + snapshot.path("pilot_current") + " car=" + snapshot.path("charging_current")
                            + " failsafe=" + snapshot.path("failsafe") + " conn=" + snapshot.path("connection")
                            + " evse=" + snapshot.path("evse_state") + " stop=" + snapshot.path("stop_reason"));
                    checkSnapshot(snapshot);
                }
                case "availability" -> {
                    if ("offline".equals(payload.trim()) && !message.isRetained()) {     // live, not a replay
                        offlineWills.incrementAndGet();
                    }
                }
                case "c_limit" -> {
                    int value = Integer.parseInt(payload.trim());
                    lastCLimitAck = value;
                    ackedValues.add(value);
                }
                case "error" -> {
                    JsonNode error = JSON.readTree(payload);
                    errorsSeen.add(error.path("topic").asText() + "|" + error.path("payload").asText());
                    result.errorReasons.merge(error.path("reason").asText(), 1, Integer::sum);
                    String payloadText = error.path("payload").asText();
                    for (int value : DISK_FULL_VALUES) {
                        if (payloadText.equals(Integer.toString(value))) {
                            result.diskFullErrors.merge(error.path("reason").asText(), 1, Integer::sum);
                        }
                    }
                }
                default -> {
                    // other topics are not checked
                }
            }
        } catch (IOException | RuntimeException e) {
            result.harnessProblems.add("observer " + name + ": " + e);
        }
    }

    private void checkSnapshot(JsonNode snapshot) {
        int breakerSetting = snapshot.path("breaker").asInt(-1);
        int dinamics = snapshot.path("dinamics").asInt(-1);
        int cLimit = snapshot.path("c_limit").asInt(-1);
        boolean ok = breakerSetting == BREAKER_AMPS && dinamics == 1 && cLimit != WEB_FORBIDDEN_C_LIMIT
                && (cLimit == INITIAL_C_LIMIT || cLimit >= WRITER_MIN && cLimit <= WRITER_MAX
                || ackedValues.contains(cLimit));
        if (!ok) {
            result.check("no unauthorised or garbage setting in force", false, "snapshot breaker=" + breakerSetting
                    + " dinamics=" + dinamics + " c_limit=" + cLimit);
        }
    }

    // ---- waiting (bounded) ----

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitCondition(long timeoutMs, Condition condition, String what) throws Exception {
        if (!awaitQuietly(timeoutMs, condition)) {
            throw new IllegalStateException("timed out after " + timeoutMs + " ms waiting for " + what);
        }
    }

    private static boolean awaitQuietly(long timeoutMs, Condition condition) {
        try {
            Awaitility.await().atMost(Duration.ofMillis(timeoutMs)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(condition::holds);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private void sleepUntil(long offsetMs) throws InterruptedException {
        long left = offsetMs - nowMs();
        if (left > 0) {
            Thread.sleep(left);                 // the schedule's clock: waits for a fault's moment
        }
    }

    List<String> gatewayLogTail(int lines) {
        try {
            List<String> all = Files.readAllLines(gatewayLog, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no gateway log: " + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            synchronized (trace) {
                Files.write(options.workDir().resolve("trace.log"), trace, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            result.harnessProblems.add("trace: " + e.getMessage());
        }
        ticker.shutdownNow();
        faultThreads.shutdownNow();
        for (MqttClient client : new MqttClient[] {observer, commander}) {
            if (client != null) {
                try {
                    client.disconnectForcibly(1_000, 1_000);
                } catch (MqttException e) {
                    // going anyway
                }
                try {
                    client.close(true);
                } catch (MqttException e) {
                    // going anyway
                }
            }
        }
        for (Process process : new Process[] {gateway, socat, mosquitto}) {
            if (process != null) {
                process.destroyForcibly();
                try {
                    process.waitFor(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (emulator != null) {
            emulator.close();
        }
        if (tmpfsMounted) {
            try {
                Process umount = new ProcessBuilder("umount", "-l", dataDir.toString()).redirectErrorStream(true)
                        .start();
                umount.waitFor(20, TimeUnit.SECONDS);
            } catch (IOException e) {
                result.harnessProblems.add("umount: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
