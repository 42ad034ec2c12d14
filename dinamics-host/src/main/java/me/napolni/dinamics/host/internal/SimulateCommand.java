package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.device.ChargerStatus;
import me.napolni.dinamics.core.device.DeviceStatus;
import me.napolni.dinamics.core.settings.ChargerSettings;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.Settings;
import me.napolni.dinamics.core.sim.CarProfile;
import me.napolni.dinamics.core.sim.HouseholdDay;
import me.napolni.dinamics.core.sim.HouseholdDayException;
import me.napolni.dinamics.host.Gateway;
import me.napolni.dinamics.mqtt.MqttConfig;
import me.napolni.dinamics.rapi.emulator.EmulatorConfig;
import me.napolni.dinamics.rapi.emulator.EvseEmulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** {@code dinamics simulate}: the whole gateway on a simulated house, charger and car. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Runs the whole gateway with no hardware: an emulated OpenEVSE over TCP on loopback (the same "
                + "RAPI path as real hardware), a replayed household day with a simulated car, the CT waveform "
                + "through the RMS meter, the control loop, an embedded MQTT broker and the web UI.")
public final class SimulateCommand implements Callable<Integer> {

    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "Simulated seconds per real second, 0.1..1000 (default ${DEFAULT-VALUE}).")
    private double speed;

    @Option(names = "--day", paramLabel = "FILE",
            description = "A household day (*.csv.gz); default the first day in ../shared/testdata/household/.")
    private Path day;

    @Option(names = "--start", paramLabel = "HH:MM", defaultValue = "06:30",
            description = "Time of day the simulation starts at (default ${DEFAULT-VALUE}).")
    private String start;

    @Mixin
    private SiteOptions site;

    @Option(names = "--serial", paramLabel = "ID", defaultValue = "simulated",
            description = "The MQTT serial, [A-Za-z0-9_-]{1,32} (default ${DEFAULT-VALUE}).")
    private String serial;

    @Option(names = "--mqtt-port", paramLabel = "PORT", defaultValue = "0",
            description = "Port of the embedded MQTT broker on 127.0.0.1, 0 for a free one (default ${DEFAULT-VALUE}).")
    private int mqttPort;

    @Option(names = "--web-port", paramLabel = "PORT", defaultValue = "0",
            description = "Port of the web UI on 127.0.0.1, 0 for a free one (default ${DEFAULT-VALUE}).")
    private int webPort;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where settings persist; default a temporary folder deleted on exit.")
    private Path dataDir;

    @Option(names = "--status-every", paramLabel = "S", defaultValue = "5",
            description = "Seconds between status lines, real time (default ${DEFAULT-VALUE}).")
    private double statusEverySeconds;

    @Option(names = "--duration", paramLabel = "S",
            description = "Stop by itself after this many real seconds (default: run until Ctrl-C).")
    private Double durationSeconds;

    @Override
    public Integer call() throws Exception {
        CommandLine line = spec.commandLine();
        PrintWriter out = line.getOut();
        CarProfile profile = site.carProfile(line);
        if (!(speed >= 0.1 && speed <= 1000)) {
            throw new CommandLine.ParameterException(line, "--speed must be 0.1..1000, not " + speed);
        }
        int breakerAmps = site.breakerAmps(line);
        if (!serial.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new CommandLine.ParameterException(line, "--serial must match [A-Za-z0-9_-]{1,32}");
        }
        checkPort(line, "--mqtt-port", mqttPort);
        checkPort(line, "--web-port", webPort);
        Matcher time = HH_MM.matcher(start);
        if (!time.matches()) {
            throw new CommandLine.ParameterException(line, "--start must be HH:MM, not " + start);
        }
        int startSecond = Integer.parseInt(time.group(1)) * 3600 + Integer.parseInt(time.group(2)) * 60;
        Path dayFile = day != null ? day : firstDay(line);
        HouseholdDay household;
        try {
            household = HouseholdDay.load(dayFile);
        } catch (HouseholdDayException e) {
            throw new CommandLine.ParameterException(line, "--day " + dayFile + ": " + e.getMessage());
        }
        boolean tempData = dataDir == null;
        Path data = tempData ? Files.createTempDirectory("dinamics-simulate-") : dataDir;

        SimClock clock = new SimClock(speed);
        Resources resources = new Resources();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            resources.close();
            if (tempData) {
                deleteTree(data);
            }
        }, "dinamics-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            resources.broker = EmbeddedBroker.start(mqttPort);
            resources.evse = EvseEmulator.create(EmulatorConfig.defaults().withClock(clock::nanoTime)
                    .withCapacity(32, 32));
            int evsePort = resources.evse.serveTcp(0);
            SettingsStore store = new SettingsStore(data, List.of(ChargerSettings.PRIMARY_ID));
            if (!Files.exists(store.file())) {
                // the simulated site's breaker and car, stored as if an installer had set them; plug & charge on,
                // so that the plugged-in car charges out of the box (with P&C 0 only set_enable 2 starts it)
                Settings initial = Settings.defaults().with(SettingKey.BREAKER, breakerAmps)
                        .with(SettingKey.C_LIMIT, Math.min(32, profile.maxAmps()))
                        .with(SettingKey.PLUGANDCHARGE, 1);
                store.save(initial);
            }
            resources.site = new SimulatedSite(household, profile, breakerAmps, startSecond,
                    (int) SettingKey.CALIBRATION.defaultValue(), clock, resources.evse);
            resources.gateway = Gateway.start(new Gateway.Parts(serial, List.of(ChargerSettings.PRIMARY_ID),
                    List.of(Connectors.tcp("127.0.0.1", evsePort)), resources.site, store, clock, resources.site::minuteOfDay,
                    null, System::currentTimeMillis));
            MqttConfig mqtt = MqttConfig.of(resources.broker.url()).withSerial(serial).withDataDir(data);
            Adapters.Started adapters = Adapters.start(resources.gateway, mqtt, "127.0.0.1", webPort, true,
                    WebToken.loadOrCreate(data).token());
            resources.adapters = adapters;
            out.printf(Locale.ROOT, "dinamics simulate: %s, car %s, breaker %d A, start %s, speed %sx%n",
                    household.name(), profile.id(), breakerAmps, start, trim(speed));
            out.println("  web UI:  " + (adapters.webUrl() == null ? "(not available in this build)"
                    : adapters.webUrl()));
            out.println("  MQTT:    127.0.0.1:" + resources.broker.port() + "  topics Dinamics/" + serial + "/#"
                    + (adapters.mqtt() ? "" : "  (bridge not available in this build)"));
            out.println("  RAPI:    emulated OpenEVSE on 127.0.0.1:" + evsePort);
            out.println("  data:    " + data + (tempData ? " (deleted on exit)" : ""));
            out.println("  Ctrl-C stops.");
            out.flush();
            long everyNs = (long) (statusEverySeconds * 1e9);
            long endNs = durationSeconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (durationSeconds * 1e9);
            while (System.nanoTime() < endNs) {
                long waitNs = Math.min(everyNs, endNs - System.nanoTime());
                if (stop.await(Math.max(1, waitNs), TimeUnit.NANOSECONDS)) {
                    break;
                }
                out.println(statusLine(resources.gateway.status(), resources.site));
                out.flush();
            }
            out.println(String.format(Locale.ROOT, "dinamics simulate: stopped; breaker trips %d, thermal peak %.1f %%",
                    resources.site.trips(), resources.site.thermalPeakPct()));
            out.flush();
        } finally {
            resources.close();
            if (tempData) {
                deleteTree(data);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        return 0;
    }

    /**
     * Formats one status line (public for tests).
     *
     * @param status the gateway's snapshot
     * @param site the simulated site
     * @return e.g. {@code status time=06:31:20 l1=12.34 ... trips=0}
     */
    static String statusLine(DeviceStatus status, SimulatedSite site) {
        ChargerStatus charger = status.primary();
        long second = site.simSecond() % 86_400;
        return String.format(Locale.ROOT,
                "status time=%02d:%02d:%02d l1=%s l2=%s l3=%s limit=%s pilot=%s car=%.2f state=%s evse=%s "
                        + "failsafe=%s thermal=%.1f%% peak=%.1f%% trips=%d",
                second / 3600, second / 60 % 60, second % 60, amps(status, 0), amps(status, 1), amps(status, 2),
                charger.maxChargingCurrent(), charger.pilotCurrent(), site.carAmps(), word(charger),
                charger.connection(), status.failsafe(), site.thermalPct(), site.thermalPeakPct(), site.trips());
    }

    private static String amps(DeviceStatus status, int phase) {
        Double value = status.mains().get(phase);
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String word(ChargerStatus charger) {
        Integer state = charger.evseState();
        if (state == null) {
            return "unknown";
        }
        switch (state) {
            case ChargerView.STATE_A:
                return "no_car";
            case ChargerView.STATE_B:
                return "connected";
            case ChargerView.STATE_C:
                return "charging";
            case ChargerView.STATE_SLEEPING:
                return "paused" + (charger.stopReason() == null ? "" : "(" + charger.stopReason() + ")");
            case ChargerView.STATE_DISABLED:
                return "disabled";
            default:
                return "fault_" + state;
        }
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void checkPort(CommandLine line, String option, int port) {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(line, option + " must be 0..65535, not " + port);
        }
    }

    private static Path firstDay(CommandLine line) throws IOException {
        String shared = System.getProperty("dinamics.shared.dir");
        List<Path> candidates = shared != null ? List.of(Path.of(shared, "testdata", "household"))
                : List.of(Path.of("..", "shared", "testdata", "household"),
                        Path.of("..", "..", "shared", "testdata", "household"),
                        Path.of("/work/shared/testdata/household"));
        for (Path folder : candidates) {
            if (Files.isDirectory(folder)) {
                List<Path> days = HouseholdDay.listDays(folder);
                if (!days.isEmpty()) {
                    return days.get(0);
                }
            }
        }
        throw new CommandLine.ParameterException(line,
                "no household day found in ../shared/testdata/household/: give one with --day FILE");
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort on exit
                }
            });
        } catch (IOException e) {
            // best effort on exit
        }
    }

    /** Everything simulate starts, closed in reverse order once. */
    private static final class Resources {
        EmbeddedBroker broker;
        EvseEmulator evse;
        SimulatedSite site;
        Gateway gateway;
        Adapters.Started adapters;
        private boolean closed;

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (adapters != null) {
                adapters.close();
            }
            if (gateway != null) {
                gateway.close();
            } else if (site != null) {
                site.close();
            }
            if (evse != null) {
                evse.close();
            }
            if (broker != null) {
                broker.close();
            }
        }
    }
}
