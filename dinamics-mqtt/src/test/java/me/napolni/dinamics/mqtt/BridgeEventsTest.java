package me.napolni.dinamics.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import me.napolni.dinamics.core.device.CommandResult;
import me.napolni.dinamics.core.device.DeviceListener;

/**
 * What the bridge publishes on its own: the connect sequence, gateway events, telemetry ticks, Home Assistant
 * discovery, the clean shutdown, and overload. mosquitto with MQTT 5 when installed (RETAIN seen on live
 * messages), else Moquette with 3.1.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeEventsTest {

    private static final String SERIAL = "EV01";
    private static final String BASE = "Dinamics/" + SERIAL + "/";

    private Brokers.Broker broker;
    private int version;
    private FakeDevice device;
    private MqttBridge bridge;
    private TestClient watcher;
    private int connectMark;

    @BeforeAll
    void start() {
        boolean mosquitto = Brokers.mosquittoInstalled();
        broker = mosquitto ? new Brokers.Mosquitto(false) : Brokers.moquette();
        version = mosquitto ? 5 : 3;
        device = new FakeDevice("1", "2");
        watcher = new TestClient(broker.uri(), version).subscribe(BASE + "#").subscribe("homeassistant/#");
        connectMark = watcher.mark();
        bridge = MqttBridge.start(MqttConfig.of(broker.uri()).withMqttVersion(version).withSerial(SERIAL), device);
        watcher.awaitPayload(BASE + "availability", "online", connectMark);
    }

    @AfterAll
    void stop() {
        bridge.close();
        watcher.close();
        broker.close();
    }

    private DeviceListener listener() {
        return device.listeners.get(0);
    }

    private void assertRetained(TestClient.Received r, boolean retained) {
        if (version == 5) {
            assertEquals(retained, r.retained(), "RETAIN of " + r);
        }
    }

    @Test
    void shouldPublishOnlineThenStateThenDiscoveryWhenConnecting() {
        watcher.awaitMessage(connectMark, r -> r.topic().matches(BASE.replace("/", "\\/") + "[0-9]{10}/fwversion"),
                "<epoch>/fwversion");
        watcher.awaitOn(BASE + "synctime", connectMark);
        watcher.awaitOn("homeassistant/select/dinamics_EV01/enable/config", connectMark);
        List<String> order = new ArrayList<>();
        for (TestClient.Received r : watcher.since(connectMark)) {
            order.add(r.topic());
        }
        int online = order.indexOf(BASE + "availability");
        int breaker = order.indexOf(BASE + "breaker");
        int timer14 = order.indexOf(BASE + "timer14");
        int priority = order.indexOf(BASE + "charger/2/priority");
        int discovery = order.indexOf("homeassistant/number/dinamics_EV01/breaker/config");
        assertTrue(online >= 0 && online < breaker && breaker < timer14 && timer14 < priority
                && priority < discovery, order.toString());
        TestClient.Received fw = watcher.awaitPayload(BASE + "fwversion", "0.1.0", connectMark);
        assertEquals(1, fw.qos());
        assertRetained(fw, true);
        assertRetained(watcher.awaitOn(BASE + "availability", connectMark), true);
        assertEquals(28, watcher.since(connectMark).stream().filter(r -> r.topic().contains("/dinamics_EV01/"))
                .map(TestClient.Received::topic).distinct().count(), "17 entities plus 11 for charger 2");
    }

    @Test
    void shouldPublishGatewayEventsOnTheirTopicsWhenTheyHappen() {
        int mark = watcher.mark();
        listener().onEnableAck("2", 3);
        TestClient.Received enable = watcher.awaitPayload(BASE + "charger/2/enable", "3", mark);
        assertRetained(enable, true);
        listener().onRapiReply("1", "GG", "$OK 7250 230000^2A");
        TestClient.Received gg = watcher.awaitPayload(BASE + "responseGG", "$OK 7250 230000^2A", mark);
        assertEquals(0, gg.qos());
        assertRetained(gg, false);
        watcher.awaitPayload(BASE + "charger/1/responseGG", "$OK 7250 230000^2A", mark);
        listener().onRapiReply("1", "S3", "$OK^20");
        watcher.awaitPayload(BASE + "responseST", "$OK^20", mark);
        listener().onAsyncFrame("2", "$AT 03 03 16 0200^2E");
        watcher.awaitPayload(BASE + "charger/2/state_change", "$AT 03 03 16 0200^2E", mark);
        listener().onTimeout("1", 1500);
        watcher.awaitPayload(BASE + "timeout", "1500", mark);
        assertTrue(watcher.on(BASE + "enable", mark).isEmpty(), "charger 2 is not the primary");
        assertTrue(watcher.on(BASE + "state_change", mark).isEmpty(), "charger 2 is not mirrored at the root");
    }

    @Test
    void shouldBatchDebugLogAtTheConfiguredLevel() {
        int mark = watcher.mark();
        listener().onLog(3, "a control decision");
        listener().onLog(1, "a warning");
        listener().onLog(1, "costs 5$");
        TestClient.Received log = watcher.awaitOn(BASE + "debug_log", mark);
        assertEquals("$a warning$$costs 5%24$", log.text());
        assertEquals(0, log.qos());
    }

    @Test
    void shouldReportUpdateProgressAndFailureWhenUpdateRuns() {
        device.updateResult = CommandResult.accepted(null);
        try (TestClient user = new TestClient(broker.uri(), version)) {
            int mark = watcher.mark();
            user.publish(BASE + "set_update", "1");
            org.awaitility.Awaitility.await().until(() -> device.calls.contains("update false"));
            listener().onUpdateStatus(false, "downloading 40 %");
            TestClient.Received progress = watcher.awaitPayload(BASE + "update_status", "downloading 40 %", mark);
            assertRetained(progress, true);
            listener().onUpdateStatus(false, "failed: hash_mismatch");
            watcher.awaitPayload(BASE + "update_status", "failed: hash_mismatch", mark);
            watcher.awaitPayload(BASE + "error", "{\"topic\":\"set_update\",\"payload\":\"1\",\"reason\":"
                    + "\"update_failed\",\"expected\":\"1\",\"detail\":\"hash_mismatch\"}", mark);
        } finally {
            device.updateResult = CommandResult.rejected("not_configured", "1", null);
        }
    }

    @Test
    void shouldPublishUpdateFailedOnSetUpdateWhenTheLastUpdateWasRolledBack() {
        int mark = watcher.mark();
        // no set_update in this process: the update was asked for before the restart into the unhealthy version
        listener().onUpdateStatus(false, "failed: health_check");
        watcher.awaitPayload(BASE + "update_status", "failed: health_check", mark);
        watcher.awaitPayload(BASE + "error", "{\"topic\":\"set_update\",\"payload\":\"1\",\"reason\":"
                + "\"update_failed\",\"expected\":\"1\",\"detail\":\"health_check\"}", mark);
    }

    @Test
    void shouldPublishNoErrorWhenAnUpdateNobodyAskedForHereFails() {
        int mark = watcher.mark();
        listener().onUpdateStatus(true, "failed: network");       // e.g. asked for through the web UI
        watcher.awaitPayload(BASE + "update_spiffs_status", "failed: network", mark);
        listener().onUpdateStatus(true, "checking");               // a later message on the same ordered queue
        watcher.awaitPayload(BASE + "update_spiffs_status", "checking", mark);
        assertTrue(watcher.since(mark).stream().noneMatch(r -> r.topic().equals(BASE + "error")),
                "only the asking topic gets the error");
    }

    @Test
    void shouldPublishStateAndSnapshotWhenStatusChanges() {
        int mark = watcher.mark();
        device.failsafe = "stale";
        device.fireStatusChanged();
        TestClient.Received failsafe = watcher.awaitPayload(BASE + "failsafe", "stale", mark);
        assertRetained(failsafe, true);
        watcher.awaitMessage(mark, r -> r.topic().equals(BASE + "snapshot") && r.text().contains("\"failsafe\":"
                + "\"stale\""), "snapshot with failsafe stale");
        device.failsafe = "off";
        device.fireStatusChanged();
        watcher.awaitPayload(BASE + "failsafe", "off", mark);
    }

    @Test
    void shouldSendTelemetryOnlyPastThresholdsWhenTicking() {
        device.settings.put("timer", 100L);
        try {
            int mark = watcher.mark();
            device.mains = new ArrayList<>(List.of(20.0, 5.555, 0.004));
            TestClient.Received current = watcher.awaitPayload(BASE + "current1", "20.00", mark);
            assertEquals(0, current.qos());
            assertRetained(current, false);
            int next = watcher.mark();
            device.mains = new ArrayList<>(List.of(20.14, 5.555, 0.004));
            device.charger("1").energy = 5555L;
            watcher.awaitPayload(BASE + "energy", "5555", next);
            assertTrue(watcher.on(BASE + "current1", next).isEmpty(), "0.14 A is below the threshold");
            device.mains = new ArrayList<>(List.of(20.15, 5.555, 0.004));
            watcher.awaitPayload(BASE + "current1", "20.15", next);
        } finally {
            device.settings.put("timer", 2000L);
        }
    }

    @Test
    void shouldResendDiscoveryWhenHomeAssistantComesOnline() {
        int mark = watcher.mark();
        watcher.publish("homeassistant/status", "online");
        watcher.awaitMessage(mark, r -> watcher.since(mark).stream()
                .filter(m -> m.topic().contains("/dinamics_EV01/")).count() == 28, "28 configs again");
    }

    @Test
    void shouldClearDiscoveryOnceWhenDisabled() {
        try (TestClient ha = new TestClient(broker.uri(), version).subscribe("homeassistant/+/dinamics_OFF01/#")) {
            int mark = ha.mark();
            FakeDevice other = new FakeDevice("1");
            try (MqttBridge off = MqttBridge.start(MqttConfig.of(broker.uri()).withMqttVersion(version)
                    .withSerial("OFF01").withHomeAssistant(false, "homeassistant"), other)) {
                ha.awaitMessage(mark, r -> ha.since(mark).size() == 17, "17 empty configs");
                for (TestClient.Received r : ha.since(mark)) {
                    assertEquals("", r.text(), r.topic());
                    assertRetained(r, true);
                }
                assertFalse(off.topicPrefix().isEmpty());
            }
        }
    }

    @Test
    void shouldRefuseWithOverloadedWhen256CommandsWait() {
        FakeDevice slow = new FakeDevice("1");
        slow.hang = true;
        String base = "Dinamics/SLOW01/";
        // a 3.1.1 user: its blocking publishes never hit a client-side in-flight limit
        try (TestClient user = new TestClient(broker.uri(), 3).subscribe(base + "error")) {
            int mark = user.mark();
            try (MqttBridge b = MqttBridge.start(MqttConfig.of(broker.uri()).withMqttVersion(version)
                    .withSerial("SLOW01"), slow)) {
                assertEquals(base, b.topicPrefix());
                user.subscribe(base + "availability");
                user.awaitPayload(base + "availability", "online", mark);
                for (int i = 0; i < 300; i++) {
                    user.publish(base + "set_breaker", "20");
                }
                user.awaitMessage(mark, r -> user.on(base + "error", mark).size() == 44, "44 overloaded errors");
                for (TestClient.Received r : user.on(base + "error", mark)) {
                    assertEquals("{\"topic\":\"set_breaker\",\"payload\":\"20\",\"reason\":\"overloaded\","
                            + "\"expected\":\"6..100\"}", r.text());
                }
                assertEquals(256, slow.calls.size(), "only the waiting ones reached the gateway");
            }
        }
    }

    @Test
    void shouldPublishOfflineWhenClosedCleanly() {
        FakeDevice other = new FakeDevice("1");
        try (TestClient user = new TestClient(broker.uri(), version).subscribe("Dinamics/BYE01/availability")) {
            int mark = user.mark();
            MqttBridge b = MqttBridge.start(MqttConfig.of(broker.uri()).withMqttVersion(version).withSerial("BYE01"),
                    other);
            user.awaitPayload("Dinamics/BYE01/availability", "online", mark);
            b.close();
            TestClient.Received offline = user.awaitPayload("Dinamics/BYE01/availability", "offline", mark);
            assertEquals(1, offline.qos());
            assertRetained(offline, true);
            assertFalse(b.connected());
            assertTrue(other.listeners.isEmpty(), "close removes the listener");
        }
    }
}
