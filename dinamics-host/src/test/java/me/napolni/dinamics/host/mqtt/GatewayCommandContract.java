package me.napolni.dinamics.host.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import me.napolni.dinamics.core.settings.Settings;
import me.napolni.dinamics.host.internal.SettingsStore;
import me.napolni.dinamics.mqtt.Expect;
import me.napolni.dinamics.mqtt.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static me.napolni.dinamics.host.mqtt.AssembledGateway.BASE;
import static me.napolni.dinamics.mqtt.Expect.error;
import static me.napolni.dinamics.mqtt.Expect.json;
import static me.napolni.dinamics.mqtt.Expect.r;
import static me.napolni.dinamics.mqtt.Expect.rJson;
import static me.napolni.dinamics.mqtt.Expect.rMatching;
import static me.napolni.dinamics.mqtt.Expect.s;
import static me.napolni.dinamics.mqtt.Expect.tMatching;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command row of TOPICS.md section 8 (with the section 6 and 7 topics), published with a plain MQTT client
 * to the assembled gateway: the real {@code Gateway} with its RAPI client talking to a real {@code EvseEmulator},
 * the MQTT bridge, and a real broker. For each row: what comes back (topic, payload, QoS, RETAIN), what the
 * emulator received over RAPI, and, for refused commands, that nothing was sent and the settings file is
 * untouched. Rows run in order on one gateway, so later rows see what earlier ones left (the car is plugged in
 * half-way).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GatewayCommandContract {

    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final Duration RAISE = Duration.ofSeconds(90);

    private Path dir;

    private E2eBrokers.Broker broker;
    private AssembledGateway site;
    private TestClient watcher;
    private TestClient user;
    private int version;

    /**
     * Starts the broker under test.
     *
     * @return the broker
     */
    abstract E2eBrokers.Broker startBroker();

    /**
     * The protocol of the bridge and the user's clients.
     *
     * @return 3 (3.1.1) or 5
     */
    abstract int mqttVersion();

    /**
     * Whether every row runs, or only those marked for a second protocol.
     *
     * @return true for the full table
     */
    boolean fullTable() {
        return true;
    }

    /**
     * Whether the broker sets RETAIN on a retained message it replays to a new subscription, as MQTT 3.1.1
     * §3.3.1.3 says. Moquette 0.17 replays the message but leaves the flag clear.
     *
     * @return true when the flag can be checked
     */
    boolean brokerFlagsReplayedRetained() {
        return true;
    }

    @BeforeAll
    void startAll() throws IOException {
        version = mqttVersion();
        broker = startBroker();
        dir = Files.createTempDirectory("e2e-mqtt-gateway");
        watcher = new TestClient(broker.uri(), version).subscribe(BASE + "#");
        site = AssembledGateway.start(dir, broker.uri(), version);
        watcher.awaitPayload(BASE + "availability", "online", 0);
        watcher.awaitPayload(BASE + "connection", "OK", 0);
        watcher.awaitPayload(BASE + "failsafe", "off", 0);
        user = new TestClient(broker.uri(), version);
    }

    @AfterAll
    void stopAll() {
        if (site != null) {
            site.close();
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
        AssembledGateway.deleteTree(dir);
    }

    /**
     * One command and what must follow.
     *
     * @param topic the command topic, relative
     * @param payload what the user publishes
     * @param expects the publications that must follow
     * @param rapi frames the emulator must receive afterwards, in this order (others may come between)
     * @param refused true when the command must be refused: nothing sent over RAPI, settings file unchanged
     * @param setup what happens to the site before the command (a car plugs in)
     * @param alsoV5 whether the row also runs in the MQTT 5 subset
     */
    record Row(String topic, String payload, List<Expect> expects, List<String> rapi, boolean refused,
            Consumer<AssembledGateway> setup, boolean alsoV5) {
        Row v5() {
            return new Row(topic, payload, expects, rapi, refused, setup, true);
        }

        Row before(Consumer<AssembledGateway> first) {
            return new Row(topic, payload, expects, rapi, refused, first, alsoV5);
        }

        @Override
        public String toString() {
            return topic + " " + payload + (rapi.isEmpty() ? "" : " -> $" + String.join(", $", rapi));
        }
    }

    static Expect snapshot(String describe, Predicate<JsonNode> check) {
        return new Expect("snapshot", describe, text -> check.test(json(text)), 0, true);
    }


    static Row ok(String topic, String payload, List<Expect> expects, String... rapi) {
        return new Row(topic, payload, expects, List.of(rapi), false, site -> { }, false);
    }

    static Row refused(String topic, String payload, String reason, String expected) {
        return new Row(topic, payload, List.of(error(topic, payload, reason, expected)), List.of(), true,
                site -> { }, false);
    }

    /**
     * Plugs a car in that asks for 16 A and waits until it charges at 16 A and the gateway has seen it. The car may
     * start lower (the pilot the control law held before the first readings, under CPU load) and is then raised at
     * the law's pace, so this waits up to {@link #RAISE}.
     */
    static void plugInCharging(AssembledGateway site) {
        site.evse.car().plugIn().requestCharge(true).draw(16);
        await().atMost(RAISE).until(() -> site.evse.stateCode() == 3 && site.evse.car().drawnAmps() >= 16);
        await().atMost(SETTLE).until(() -> {
            Double car = site.gateway.status().primary().chargingCurrent();
            Double l1 = site.gateway.status().mains().get(0);
            return Integer.valueOf(3).equals(site.gateway.status().primary().evseState()) && car != null
                    && car >= 16 && l1 != null && l1 > AssembledGateway.HOUSE_AMPS[0] + 1;
        });
    }

    /** The table, in order. */
    Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // ---- no car yet; P&C on first, so the timer1/timer2 stops of P&C 0 do not interfere
        rows.add(ok("set_plugandcharge", "0", List.of(s("plugandcharge", "0"))));
        rows.add(ok("set_plugandcharge", "1", List.of(s("plugandcharge", "1"))));
        rows.add(new Row("get_status", "1", List.of(r("current1", "2.00"), r("current2", "1.50"),
                r("current3", "1.00"), rMatching("max_charging_current", "1[0-6]|[6-9]"),
                r("charging_current", "0.00"), r("active_phases", "0"),
                snapshot("serial E2E01, mains [2.0,1.5,1.0], no car", j -> j.path("serial").asText().equals("E2E01")
                        && j.path("mains").toString().equals("[2.0,1.5,1.0]") && j.path("state").asInt() == 0)),
                List.of(), false, site -> { }, true));
        rows.add(ok("get_settings", "1", List.of(
                r("settings", "$breaker=40$$calibration=27.70$$timers=2000:50000:10000:10000:10000:50000:30000:"
                        + "10000:50000:100000:50000:50000:100000:1000$$P&C1$$max_current16$"),
                r("settings_json", "{\"FW\":\"0.1.0\",\"B\":\"40\",\"MAXC\":\"16\",\"MINC\":\"6\",\"C\":\"27.70\","
                        + "\"P&C\":\"1\",\"NWPC\":\"0\",\"DA\":\"1\"}"))));
        rows.add(ok("get_wifi", "1", List.of(rMatching("wifi", "\\$ssid=[^$]*\\$\\$pass=\\*{8}\\$\\$ssid1=\\$"
                + "\\$pass1=\\*{8}\\$\\$ip=[0-9.]*\\$\\$gateway=[^$]*\\$\\$subnet=[^$]*\\$\\$mdns=[^$]*"
                + "\\$\\$dhcpcheck=(on|off|)\\$"))));
        rows.add(ok("get_debug", "1", List.of(s("debug", "1"))));
        rows.add(ok("get_timers", "1", List.of(r("timers", "{\"T\":[2000,50000,10000,10000,10000,50000,30000,10000,"
                + "50000,100000,50000,50000,100000,1000,10000]}"))).v5());
        rows.add(ok("get_evse", "1", List.of(rJson("evse", "the emulator's firmware, faults, range and flags",
                j -> j.path("firmware").asText().equals("8.2.3") && j.path("rapi").asText().equals("5.2.1")
                        && j.path("faults").path("gfi").isInt() && j.path("current_range_a").get(0).asInt() == 6
                        && j.path("flags").isObject() && j.path("session_s").isNumber())),
                "GV", "GP", "GF", "GC", "GE", "GS", "GU", "GT", "GA"));
        rows.add(refused("set_t_limit", "4", "not_charging", "1..100").v5());
        rows.add(refused("set_e_limit", "4", "not_charging", "1..100"));
        rows.add(ok("rapi_request", "GV", List.of(rMatching("rapi_response", "\\$OK 8\\.2\\.3 5\\.2\\.1.*")), "GV"));
        rows.add(ok("rapi_request", "GC", List.of(rMatching("rapi_response", "\\$OK 6 80 \\d+ 32.*")), "GC"));
        rows.add(refused("rapi_request", "FE", "not_allowed", "allowlist"));
        rows.add(refused("rapi_request", "FR", "not_allowed", "allowlist"));
        rows.add(refused("rapi_request", "SC 6", "not_allowed", "allowlist"));
        rows.add(refused("rapi_request", "gs", "not_a_command", "allowlist"));
        rows.add(ok("set_breaker", "20", List.of(s("breaker", "20"),
                snapshot("breaker 20", j -> j.path("breaker").asInt() == 20))).v5());
        rows.add(refused("set_breaker", "101", "out_of_range", "6..100"));
        rows.add(ok("set_calibration", "544", List.of(s("calibration", "544"))));
        rows.add(ok("set_calibration", "277", List.of(s("calibration", "277"))));
        rows.add(ok("set_debug", "3", List.of(s("debug", "3"))));
        rows.add(ok("get_debug", "1", List.of(s("debug", "3"))));
        // ---- the operator's enable: each value's RAPI command, acked after the charger's $OK
        rows.add(ok("set_enable", "3", List.of(s("enable", "3"), s("charger/1/enable", "3"),
                tMatching("responseFS", "\\$OK.*")), "FS").v5());
        rows.add(ok("set_enable", "1", List.of(s("enable", "1"), s("charger/1/enable", "1"),
                tMatching("responseFD", "\\$OK.*")), "FD"));
        rows.add(ok("set_enable", "2", List.of(s("enable", "2"), s("charger/1/enable", "2"),
                tMatching("responseFE", "\\$OK.*")), "FE").v5());
        rows.add(refused("set_enable", "4", "out_of_range", "1..3"));
        // ---- a car charges at 16 A: status topics, then the commands "only possible when charging"
        rows.add(new Row("get_status", "1", List.of(r("current1", "18.00"), r("current2", "17.50"),
                r("current3", "17.00"), rMatching("max_charging_current", "1[0-6]|[6-9]"),
                r("charging_current", "16.00"), rMatching("active_phases", "0|1|2|3|12|13|23|123"),
                snapshot("a car charging, link OK", j -> j.path("state").asInt() == 1
                        && j.path("evse_state").asInt() == 3 && j.path("connection").asText().equals("OK")
                        && j.path("charging_current").asDouble() == 16.0 && j.path("power").asLong() > 0)),
                List.of(), false, GatewayCommandContract::plugInCharging, true));
        rows.add(ok("set_t_limit", "4", List.of(r("t_limit", "4"), r("charger/1/t_limit", "4"),
                tMatching("responseST", "\\$OK.*")), "S3 4").v5());
        rows.add(ok("set_e_limit", "5", List.of(r("e_limit", "5"), r("charger/1/e_limit", "5"),
                tMatching("responseSH", "\\$OK.*")), "SH 5"));
        rows.add(ok("set_c_limit", "10", List.of(s("c_limit", "10"), s("charger/1/c_limit", "10"),
                snapshot("c_limit 10", j -> j.path("c_limit").asInt() == 10)), "SC 10 V").v5());
        rows.add(refused("set_c_limit", "33", "out_of_range", "6..32"));
        rows.add(ok("set_c_min_limit", "8", List.of(s("c_min_limit", "8"), s("charger/1/c_min_limit", "8"))));
        // inconsistent: expected is the range the other setting leaves open now (c_min_limit..32, 6..c_limit)
        rows.add(refused("set_c_min_limit", "12", "inconsistent", "6..10"));
        rows.add(refused("set_c_limit", "7", "inconsistent", "8..32"));
        rows.add(ok("set_c_min_limit", "6", List.of(s("c_min_limit", "6"))));
        rows.add(ok("set_dinamics", "0", List.of(s("dinamics", "0"))));
        rows.add(ok("set_dinamics", "1", List.of(s("dinamics", "1"))));
        rows.add(ok("set_nwpc", "1", List.of(s("nwpc", "1"))));
        rows.add(ok("set_nwpc", "0", List.of(s("nwpc", "0"))));
        rows.add(ok("set_delay_timer", "08:00-17:30", List.of(s("delay_timer", "08:00-17:30"),
                s("charger/1/delay_timer", "08:00-17:30"))));
        rows.add(ok("set_delay_timer", "0", List.of(s("delay_timer", "off"), s("charger/1/delay_timer", "off"))));
        rows.add(refused("set_delay_timer", "12:00-12:00", "not_a_time", "HH:MM-HH:MM"));
        // ---- the primary charger under its own id
        rows.add(ok("charger/1/set_c_limit", "8", List.of(s("c_limit", "8"), s("charger/1/c_limit", "8")),
                "SC 8 V"));
        rows.add(ok("charger/1/set_c_min_limit", "7", List.of(s("charger/1/c_min_limit", "7"))));
        rows.add(ok("charger/1/set_priority", "7", List.of(s("charger/1/priority", "7"))));
        rows.add(refused("charger/1/set_priority", "11", "out_of_range", "1..10"));
        rows.add(ok("charger/1/set_t_limit", "2", List.of(r("charger/1/t_limit", "2")), "S3 2"));
        rows.add(ok("charger/1/set_e_limit", "3", List.of(r("charger/1/e_limit", "3")), "SH 3"));
        rows.add(ok("charger/1/set_enable", "3", List.of(s("charger/1/enable", "3")), "FS"));
        rows.add(ok("charger/1/set_enable", "2", List.of(s("charger/1/enable", "2")), "FE"));
        rows.add(ok("charger/1/set_delay_timer", "22:00-06:00", List.of(s("charger/1/delay_timer", "22:00-06:00"))));
        rows.add(ok("charger/1/set_delay_timer", "0", List.of(s("charger/1/delay_timer", "off"))));
        rows.add(new Row("charger/1/get_status", "1", List.of(rMatching("charger/1/max_charging_current", "[0-8]"),
                rMatching("charger/1/charging_current", "\\d+\\.\\d\\d"), snapshot("the site", j -> j.isObject())),
                List.of(), false, site -> { }, false));
        // ---- timers: each acked as given, persisted
        rows.add(ok("set_timer", "1500", List.of(s("timer", "1500"))));
        for (int i = 1; i <= 14; i++) {
            long value = i == 13 ? 1500 : i == 12 ? 200_000 : 50_000 + i;
            rows.add(ok("set_timer" + i, Long.toString(value), List.of(s("timer" + i, Long.toString(value)))));
        }
        rows.add(refused("set_timer13", "99", "out_of_range", "100..10000"));
        // ---- what is refused as a whole
        rows.add(refused("set_update", "1", "not_configured", "1"));
        rows.add(refused("set_update_spiffs", "1", "not_configured", "1"));
        for (String name : List.of("set_cte", "set_neg_amp", "set_adjust", "set_autoupdate", "set_lcd", "erase_lcd",
                "set_TFO", "set_lora", "delete_wifi", "set_enable_on_delayed", "set_enable_off_delayed", "set_rapi")) {
            rows.add(refused(name, "1", "unsupported", null));
        }
        rows.add(refused("get_status", "2", "out_of_range", "1"));
        rows.add(ok("delete_settings", "1", List.of(s("breaker", "16"), s("calibration", "277"), s("timer", "2000"),
                s("timer13", "1000"), s("c_limit", "16"), s("plugandcharge", "0"), s("charger/1/priority", "5"))));
        return fullTable() ? rows.stream() : rows.stream().filter(Row::alsoV5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void shouldAnswerAndDriveTheChargerWhenUserPublishesCommand(Row row) throws IOException {
        row.setup().accept(site);
        String settingsBefore = site.settingsFile();
        int rapiMark = site.mark();
        int mark = watcher.mark();
        user.publish(BASE + row.topic(), row.payload());
        for (Expect expect : row.expects()) {
            TestClient.Received got = watcher.awaitMessage(mark, r -> expect.matchesAtQos(r, BASE), expect + " at QoS " + expect.qos());
            if (version == 5) {
                assertEquals(expect.retained(), got.retained(), "RETAIN of " + expect);
            } else if (expect.retained() && !expect.topic().equals("snapshot")) {
                assertRetainedOnBroker(expect);
            }
        }
        if (!row.rapi().isEmpty()) {
            await().atMost(SETTLE).alias("the emulator should receive $" + row.rapi() + "; got "
                    + site.framesSince(rapiMark)).until(() -> inOrder(site.framesSince(rapiMark), row.rapi()));
        }
        if (row.refused()) {
            assertEquals(List.of(), site.commandsSince(rapiMark), "nothing but routine polls over RAPI");
            assertEquals(settingsBefore, site.settingsFile(), "the settings file is untouched");
            assertEquals(1, watcher.on(BASE + "error", mark).size(), "exactly one error: " + watcher.since(mark));
        }
        if (row.topic().equals("delete_settings")) {
            Settings onDisk = new SettingsStore(dir, List.of("1")).load().settings();
            assertEquals(Settings.defaults(), onDisk, "defaults persisted");
        }
    }

    private static boolean inOrder(List<String> frames, List<String> wanted) {
        int next = 0;
        for (String frame : frames) {
            if (next < wanted.size() && frame.equals(wanted.get(next))) {
                next++;
            }
        }
        return next == wanted.size();
    }

    /**
     * On 3.1.1 a live message never carries RETAIN, so a fresh subscription checks that the broker kept the value:
     * it replays it flagged RETAIN (MQTT 3.1.1 §3.3.1.3), or at least replays it (Moquette).
     */
    private void assertRetainedOnBroker(Expect expect) {
        boolean flagged = brokerFlagsReplayedRetained();
        try (TestClient fresh = new TestClient(broker.uri(), version)) {
            fresh.subscribe(BASE + expect.topic());
            fresh.awaitMessage(0, r -> (r.retained() || !flagged) && expect.matchesAtQos(r, BASE), "retained " + expect);
        }
    }
}
