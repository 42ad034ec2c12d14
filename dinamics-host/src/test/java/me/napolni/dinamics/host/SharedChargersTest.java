package me.napolni.dinamics.host;

import me.napolni.dinamics.core.time.ManualClock;
import me.napolni.dinamics.core.time.LocalMinuteClock;
import me.napolni.dinamics.core.time.NanoClock;
import me.napolni.dinamics.host.internal.Connectors;
import me.napolni.dinamics.host.internal.MainsReadings;
import me.napolni.dinamics.host.internal.MeasurementSource;
import me.napolni.dinamics.host.internal.MiniEvse;
import me.napolni.dinamics.host.internal.SettingsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** Two chargers on one 16 A breaker: the headroom is shared, and the one that does not fit sleeps. */
class SharedChargersTest {

    @TempDir
    Path dir;

    private final MiniEvse first = new MiniEvse(new ManualClock(), 32);
    private final MiniEvse second = new MiniEvse(new ManualClock(), 32);
    private final ScheduledExecutorService meter = Executors.newSingleThreadScheduledExecutor();
    private Gateway gateway;

    @AfterEach
    void stop() {
        meter.shutdownNow();
        if (gateway != null) {
            gateway.close();
        }
        first.close();
        second.close();
    }

    @Test
    void shouldShareTheHeadroomAndPauseTheChargerThatDoesNotFit() throws Exception {
        first.plug(true);
        second.plug(true);
        MeasurementSource house = new MeasurementSource() {
            @Override
            public void start(MainsReadings sink) {
                // 4.5 A of house on every phase, the cars draw nothing yet: headroom 16 + 0.3 (margin -0.3 A) - 4.5 = 11.8 A
                meter.scheduleAtFixedRate(() -> {
                    for (int phase = 0; phase < 3; phase++) {
                        sink.amps(phase, 4.5, System.nanoTime());
                    }
                }, 0, 200, TimeUnit.MILLISECONDS);
            }

            @Override
            public String description() {
                return "house";
            }

            @Override
            public void close() {
            }
        };
        gateway = Gateway.start(new Gateway.Parts("shared", List.of("1", "garage"),
                List.of(Connectors.tcp("127.0.0.1", first.serveTcp(0)),
                        Connectors.tcp("127.0.0.1", second.serveTcp(0))),
                house, new SettingsStore(dir, List.of("1", "garage")), NanoClock.system(),
                LocalMinuteClock.system(ZoneId.systemDefault()), null,
                System::currentTimeMillis));
        // two minimums (12 A) do not fit in 11.8 A: one charger gets the headroom, the other sleeps
        await().atMost(Duration.ofSeconds(20)).until(() ->
                first.state() == MiniEvse.STATE_SLEEPING ^ second.state() == MiniEvse.STATE_SLEEPING);
        MiniEvse charging = first.state() == MiniEvse.STATE_SLEEPING ? second : first;
        await().atMost(Duration.ofSeconds(20)).until(() -> charging.capacityAmps() == 11);
        await().atMost(Duration.ofSeconds(20)).until(() -> "off".equals(gateway.status().failsafe()));
    }
}
