package me.napolni.dinamics.mqtt;

import static me.napolni.dinamics.mqtt.Expect.error;
import static me.napolni.dinamics.mqtt.Expect.r;
import static me.napolni.dinamics.mqtt.Expect.rJson;
import static me.napolni.dinamics.mqtt.Expect.rMatching;
import static me.napolni.dinamics.mqtt.Expect.s;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command topic of TOPICS.md section 8, published as a user would, against a real broker: what the bridge
 * publishes back (topic, payload, QoS, RETAIN) and what it asked of the gateway. Subclasses pick the broker and
 * the protocol. Rows run in order on one bridge, so later rows see the state earlier ones left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CommandTableContract {

    static final String SERIAL = "TEST01";
    static final String BASE = "Dinamics/" + SERIAL + "/";

    private Brokers.Broker broker;
    private FakeDevice device;
    private MqttBridge bridge;
    private TestClient watcher;
    private TestClient user;
    private int version;

    /** The broker under test. */
    abstract Brokers.Broker startBroker();

    /** 3 or 5, for the bridge and the test's clients. */
    abstract int mqttVersion();

    /** Whether a fresh subscriber can be trusted to get retained messages (Moquette 0.17 loses some). */
    boolean brokerReplaysRetained() {
        return true;
    }

    @BeforeAll
    void startAll() {
        version = mqttVersion();
        broker = startBroker();
        device = new FakeDevice("1", "2");
        device.rapiReplies.put("$GS", "$OK 03 360 03 0000^2B");
        device.rapiReplies.put("$GV", "$OK 8.2.3.EU 5.2.1^0C");
        device.rapiReplies.put("$GP", "$OK 251 -2560 -2560^1F");
        device.rapiReplies.put("$GF", "$OK 0 1 0^26");
        device.rapiReplies.put("$GC", "$OK 6 32 16 32^1B");
        device.rapiReplies.put("$GE", "$OK 16 0021^2F");
        device.rapiReplies.put("$GU", "$OK 7200000 12345678^11");
        device.rapiReplies.put("$GT", "$OK 165 165 165 165 165 85^1A");
        watcher = new TestClient(broker.uri(), version).subscribe(BASE + "#");
        int mark = watcher.mark();
        bridge = MqttBridge.start(MqttConfig.of(broker.uri()).withMqttVersion(version).withSerial(SERIAL), device);
        watcher.awaitPayload(BASE + "availability", "online", mark);
        user = new TestClient(broker.uri(), version);
    }

    @AfterAll
    void stopAll() {
        if (bridge != null) {
            bridge.close();
        }
        if (user != null) {
            user.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** One command and what must follow. */
    record Row(String topic, String payload, List<Expect> expects, List<String> calls, boolean ordered,
            Consumer<FakeDevice> setup) {
        @Override
        public String toString() {
            return topic + " " + payload;
        }
    }

    static Expect snapshot() {
        return new Expect("snapshot", "{\"ts\":...}", text -> text.startsWith("{\"ts\":"), 0, true);
    }


    static Row row(String topic, String payload, List<Expect> expects, String... calls) {
        return new Row(topic, payload, expects, List.of(calls), false, d -> { });
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("get_status", "1", List.of(r("current1", "10.00"), r("current2", "5.56"),
                r("current3", "0.00"), r("max_charging_current", "16"), r("charging_current", "7.25"),
                r("active_phases", "1"), snapshot()), List.of(), true, d -> { }));
        rows.add(row("get_settings", "1", List.of(
                r("settings", "$breaker=16$$calibration=27.70$$timers=2000:50000:10000:10000:10000:50000:30000:"
                        + "10000:50000:100000:50000:50000:100000:1000$$P&C0$$max_current16$"),
                r("settings_json",
                        "{\"FW\":\"0.1.0\",\"B\":\"16\",\"MAXC\":\"16\",\"MINC\":\"6\",\"C\":\"27.70\",\"P&C\":\"0\","
                                + "\"NWPC\":\"0\",\"DA\":\"1\"}"))));
        rows.add(row("get_wifi", "1", List.of(rMatching("wifi", "\\$ssid=[^$]*\\$\\$pass=\\*{8}\\$\\$ssid1=\\$"
                + "\\$pass1=\\*{8}\\$\\$ip=127\\.0\\.0\\.1\\$\\$gateway=[^$]*\\$\\$subnet=255\\.0\\.0\\.0\\$"
                + "\\$mdns=[^$]*\\$\\$dhcpcheck=(on|off|)\\$"))));
        rows.add(row("get_debug", "1", List.of(s("debug", "1"))));
        rows.add(row("get_timers", "1", List.of(r("timers",
                "{\"T\":[2000,50000,10000,10000,10000,50000,30000,10000,50000,100000,50000,50000,100000,1000,"
                        + "10000]}"))));
        rows.add(row("get_evse", "1", List.of(rJson("evse", "firmware 8.2.3.EU ... ammeter null",
                j -> j.get("firmware").asText().equals("8.2.3.EU") && j.get("rapi").asText().equals("5.2.1")
                        && j.get("temperatures_c").toString().equals("{\"ds3231\":25.1}")
                        && j.get("faults").toString().equals("{\"gfi\":0,\"no_ground\":1,\"stuck_relay\":0}")
                        && j.get("current_range_a").toString().equals("[6,32]")
                        && j.get("flags").get("raw").asText().equals("0021")
                        && j.get("flags").get("service_level").asText().equals("L2")
                        && j.get("session_s").asLong() == 360
                        && j.get("session_wh").asLong() == 2000
                        && j.get("lifetime_kwh").asDouble() == 12345.678
                        && j.get("clock").isNull() && j.get("ammeter").isNull()
                        && j.get("detail").asText().contains("GA"))),
                "rapi null $GV", "rapi null $GP", "rapi null $GF", "rapi null $GC", "rapi null $GE", "rapi null $GS",
                "rapi null $GU", "rapi null $GT", "rapi null $GA"));
        rows.add(row("set_enable", "3", List.of(s("enable", "3"), s("charger/1/enable", "3")),
                "set null enable 3"));
        rows.add(row("set_enable", "2", List.of(s("enable", "2"), s("charger/1/enable", "2")),
                "set null enable 2"));
        rows.add(row("set_breaker", "20", List.of(s("breaker", "20"), snapshot()), "set null breaker 20"));
        rows.add(row("set_update", "1", List.of(error("set_update", "1", "not_configured", "1")), "update false"));
        rows.add(row("set_update_spiffs", "1", List.of(error("set_update_spiffs", "1", "not_configured", "1")),
                "update true"));
        rows.add(row("set_t_limit", "4", List.of(r("t_limit", "4"), r("charger/1/t_limit", "4")),
                "set null t_limit 4"));
        rows.add(row("set_e_limit", "5", List.of(r("e_limit", "5"), r("charger/1/e_limit", "5")),
                "set null e_limit 5"));
        rows.add(new Row("set_t_limit", "4", List.of(error("set_t_limit", "4", "not_charging", "1..100")),
                List.of("set null t_limit 4"), false, d -> d.charger("1").evseState = 1));
        rows.add(new Row("set_e_limit", "4", List.of(error("set_e_limit", "4", "evse_offline", "1..100")),
                List.of("set null e_limit 4"), false, d -> {
                    d.charger("1").evseState = 3;
                    d.charger("1").connection = "CON_ERROR";
                }));
        rows.add(new Row("set_c_limit", "20", List.of(s("c_limit", "20"), s("charger/1/c_limit", "20")),
                List.of("set null c_limit 20"), false, d -> d.charger("1").connection = "OK"));
        rows.add(row("set_c_min_limit", "8", List.of(s("c_min_limit", "8"), s("charger/1/c_min_limit", "8")),
                "set null c_min_limit 8"));
        // inconsistent: expected is the range accepted now, the other setting's value bounding it
        rows.add(new Row("set_c_limit", "8", List.of(error("set_c_limit", "8", "inconsistent", "10..32")),
                List.of("set null c_limit 8"), false, d -> d.charger("1").cMinLimit = 10));
        rows.add(new Row("set_c_min_limit", "21", List.of(error("set_c_min_limit", "21", "inconsistent", "6..16")),
                List.of("set null c_min_limit 21"), false, d -> {
                    d.charger("1").cLimit = 16;
                    d.charger("1").cMinLimit = 6;
                }));
        rows.add(row("set_calibration", "544", List.of(s("calibration", "544")), "set null calibration 544"));
        rows.add(row("set_debug", "3", List.of(s("debug", "3")), "set null debug 3"));
        rows.add(row("set_timer", "1500", List.of(s("timer", "1500")), "set null timer 1500"));
        for (int i = 1; i <= 14; i++) {
            long v = i == 12 ? 200_000 : i == 13 ? 2000 : 40_000 + i;
            rows.add(row("set_timer" + i, Long.toString(v), List.of(s("timer" + i, Long.toString(v))),
                    "set null timer" + i + " " + v));
        }
        rows.add(row("set_plugandcharge", "1", List.of(s("plugandcharge", "1")), "set null plugandcharge 1"));
        rows.add(row("set_dinamics", "0", List.of(s("dinamics", "0")), "set null dinamics 0"));
        rows.add(row("set_nwpc", "1", List.of(s("nwpc", "1")), "set null nwpc 1"));
        rows.add(row("rapi_request", "GS", List.of(r("rapi_response", "$OK 03 360 03 0000^2B")), "rapi null $GS"));
        rows.add(row("rapi_request", "FE", List.of(error("rapi_request", "FE", "not_allowed", "allowlist"))));
        rows.add(row("rapi_request", "gs", List.of(error("rapi_request", "gs", "not_a_command", "allowlist"))));
        rows.add(row("set_delay_timer", "22:00-06:00",
                List.of(s("delay_timer", "22:00-06:00"), s("charger/1/delay_timer", "22:00-06:00")),
                "delay_timer null 22:00-06:00"));
        rows.add(row("set_delay_timer", "0", List.of(s("delay_timer", "off"), s("charger/1/delay_timer", "off")),
                "delay_timer null 0"));
        rows.add(row("set_delay_timer", "12:00-12:00",
                List.of(error("set_delay_timer", "12:00-12:00", "not_a_time", "HH:MM-HH:MM"))));
        rows.add(row("charger/2/set_enable", "1", List.of(s("charger/2/enable", "1")), "set 2 enable 1"));
        rows.add(row("charger/2/set_c_limit", "10", List.of(s("charger/2/c_limit", "10")), "set 2 c_limit 10"));
        rows.add(row("charger/2/set_c_min_limit", "7", List.of(s("charger/2/c_min_limit", "7")),
                "set 2 c_min_limit 7"));
        rows.add(row("charger/2/set_c_limit", "33",
                List.of(error("charger/2/set_c_limit", "33", "out_of_range", "6..32"))));
        rows.add(row("charger/2/set_t_limit", "2", List.of(r("charger/2/t_limit", "2")), "set 2 t_limit 2"));
        rows.add(row("charger/2/set_e_limit", "3", List.of(r("charger/2/e_limit", "3")), "set 2 e_limit 3"));
        rows.add(new Row("charger/2/get_status", "1", List.of(r("charger/2/max_charging_current", "16"),
                r("charger/2/charging_current", "7.25"), r("charger/2/active_phases", "1"), snapshot()), List.of(),
                true, d -> { }));
        rows.add(row("charger/2/set_priority", "7", List.of(s("charger/2/priority", "7")), "set 2 priority 7"));
        rows.add(row("charger/2/set_priority", "11",
                List.of(error("charger/2/set_priority", "11", "out_of_range", "1..10"))));
        rows.add(row("charger/2/set_delay_timer", "08:00-17:30", List.of(s("charger/2/delay_timer", "08:00-17:30")),
                "delay_timer 2 08:00-17:30"));
        rows.add(row("charger/1/set_c_limit", "18", List.of(s("c_limit", "18"), s("charger/1/c_limit", "18")),
                "set 1 c_limit 18"));
        for (String name : List.of("set_cte", "set_neg_amp", "set_adjust", "set_autoupdate", "set_lcd", "erase_lcd",
                "set_TFO", "set_lora", "delete_wifi", "set_enable_on_delayed", "set_enable_off_delayed", "set_rapi")) {
            rows.add(row(name, "1", List.of(error(name, "1", "unsupported", null))));
        }
        rows.add(row("get_status", "2", List.of(error("get_status", "2", "out_of_range", "1"))));
        rows.add(row("delete_settings", "1", List.of(s("breaker", "16"), s("calibration", "277"),
                s("timer", "2000"), s("c_limit", "16"), s("charger/2/priority", "5")), "reset"));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void shouldAnswerAsContractedWhenUserPublishesCommand(Row row) {
        device.clearCalls();
        row.setup().accept(device);
        int mark = watcher.mark();
        user.publish(BASE + row.topic(), row.payload());
        int lastIndex = -1;
        for (Expect e : row.expects()) {
            TestClient.Received got = watcher.awaitMessage(mark, r -> e.matches(r, BASE), e.toString());
            assertEquals(e.qos(), got.qos(), "QoS of " + e);
            if (version == 5) {
                assertEquals(e.retained(), got.retained(), "RETAIN of " + e);
            } else if (e.retained() && brokerReplaysRetained()) {
                assertRetainedOnBroker(e);
            }
            if (row.ordered()) {
                int index = watcher.since(mark).indexOf(got);
                assertTrue(index > lastIndex, e + " came out of order: " + watcher.since(mark));
                lastIndex = index;
            }
        }
        await().atMost(TestClient.WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .alias("device calls for " + row + ": " + device.calls)
                .until(() -> device.calls.equals(row.calls()));
        assertEquals(row.calls(), List.copyOf(device.calls), "what the bridge asked of the gateway");
    }

    /**
     * On 3.1.1 a live message never carries RETAIN, so the user's client subscribes to the topic: the broker then
     * replays what it kept, flagged RETAIN (MQTT 3.1.1 §3.3.1.3, §3.8.4).
     */
    private void assertRetainedOnBroker(Expect e) {
        int mark = user.mark();
        user.subscribe(BASE + e.topic());
        user.awaitMessage(mark, r -> r.retained() && e.matches(r, BASE), "retained " + e);
    }
}
