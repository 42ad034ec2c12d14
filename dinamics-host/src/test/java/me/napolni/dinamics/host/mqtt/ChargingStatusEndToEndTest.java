package me.napolni.dinamics.host.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import me.napolni.dinamics.mqtt.TestClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static me.napolni.dinamics.host.mqtt.AssembledGateway.BASE;
import static me.napolni.dinamics.host.mqtt.AssembledGateway.SERIAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user watching {@code Dinamics/<serial>/#} on mosquitto sees while the emulator's car comes, charges and
 * goes, and when the meter falls silent: the status topics of TOPICS.md section 5 in their classes, the snapshot
 * (7.1), the failsafe (7.2), the charger's own topics (7.3) and Home Assistant discovery (7.4).
 */
class ChargingStatusEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldPublishPlausibleStatusWhenACarChargesAndFailSafeWhenTheMeterStops() throws Exception {
        Assumptions.assumeTrue(E2eBrokers.program("mosquitto").isPresent(), "mosquitto is not installed");
        try (E2eBrokers.Broker broker = E2eBrokers.mosquitto();
                TestClient watcher = new TestClient(broker.uri(), 5).subscribe(BASE + "#")
                        .subscribe("homeassistant/#");
                AssembledGateway site = AssembledGateway.start(dir, broker.uri(), 5);
                TestClient user = new TestClient(broker.uri(), 5)) {
            // connect: availability, link, failsafe off once readings flow, HA discovery
            expect(watcher, 0, "availability", "online", 1, true);
            expect(watcher, 0, "connection", "OK", 1, true);
            expect(watcher, 0, "state", "0", 1, true);
            expect(watcher, 0, "evse_state", "1", 1, true);
            expect(watcher, 0, "failsafe", "off", 1, true);
            TestClient.Received config = watcher.awaitOn("homeassistant/number/dinamics_" + SERIAL
                    + "/c_limit/config", 0);
            JsonNode number = JSON.readTree(config.text());
            assertEquals("dinamics_" + SERIAL + "_c_limit", number.path("unique_id").asText());
            assertEquals(BASE + "set_c_limit", number.path("command_topic").asText());
            assertEquals(BASE + "availability", number.path("availability_topic").asText());
            assertTrue(config.retained(), "discovery is retained");

            int mark = watcher.mark();
            user.publish(BASE + "set_plugandcharge", "1");
            expect(watcher, mark, "plugandcharge", "1", 1, true);

            // a 3-phase car plugs in and draws 16 A beside the house's 2.0/1.5/1.0 A
            mark = watcher.mark();
            site.evse.car().plugIn().requestCharge(true).draw(16);
            expect(watcher, mark, "state", "1", 1, true);
            expect(watcher, mark, "evse_state", "3", 1, true);
            expect(watcher, mark, "charger/1/state", "1", 1, true);
            expect(watcher, mark, "charging_current", "16.00", 0, false);
            expect(watcher, mark, "charger/1/charging_current", "16.00", 0, false);
            expect(watcher, mark, "current1", "18.00", 0, false);
            expect(watcher, mark, "current2", "17.50", 0, false);
            expect(watcher, mark, "current3", "17.00", 0, false);
            expect(watcher, mark, "power", "3840", 0, false);       // 16 A × 240 V ($GG) × 1 until phases known
            TestClient.Received max = watcher.awaitMessage(mark, r -> r.topic().equals(BASE + "max_charging_current")
                    && r.qos() == 0, "max_charging_current");
            int allowed = Integer.parseInt(max.text());
            assertTrue(allowed >= 6 && allowed <= 16, "max_charging_current " + allowed);
            TestClient.Received snapshot = watcher.awaitMessage(mark, r -> r.topic().equals(BASE + "snapshot")
                    && r.text().contains("\"charging_current\":16.0"), "a snapshot while charging");
            assertEquals(0, snapshot.qos());
            assertTrue(snapshot.retained(), "the snapshot is retained");
            JsonNode snap = JSON.readTree(snapshot.text());
            assertEquals(SERIAL, snap.path("serial").asText());
            assertEquals(3, snap.path("evse_state").asInt());
            assertEquals("OK", snap.path("connection").asText());
            assertEquals("off", snap.path("failsafe").asText());
            assertEquals(1, snap.path("chargers").size());
            assertEquals("1", snap.path("chargers").get(0).path("id").asText());
            assertTrue(snap.path("ts").asLong() > 1_600_000_000_000L, "ts is Unix ms");

            // the meter falls silent: failsafe stale within staleAfterMs (10 s), and the charger is turned down
            mark = watcher.mark();
            int rapiMark = site.mark();
            site.meterSilent.set(true);
            expect(watcher, mark, "failsafe", "stale", 1, true);
            org.awaitility.Awaitility.await().atMost(TestClient.WAIT).until(() -> site.framesSince(rapiMark).stream()
                    .anyMatch(frame -> frame.equals("FS") || frame.matches("SC ([0-9]|1[0-5]) V")));
            mark = watcher.mark();
            site.meterSilent.set(false);
            expect(watcher, mark, "failsafe", "off", 1, true);

            // the car leaves
            mark = watcher.mark();
            site.evse.car().unplug();
            expect(watcher, mark, "state", "0", 1, true);
            expect(watcher, mark, "evse_state", "1", 1, true);
            expect(watcher, mark, "charging_current", "0.00", 0, false);
        }
    }

    private static void expect(TestClient watcher, int mark, String topic, String payload, int qos,
            boolean retained) {
        TestClient.Received got = watcher.awaitPayload(BASE + topic, payload, mark);
        assertEquals(qos, got.qos(), "QoS of " + topic);
        assertEquals(retained, got.retained(), "RETAIN of " + topic);
    }
}
