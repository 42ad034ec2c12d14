package me.napolni.dinamics.host.mqtt;

import me.napolni.dinamics.mqtt.Expect;
import me.napolni.dinamics.mqtt.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static me.napolni.dinamics.host.mqtt.AssembledGateway.BASE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Garbage on a few command topics, end to end through mosquitto while a car charges: exactly one {@code ~/error}
 * with the exact JSON of TOPICS.md section 2, nothing but routine polls over RAPI, no ack, and the settings file
 * byte for byte as before. The gateway keeps answering afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadPayloadEndToEndTest {

    private E2eBrokers.Broker broker;
    private AssembledGateway site;
    private TestClient watcher;
    private TestClient user;
    private Path dir;

    /**
     * One bad command.
     *
     * @param topic the topic, relative
     * @param bytes what the user publishes
     * @param retained whether it is published with RETAIN
     * @param jsonPayload the payload as it must appear in the error (escaped, JSON-encoded, no quotes)
     * @param truncated whether the error says truncated
     * @param reason the reason
     * @param expected the expected field
     */
    record Bad(String topic, byte[] bytes, boolean retained, String jsonPayload, boolean truncated, String reason,
            String expected) {
        String errorJson() {
            return "{\"topic\":\"" + topic + "\",\"payload\":\"" + jsonPayload + "\""
                    + (truncated ? ",\"truncated\":true" : "") + ",\"reason\":\"" + reason + "\""
                    + ",\"expected\":\"" + expected + "\"}";
        }

        @Override
        public String toString() {
            return topic + " [" + jsonPayload + "]" + (retained ? " retained" : "") + " -> " + reason;
        }
    }

    static Bad bad(String topic, String payload, String jsonPayload, String reason, String expected) {
        return new Bad(topic, payload.getBytes(StandardCharsets.UTF_8), false, jsonPayload, false, reason, expected);
    }

    static Bad bad(String topic, String payload, String reason, String expected) {
        return bad(topic, payload, payload, reason, expected);
    }

    Stream<Bad> cases() {
        String ones = "1".repeat(65);
        return Stream.of(
                bad("set_c_limit", "", "empty", "6..32"),
                bad("set_c_limit", "abc", "not_an_integer", "6..32"),
                bad("set_c_limit", "1e3", "not_an_integer", "6..32"),
                bad("set_c_limit", "16.0", "not_an_integer", "6..32"),
                bad("set_c_limit", "+16", "not_an_integer", "6..32"),
                bad("set_c_limit", " 16", "not_an_integer", "6..32"),
                bad("set_c_limit", "-0", "not_an_integer", "6..32"),
                bad("set_c_limit", "\"16\"", "\\\"16\\\"", "not_an_integer", "6..32"),
                bad("set_c_limit", "16\n", "16\\\\x0a", "bad_bytes", "6..32"),
                bad("set_c_limit", "１６", "\\\\xef\\\\xbc\\\\x91\\\\xef\\\\xbc\\\\x96", "bad_bytes", "6..32"),
                new Bad("set_c_limit", ones.getBytes(StandardCharsets.US_ASCII), false, ones.substring(0, 64), true,
                        "too_long", "6..32"),
                bad("set_c_limit", "33", "out_of_range", "6..32"),
                bad("set_c_limit", "99999999999999999999", "out_of_range", "6..32"),
                bad("set_breaker", "5", "out_of_range", "6..100"),
                bad("set_breaker", "{\"value\":16}", "{\\\"value\\\":16}", "not_an_integer", "6..100"),
                bad("set_enable", "0", "out_of_range", "1..3"),
                bad("set_enable", "2 ", "not_an_integer", "1..3"),
                bad("set_t_limit", "0", "out_of_range", "1..100"),
                bad("set_e_limit", "101", "out_of_range", "1..100"),
                bad("rapi_request", "FR", "not_allowed", "allowlist"),
                bad("rapi_request", "SC 6", "not_allowed", "allowlist"),
                bad("rapi_request", "$GV", "not_a_command", "allowlist"),
                bad("set_delay_timer", "25:00-06:00", "not_a_time", "HH:MM-HH:MM"),
                bad("get_status", "yes", "not_an_integer", "1"));
    }

    @BeforeAll
    void startAll() throws IOException {
        Assumptions.assumeTrue(E2eBrokers.program("mosquitto").isPresent(), "mosquitto is not installed");
        broker = E2eBrokers.mosquitto();
        dir = Files.createTempDirectory("e2e-mqtt-bad");
        watcher = new TestClient(broker.uri(), 3).subscribe(BASE + "#");
        site = AssembledGateway.start(dir, broker.uri(), 3);
        watcher.awaitPayload(BASE + "connection", "OK", 0);
        user = new TestClient(broker.uri(), 3);
        int mark = watcher.mark();
        user.publish(BASE + "set_plugandcharge", "1");
        watcher.awaitPayload(BASE + "plugandcharge", "1", mark);
        GatewayCommandContract.plugInCharging(site);
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldAnswerOneErrorAndChangeNothingWhenPayloadIsBad(Bad bad) throws IOException {
        byte[] settingsBefore = Files.readAllBytes(site.store.file());
        int rapiMark = site.mark();
        int mark = watcher.mark();
        user.publish(BASE + bad.topic(), bad.bytes(), bad.retained());
        TestClient.Received error = watcher.awaitOn(BASE + "error", mark);
        assertEquals(bad.errorJson(), Expect.withoutDetail(error.text()));
        assertEquals(1, error.qos(), "R class");
        assertEquals(List.of(), site.commandsSince(rapiMark), "nothing but routine polls over RAPI");
        assertArrayEquals(settingsBefore, Files.readAllBytes(site.store.file()), "the settings file is untouched");
        // the gateway still answers, and no ack of the bad value went out before that answer
        int after = watcher.mark();
        user.publish(BASE + "get_debug", "1");
        watcher.awaitPayload(BASE + "debug", "1", after);
        assertEquals(1, watcher.on(BASE + "error", mark).size(), "exactly one error: " + watcher.since(mark));
        String ack = bad.topic().startsWith("set_") ? BASE + bad.topic().substring(4) : null;
        assertTrue(ack == null || watcher.on(ack, mark).isEmpty(), "no ack on " + ack + ": " + watcher.since(mark));
    }
}
