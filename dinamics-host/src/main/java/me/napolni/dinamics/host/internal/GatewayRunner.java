package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.time.LocalMinuteClock;
import me.napolni.dinamics.core.time.NanoClock;
import me.napolni.dinamics.host.DinamicsMain;
import me.napolni.dinamics.host.Gateway;
import me.napolni.dinamics.host.HostConfig;
import me.napolni.dinamics.host.update.UpdateManager;
import me.napolni.dinamics.mqtt.MqttBridge;
import me.napolni.dinamics.mqtt.MqttConfig;

import java.io.IOException;
import java.time.ZoneId;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Builds a gateway from a configuration ({@code dinamics run}) and keeps it running until the JVM stops. */
public final class GatewayRunner implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(GatewayRunner.class.getName());

    private final Gateway gateway;
    private final Adapters.Started adapters;
    private final Thread healthWatch;

    private GatewayRunner(Gateway gateway, Adapters.Started adapters, Thread healthWatch) {
        this.gateway = gateway;
        this.adapters = adapters;
        this.healthWatch = healthWatch;
    }

    /**
     * Starts everything the configuration names.
     *
     * @param config the configuration
     * @param clock the clock (the system's in production)
     * @return the running gateway and adapters
     * @throws IOException when the measurement source cannot start
     */
    public static GatewayRunner start(HostConfig config, NanoClock clock) throws IOException {
        List<String> ids = config.chargerIds();
        List<RapiChargerPort.Connector> connectors = new ArrayList<>();
        for (HostConfig.Charger charger : config.chargers()) {
            connectors.add(charger.tcp() ? Connectors.tcp(charger.tcpHost(), charger.tcpPort())
                    : Connectors.serial(charger.port(), charger.baud()));
        }
        String serial = config.serial() != null ? config.serial() : MqttBridge.defaultSerial(config.dataDir());
        MeasurementSource source = source(config, serial, clock);
        SettingsStore store = new SettingsStore(config.dataDir(), ids);
        return start(config, clock, source, connectors, serial, store, UpdateManager.Restarter.SYSTEM_EXIT);
    }

    /**
     * Starts everything the configuration names, on a given source and chargers (for tests).
     *
     * @param config the configuration
     * @param clock the clock
     * @param source the measurement source
     * @param connectors one connector per charger
     * @param serial the MQTT serial
     * @param store where settings persist
     * @param restarter how a program update restarts the process ({@link UpdateManager.Restarter#SYSTEM_EXIT})
     * @return the running gateway and adapters
     * @throws IOException when the measurement source cannot start
     */
    public static GatewayRunner start(HostConfig config, NanoClock clock, MeasurementSource source,
            List<RapiChargerPort.Connector> connectors, String serial, SettingsStore store,
            UpdateManager.Restarter restarter) throws IOException {
        List<String> ids = config.chargerIds();
        AtomicReference<Gateway> holder = new AtomicReference<>();
        UpdateManager updates = UpdateManager.create(config.update(), DinamicsMain.version(), (spiffs, text) -> {
            Gateway running = holder.get();
            if (running != null) {
                running.publishUpdateStatus(spiffs, text);
            }
        }, restarter);
        Gateway gateway = Gateway.start(new Gateway.Parts(serial, ids, connectors, source, store, clock,
                LocalMinuteClock.system(ZoneId.systemDefault()), updates, System::currentTimeMillis));
        holder.set(gateway);
        MqttConfig mqtt = null;
        HostConfig.Mqtt m = config.mqtt();
        if (m.enabled()) {
            mqtt = new MqttConfig(m.url(), "5".equals(m.version()) ? MqttConfig.MQTT_5 : MqttConfig.MQTT_3_1_1,
                    m.clientId(), m.username(), m.password(), m.caFile(), m.root(), serial, config.dataDir(),
                    config.homeAssistant().enabled(), config.homeAssistant().prefix());
        }
        String token = null;
        if (config.web().enabled()) {
            WebToken.Token made = WebToken.loadOrCreate(config.dataDir());
            token = made.token();
            if (made.created()) {
                // printed once, at the first start; it stays in <dataDir>/web-token (owner-only)
                System.out.println("dinamics: web UI access token (shown once): " + token);
            }
        }
        Adapters.Started adapters;
        try {
            adapters = Adapters.start(gateway, mqtt, config.web().enabled() ? config.web().bind() : null,
                    config.web().port(), false, token, updates::activeAssetDir);
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        // healthy = the control loop runs (it does once Gateway.start returned) and the broker link is up; after a
        // rollback this publishes the launcher's note (failed: health_check), after an update "done <version>"
        Adapters.Started started = adapters;
        Thread healthWatch = updates.reportHealthyWhen(() -> started.bridge() == null || started.bridge().connected(),
                UpdateManager.DEFAULT_HEALTH_WAIT_MS);
        LOG.log(Level.INFO, "gateway " + serial + " running: " + config.chargers().size() + " charger(s), "
                + source.description() + (adapters.mqtt() ? ", MQTT " + m.url() : "")
                + (adapters.webUrl() != null ? ", web " + adapters.webUrl() : "")
                + (config.update().configured() ? ", updates from " + config.update().manifestUrl() : ""));
        return new GatewayRunner(gateway, adapters, healthWatch);
    }

    private static MeasurementSource source(HostConfig config, String serial, NanoClock clock) {
        HostConfig.Meter meter = config.meter();
        int calibration = (int) me.napolni.dinamics.core.settings.SettingKey.CALIBRATION.defaultValue();
        if (meter instanceof HostConfig.AdcMeter adc) {
            return AdcStreamSource.ofDevice(adc.port(), calibration, clock);
        }
        if (meter instanceof HostConfig.MqttMeter mqtt) {
            HostConfig.Mqtt m = config.mqtt();
            String url = mqtt.url() != null ? mqtt.url() : m.url();
            return new MqttMeterSource(url, mqtt.topic(), mqtt.paths(), m.username(), m.password(),
                    "Dinamics-" + serial + "-meter", clock);
        }
        if (meter instanceof HostConfig.ModbusMeter modbus) {
            return new ModbusMeterSource(modbus.model(), modbus.port(), modbus.baud(), modbus.unitId(),
                    modbus.pollMs(), clock);
        }
        throw new IllegalArgumentException("the simulated meter runs only in dinamics simulate");
    }

    /**
     * Returns the gateway.
     *
     * @return the gateway
     */
    public Gateway gateway() {
        return gateway;
    }

    /**
     * Returns the adapters (for tests).
     *
     * @return the MQTT bridge and web server that run
     */
    public Adapters.Started adapters() {
        return adapters;
    }

    /**
     * Runs a gateway until the JVM stops (SIGTERM from systemd, Ctrl-C).
     *
     * @param config the configuration
     * @param out where the start is announced
     * @return the exit code
     * @throws IOException when it cannot start
     * @throws InterruptedException when interrupted
     */
    public static int runUntilStopped(HostConfig config, PrintWriter out) throws IOException, InterruptedException {
        GatewayRunner runner = start(config, NanoClock.system());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            stopped.countDown();
        }, "dinamics-shutdown"));
        out.println("dinamics: running (" + config.chargers().size() + " charger(s), meter " + config.meter().type()
                + "); stop with SIGTERM or Ctrl-C");
        out.flush();
        stopped.await();
        return 0;
    }

    @Override
    public void close() {
        healthWatch.interrupt();            // a stopping gateway never reports healthy
        adapters.close();
        gateway.close();
    }
}
