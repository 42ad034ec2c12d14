package me.napolni.dinamics.host.mqtt;

import me.napolni.dinamics.core.settings.ChargerSettings;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.Settings;
import me.napolni.dinamics.core.time.LocalMinuteClock;
import me.napolni.dinamics.core.time.NanoClock;
import me.napolni.dinamics.host.Gateway;
import me.napolni.dinamics.host.internal.Adapters;
import me.napolni.dinamics.host.internal.Connectors;
import me.napolni.dinamics.host.internal.MainsReadings;
import me.napolni.dinamics.host.internal.MeasurementSource;
import me.napolni.dinamics.host.internal.SettingsStore;
import me.napolni.dinamics.mqtt.MqttConfig;
import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.emulator.EmulatorConfig;
import me.napolni.dinamics.rapi.emulator.EvseEmulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The gateway as {@code dinamics simulate} assembles it, with the parts a test needs to hold: a real
 * {@link EvseEmulator} served over loopback TCP (the same RAPI client and transport as real hardware), the host's
 * {@link Gateway} with its settings file, and the MQTT bridge started through {@link Adapters} on a real broker.
 * The house draws a fixed current per phase, plus whatever the emulated car draws on every phase (a 3-phase car).
 */
final class AssembledGateway implements AutoCloseable {

    static final String SERIAL = "E2E01";
    static final String BASE = "Dinamics/" + SERIAL + "/";
    static final double[] HOUSE_AMPS = {2.0, 1.5, 1.0};
    /** Local time of day the gateway sees: noon, so a day window like 08:00-17:30 is open. */
    static final int NOON = 12 * 60;
    /** Commands the gateway sends by itself all the time (polls, probes, heartbeat). */
    static final List<String> ROUTINE = List.of("GV", "GC", "G0", "GG", "GS", "GU", "SY");

    final EvseEmulator evse;
    final Gateway gateway;
    final Adapters.Started adapters;
    final SettingsStore store;
    /** Set to stop the meter: no more readings, so they go stale. */
    final AtomicBoolean meterSilent;
    private final ScheduledExecutorService house;

    private AssembledGateway(EvseEmulator evse, Gateway gateway, Adapters.Started adapters, SettingsStore store,
            ScheduledExecutorService house, AtomicBoolean meterSilent) {
        this.evse = evse;
        this.meterSilent = meterSilent;
        this.gateway = gateway;
        this.adapters = adapters;
        this.store = store;
        this.house = house;
    }

    /**
     * Starts emulator, gateway and bridge; the stored settings are the defaults with a 40 A breaker, so a car
     * can draw its full 16 A beside the house.
     */
    static AssembledGateway start(Path dataDir, String brokerUri, int mqttVersion) throws IOException {
        NanoClock clock = NanoClock.system();
        EvseEmulator evse = EvseEmulator.create(EmulatorConfig.defaults().withLimitCommands(true));
        int evsePort = evse.serveTcp(0);
        SettingsStore store = new SettingsStore(dataDir, List.of(ChargerSettings.PRIMARY_ID));
        if (!Files.exists(store.file())) {
            store.save(Settings.defaults().with(SettingKey.BREAKER, 40));
        }
        ScheduledExecutorService house = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "e2e-house");
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean meterSilent = new AtomicBoolean();
        MeasurementSource source = new MeasurementSource() {
            @Override
            public void start(MainsReadings sink) {
                house.scheduleAtFixedRate(() -> {
                    if (meterSilent.get()) {
                        return;
                    }
                    int car = evse.car().drawnAmps();
                    long now = clock.nanoTime();
                    for (int phase = 0; phase < 3; phase++) {
                        sink.amps(phase, HOUSE_AMPS[phase] + car, now);
                    }
                }, 0, 100, TimeUnit.MILLISECONDS);
            }

            @Override
            public String description() {
                return "e2e house";
            }

            @Override
            public void close() {
                house.shutdownNow();
            }
        };
        Gateway gateway = Gateway.start(new Gateway.Parts(SERIAL, List.of(ChargerSettings.PRIMARY_ID),
                List.of(Connectors.tcp("127.0.0.1", evsePort)), source, store, clock, LocalMinuteClock.fixed(NOON),
                null, System::currentTimeMillis));
        MqttConfig mqtt = MqttConfig.of(brokerUri).withMqttVersion(mqttVersion).withSerial(SERIAL)
                .withDataDir(dataDir);
        Adapters.Started adapters;
        try {
            adapters = Adapters.start(gateway, mqtt, null, 0, false, null);
        } catch (RuntimeException e) {
            gateway.close();
            evse.close();
            throw e;
        }
        return new AssembledGateway(evse, gateway, adapters, store, house, meterSilent);
    }

    /** The frames the emulator received so far, as text without {@code $}, e.g. {@code SC 10 V}. */
    List<String> received() {
        List<String> out = new ArrayList<>();
        for (RapiFrame frame : evse.received()) {
            out.add(text(frame));
        }
        return out;
    }

    /** What the emulator received after a mark, routine polls and heartbeats left out. */
    List<String> commandsSince(int mark) {
        List<String> all = received();
        List<String> out = new ArrayList<>();
        for (String frame : all.subList(Math.min(mark, all.size()), all.size())) {
            if (!ROUTINE.contains(frame.split(" ")[0])) {
                out.add(frame);
            }
        }
        return out;
    }

    /** Every frame after a mark, routine ones included. */
    List<String> framesSince(int mark) {
        List<String> all = received();
        return all.subList(Math.min(mark, all.size()), all.size());
    }

    int mark() {
        return evse.received().size();
    }

    static String text(RapiFrame frame) {
        StringBuilder text = new StringBuilder(frame.command());
        for (int i = 0; i < frame.paramCount(); i++) {
            text.append(' ').append(frame.paramString(i));
        }
        return text.toString();
    }

    String settingsFile() throws IOException {
        return Files.readString(store.file());
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary folder; best effort
        }
    }

    @Override
    public void close() {
        adapters.close();
        gateway.close();
        evse.close();
        house.shutdownNow();
    }
}
