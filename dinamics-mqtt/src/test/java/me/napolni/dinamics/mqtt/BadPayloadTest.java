package me.napolni.dinamics.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code set_*} topic against every kind of bad payload, on a real broker: exactly one {@code ~/error} with
 * the exact JSON of TOPICS.md section 2 (topic, escaped payload, reason, expected), and the gateway never asked.
 * The expected JSON is written out here by hand, not built with the bridge's own code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadPayloadTest {

    private static final String SERIAL = "BAD01";
    private static final String BASE = "Dinamics/" + SERIAL + "/";
    private static final String ONE_KB = "1".repeat(1024);

    /** Each set_* topic and its range, as TOPICS.md sections 4, 6.1, 7.3 and 7.5 give them. */
    static Map<String, String> ranges() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("set_enable", "1..3");
        m.put("set_breaker", "6..100");
        m.put("set_update", "1");
        m.put("set_update_spiffs", "1");
        m.put("set_t_limit", "1..100");
        m.put("set_e_limit", "1..100");
        m.put("set_c_limit", "6..32");
        m.put("set_c_min_limit", "6..32");
        m.put("set_calibration", "100..2000");
        m.put("set_debug", "1..5");
        m.put("set_timer", "1..500000");
        for (int i = 1; i <= 12; i++) {
            m.put("set_timer" + i, "1..500000");
        }
        m.put("set_timer13", "100..10000");
        m.put("set_timer14", "1..500000");
        m.put("set_plugandcharge", "0..1");
        m.put("set_dinamics", "0..1");
        m.put("set_nwpc", "0..1");
        m.put("set_delay_timer", "HH:MM-HH:MM");
        m.put("charger/1/set_priority", "1..10");
        m.put("charger/2/set_c_limit", "6..32");
        m.put("charger/2/set_enable", "1..3");
        return m;
    }

    /**
     * A bad payload: its bytes, the payload as it must appear inside the JSON text (escaped by hand), and the
     * reason on an integer topic and on the delay-timer topic.
     */
    record Case(String name, byte[] bytes, String jsonPayload, boolean truncated, String reason, String timeReason) {
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("empty", new byte[0], "", false, "empty", "empty"));
        c.add(new Case("text", ascii("abc"), "abc", false, "not_an_integer", "not_a_time"));
        c.add(new Case("float", ascii("16.0"), "16.0", false, "not_an_integer", "not_a_time"));
        c.add(new Case("exponent", ascii("1e3"), "1e3", false, "not_an_integer", "not_a_time"));
        c.add(new Case("negative", ascii("-5"), "-5", false, "out_of_range", "not_a_time"));
        c.add(new Case("minus zero", ascii("-0"), "-0", false, "not_an_integer", "not_a_time"));
        c.add(new Case("leading zeros", ascii("007"), "007", false, "not_an_integer", "not_a_time"));
        c.add(new Case("overflow", ascii("99999999999999999999"), "99999999999999999999", false, "out_of_range",
                "not_a_time"));
        c.add(new Case("leading space", ascii(" 16"), " 16", false, "not_an_integer", "not_a_time"));
        c.add(new Case("trailing space", ascii("16 "), "16 ", false, "not_an_integer", "not_a_time"));
        c.add(new Case("1 KB", ascii(ONE_KB), "1".repeat(64), true, "too_long", "too_long"));
        c.add(new Case("NUL", new byte[] {'1', 0, '6'}, "1\\\\x006", false, "bad_bytes", "bad_bytes"));
        c.add(new Case("newline", ascii("16\n"), "16\\\\x0a", false, "bad_bytes", "bad_bytes"));
        c.add(new Case("full-width digits", "１６".getBytes(StandardCharsets.UTF_8),
                "\\\\xef\\\\xbc\\\\x91\\\\xef\\\\xbc\\\\x96", false, "bad_bytes", "bad_bytes"));
        c.add(new Case("JSON", ascii("{\"value\":16}"), "{\\\"value\\\":16}", false, "not_an_integer",
                "not_a_time"));
        c.add(new Case("backslash", ascii("1\\6"), "1\\\\\\\\6", false, "not_an_integer", "not_a_time"));
        return c;
    }

    static Stream<Arguments> topics() {
        List<Arguments> out = new ArrayList<>();
        for (Map.Entry<String, String> t : ranges().entrySet()) {
            out.add(Arguments.of(t.getKey(), t.getValue()));
        }
        return out.stream();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private Brokers.Broker broker;
    private FakeDevice device;
    private MqttBridge bridge;
    private TestClient watcher;

    @BeforeAll
    void start() {
        // mosquitto when installed (it replays retained messages reliably); else embedded Moquette
        broker = Brokers.mosquittoInstalled() ? new Brokers.Mosquitto(false) : Brokers.moquette();
        device = new FakeDevice("1", "2");
        watcher = new TestClient(broker.uri(), 3).subscribe(BASE + "#");
        int mark = watcher.mark();
        bridge = MqttBridge.start(MqttConfig.of(broker.uri()).withSerial(SERIAL), device);
        watcher.awaitPayload(BASE + "availability", "online", mark);
    }

    @AfterAll
    void stop() {
        bridge.close();
        watcher.close();
        broker.close();
    }

    /** All cases of one topic are published in a row (order is kept), then their errors are checked in order. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void shouldPublishExactErrorAndChangeNothingWhenPayloadIsBad(String topic, String range) {
        device.clearCalls();
        List<Case> cases = cases();
        int mark = watcher.mark();
        for (Case c : cases) {
            watcher.publish(BASE + topic, c.bytes(), false);
        }
        watcher.awaitMessage(mark, r -> watcher.on(BASE + "error", mark).size() >= cases.size(),
                cases.size() + " errors");
        List<TestClient.Received> errors = watcher.on(BASE + "error", mark);
        assertEquals(cases.size(), errors.size(), "exactly one error per bad payload");
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String reason = topic.endsWith("set_delay_timer") ? c.timeReason() : c.reason();
            String expected = "{\"topic\":\"" + topic + "\",\"payload\":\"" + c.jsonPayload() + "\""
                    + (c.truncated() ? ",\"truncated\":true" : "") + ",\"reason\":\"" + reason
                    + "\",\"expected\":\"" + range + "\"}";
            assertEquals(expected, errors.get(i).text(), c.name());
            assertEquals(1, errors.get(i).qos(), "error is R class");
        }
        assertEquals(List.of(), List.copyOf(device.calls), "the gateway must not be asked");
    }

    @Test
    void shouldRefuseRetainedCommandsWhenReplayedOnSubscribe() {
        Assumptions.assumeTrue(Brokers.mosquittoInstalled(), "mosquitto is not installed: skipping the retained test");
        String serial = "RET01";
        String base = "Dinamics/" + serial + "/";
        FakeDevice fresh = new FakeDevice("1");
        try (TestClient user = new TestClient(broker.uri(), 3)) {
            for (String topic : ranges().keySet()) {
                if (!topic.startsWith("charger/2")) {
                    user.publish(base + topic, ascii(topic.endsWith("delay_timer") ? "08:00-09:00" : "1"), true);
                }
            }
            user.subscribe(base + "error");
            int mark = user.mark();
            MqttBridge other = MqttBridge.start(MqttConfig.of(broker.uri()).withSerial(serial), fresh);
            try {
                for (String topic : ranges().keySet()) {
                    if (topic.startsWith("charger/2")) {
                        continue;
                    }
                    String range = ranges().get(topic);
                    String payload = topic.endsWith("delay_timer") ? "08:00-09:00" : "1";
                    user.awaitPayload(base + "error", "{\"topic\":\"" + topic + "\",\"payload\":\"" + payload
                            + "\",\"reason\":\"retained\",\"expected\":\"" + range + "\"}", mark);
                }
                assertEquals(List.of(), List.copyOf(fresh.calls), "a retained command must not reach the gateway");
            } finally {
                other.close();
                for (String topic : ranges().keySet()) {
                    user.publish(base + topic, new byte[0], true);
                }
            }
        }
    }

    @Test
    void shouldRefuseWithUnsupportedBeforeAnyOtherCheckWhenTopicIsNotImplemented() {
        int mark = watcher.mark();
        watcher.publish(BASE + "set_lcd", ascii(ONE_KB), false);
        TestClient.Received error = watcher.awaitOn(BASE + "error", mark);
        assertTrue(error.text().contains("\"reason\":\"unsupported\""), error.text());
    }
}
