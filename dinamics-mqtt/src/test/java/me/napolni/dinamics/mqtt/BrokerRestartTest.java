package me.napolni.dinamics.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * mosquitto is stopped and started again on the same port while the bridge runs. A watcher with a persistent
 * session (mosquitto persists it) sees the last will fire ({@code offline}), then {@code online} and the S-class
 * state published again; commands before and after are applied exactly once.
 */
class BrokerRestartTest {

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(ints = {3, 5})
    void shouldReconnectAndRepublishWhenBrokerRestarts(int version) {
        Assumptions.assumeTrue(Brokers.mosquittoInstalled(), "mosquitto is not installed: skipping the restart test");
        String serial = "RST0" + version;
        String base = "Dinamics/" + serial + "/";
        String watcherId = "watcher-" + UUID.randomUUID();
        FakeDevice device = new FakeDevice("1");
        try (Brokers.Mosquitto broker = new Brokers.Mosquitto(true)) {
            TestClient watcher = new TestClient(broker.uri(), version, watcherId, false).subscribe(base + "#");
            int mark = watcher.mark();
            try (MqttBridge bridge = MqttBridge.start(
                    MqttConfig.of(broker.uri()).withMqttVersion(version).withSerial(serial), device)) {
                watcher.awaitPayload(base + "availability", "online", mark);
                try (TestClient user = new TestClient(broker.uri(), version)) {
                    user.publish(base + "set_breaker", "20");
                    watcher.awaitPayload(base + "breaker", "20", mark);
                }
                watcher.disconnectQuietly();

                broker.stop();
                broker.start();

                TestClient again = new TestClient(broker.uri(), version, watcherId, false);
                try {
                    int after = 0;
                    again.awaitPayload(base + "availability", "offline", after);
                    Duration wait = Duration.ofSeconds(30);
                    await().atMost(wait).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                            .alias("online after offline, then breaker 20 again; got " + again.since(0))
                            .until(() -> availabilitySequenceEndsOnline(again, base)
                                    && !again.on(base + "breaker", 0).isEmpty());
                    assertTrue(bridge.connected(), "the bridge reconnected");

                    try (TestClient user = new TestClient(broker.uri(), version)) {
                        int burst = again.mark();
                        for (int amps = 6; amps <= 32; amps++) {
                            user.publish(base + "set_c_limit", Integer.toString(amps));
                        }
                        again.awaitPayload(base + "c_limit", "32", burst);
                    }
                    List<String> expectedCalls = new ArrayList<>();
                    expectedCalls.add("set null breaker 20");
                    for (int amps = 6; amps <= 32; amps++) {
                        expectedCalls.add("set null c_limit " + amps);
                    }
                    assertEquals(expectedCalls, List.copyOf(device.calls),
                            "every command applied once, in order, none lost");
                } finally {
                    again.close();
                }
            }
        }
    }

    private static boolean availabilitySequenceEndsOnline(TestClient client, String base) {
        List<String> seq = new ArrayList<>();
        for (TestClient.Received r : client.on(base + "availability", 0)) {
            seq.add(r.text());
        }
        int offline = seq.indexOf("offline");
        return offline >= 0 && seq.subList(offline, seq.size()).contains("online");
    }
}
