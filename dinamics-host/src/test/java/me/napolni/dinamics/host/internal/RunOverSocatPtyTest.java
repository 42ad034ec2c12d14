package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.settings.ChargerSettings;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.Settings;
import me.napolni.dinamics.core.time.NanoClock;
import me.napolni.dinamics.host.HostConfig;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code dinamics run} from a configuration file against a controller on the far end of a socat pty pair, with an
 * MQTT meter on a real broker: the loop commands {@code $SC}, survives the pty vanishing and the controller going
 * silent, and falls to the safe current when the meter goes stale.
 */
class RunOverSocatPtyTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final double HOUSE_AMPS = 5.0;

    @TempDir
    Path dir;

    private Process socat;
    private EmbeddedBroker broker;
    private GatewayRunner runner;
    private ScheduledExecutorService meter;
    private MiniEvse evse;

    private static boolean socatInstalled() {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, "socat"))) {
                return true;
            }
        }
        return false;
    }

    private void startSocat() throws IOException {
        Files.deleteIfExists(dir.resolve("ttyA"));
        Files.deleteIfExists(dir.resolve("ttyB"));
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + dir.resolve("ttyA"),
                "pty,raw,echo=0,link=" + dir.resolve("ttyB")).redirectErrorStream(true).start();
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve("ttyA")) && Files.exists(dir.resolve("ttyB")));
        Thread controller = new Thread(() -> {
            try (FileInputStream in = new FileInputStream(dir.resolve("ttyB").toFile());
                 FileOutputStream out = new FileOutputStream(dir.resolve("ttyB").toFile())) {
                evse.serve(in, out);
            } catch (IOException e) {
                // the pty went away: the test unplugs it on purpose
            }
        }, "controller-on-pty");
        controller.setDaemon(true);
        controller.start();
    }

    private void stopSocat() throws InterruptedException {
        socat.destroyForcibly();
        socat.waitFor(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopAll() throws Exception {
        if (meter != null) {
            meter.shutdownNow();
        }
        if (runner != null) {
            runner.close();
        }
        if (socat != null) {
            stopSocat();
        }
        if (broker != null) {
            broker.close();
        }
        if (evse != null) {
            evse.close();
        }
    }

    @Test
    void shouldBalanceRecoverAndFallSafeWhenRunFromAConfigFileOverAPty() throws Exception {
        assumeTrue(socatInstalled(), "socat is not installed");
        evse = new MiniEvse(NanoClock.system(), 32);
        evse.plug(true);
        startSocat();
        broker = EmbeddedBroker.start(EmbeddedBroker.ANY_PORT);
        Path data = dir.resolve("data");
        // fast timers so the test runs in seconds: stale after 2 s, replies within 500 ms, CON_ERROR for 2 s at least
        new SettingsStore(data, List.of(ChargerSettings.PRIMARY_ID)).save(Settings.defaults()
                .with(SettingKey.STALE_AFTER, 2_000).with(SettingKey.TIMER13, 500).with(SettingKey.TIMER14, 2_000)
                .with(SettingKey.TIMER10, 1_000).with(SettingKey.RAISE_DELAY, 1_000));
        Path config = dir.resolve("dinamics.json");
        Files.writeString(config, ("{'serial':'pty-test','dataDir':'" + data + "',"
                + "'chargers':[{'id':'1','port':'" + dir.resolve("ttyA") + "'}],"
                + "'meter':{'type':'mqtt','topic':'home/meter','paths':['$.i[0]','$.i[1]','$.i[2]']},"
                + "'mqtt':{'url':'" + broker.url() + "'},'web':{'enabled':false}}").replace('\'', '"'),
                StandardCharsets.UTF_8);
        runner = GatewayRunner.start(HostConfig.load(config), NanoClock.system());

        MqttClient publisher = new MqttClient(broker.url(), "fake-meter", new MemoryPersistence());
        publisher.connect();
        meter = Executors.newSingleThreadScheduledExecutor();
        meter.scheduleAtFixedRate(() -> {
            try {
                publisher.publish("home/meter", ("{\"i\":[" + HOUSE_AMPS + "," + HOUSE_AMPS + "," + HOUSE_AMPS
                        + "]}").getBytes(StandardCharsets.UTF_8), 0, false);
            } catch (Exception e) {
                // the test ends or the broker is gone
            }
        }, 0, 200, TimeUnit.MILLISECONDS);

        // the loop balances: 16 A breaker, 5 A of house, so the charger's 32 A comes down with $SC n V
        await().atMost(WAIT).until(() -> evse.capacityAmps() <= 16 && evse.capacityAmps() > 6);
        await().atMost(WAIT).until(() -> "OK".equals(runner.gateway().status().primary().connection()));

        // the controller hangs: CON_ERROR, then it answers again: OK
        evse.silent(true);
        await().atMost(WAIT).until(() -> "CON_ERROR".equals(runner.gateway().status().primary().connection()));
        assertEquals("evse_link", runner.gateway().status().failsafe());
        evse.silent(false);
        await().atMost(WAIT).until(() -> "OK".equals(runner.gateway().status().primary().connection()));

        // the pty vanishes (USB adapter pulled) and comes back
        stopSocat();
        await().atMost(WAIT).until(() -> "CON_ERROR".equals(runner.gateway().status().primary().connection()));
        startSocat();
        await().atMost(WAIT).until(() -> "OK".equals(runner.gateway().status().primary().connection()));
        await().atMost(WAIT).until(() -> evse.capacityAmps() <= 16 && evse.capacityAmps() > 6);

        // the meter goes silent: within stale_after the failsafe holds the safe current (the minimum, 6 A)
        meter.shutdownNow();
        await().atMost(WAIT).until(() -> "stale".equals(runner.gateway().status().failsafe()));
        await().atMost(WAIT).until(() -> evse.capacityAmps() == 6);
        publisher.disconnect();
        publisher.close();
    }
}
