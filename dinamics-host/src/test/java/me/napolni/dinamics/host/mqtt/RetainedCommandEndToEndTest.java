package me.napolni.dinamics.host.mqtt;

import me.napolni.dinamics.mqtt.TestClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static me.napolni.dinamics.host.mqtt.AssembledGateway.BASE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A stale command a user once published with RETAIN sits on mosquitto; when the gateway starts and subscribes, the
 * broker replays it. It must be refused ({@code retained}) and never reach the charger: a retained
 * {@code set_enable 1} would otherwise switch the station off at every restart.
 */
class RetainedCommandEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAndNeverSendWhenARetainedCommandIsReplayedAtStart() throws Exception {
        Assumptions.assumeTrue(E2eBrokers.program("mosquitto").isPresent(), "mosquitto is not installed");
        try (E2eBrokers.Broker broker = E2eBrokers.mosquitto();
                TestClient user = new TestClient(broker.uri(), 3)) {
            user.publish(BASE + "set_enable", "1".getBytes(), true);
            user.publish(BASE + "set_c_limit", "10".getBytes(), true);
            user.publish(BASE + "set_breaker", "6".getBytes(), true);
            TestClient watcher = new TestClient(broker.uri(), 3).subscribe(BASE + "error");
            try (watcher; AssembledGateway site = AssembledGateway.start(dir, broker.uri(), 3)) {
                byte[] stored = Files.readAllBytes(site.store.file());
                watcher.awaitPayload(BASE + "error",
                        "{\"topic\":\"set_enable\",\"payload\":\"1\",\"reason\":\"retained\",\"expected\":\"1..3\"}", 0);
                watcher.awaitPayload(BASE + "error",
                        "{\"topic\":\"set_c_limit\",\"payload\":\"10\",\"reason\":\"retained\",\"expected\":\"6..32\"}",
                        0);
                watcher.awaitPayload(BASE + "error",
                        "{\"topic\":\"set_breaker\",\"payload\":\"6\",\"reason\":\"retained\",\"expected\":\"6..100\"}",
                        0);
                assertArrayEquals(stored, Files.readAllBytes(site.store.file()), "the settings file is untouched");
                assertEquals(40, site.gateway.settings().breakerAmps());
                assertEquals(16, site.gateway.settings().cLimitAmps());
                // the gateway keeps working: a live command after the replay is obeyed
                TestClient acks = new TestClient(broker.uri(), 3).subscribe(BASE + "c_limit");
                try (acks) {
                    int mark = acks.mark();
                    user.publish(BASE + "set_c_limit", "12");
                    acks.awaitPayload(BASE + "c_limit", "12", mark);
                }
                List<String> frames = site.received();
                assertFalse(frames.contains("FD"), "the retained set_enable 1 reached the charger: " + frames);
                assertFalse(frames.contains("SC 10 V") || frames.contains("SC 6 V"),
                        "a retained limit reached the charger: " + frames);
                assertEquals(3, watcher.on(BASE + "error", 0).size(), watcher.since(0).toString());
            }
        }
    }
}
