package me.napolni.dinamics.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    private static CommandParser.Verdict check(String topic, byte[] payload, boolean retained) {
        return CommandParser.check(TopicContract.command(topic), payload, payload.length, retained);
    }

    private static CommandParser.Verdict check(String topic, String payload) {
        return check(topic, payload.getBytes(StandardCharsets.UTF_8), false);
    }

    /** The table of TOPICS.md section 2 for a 6..100 topic. */
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "abc|not_an_integer", "1e3|not_an_integer", "16.0|not_an_integer", "007|not_an_integer",
        "007x|not_an_integer", "+16|not_an_integer", "' 16'|not_an_integer", "'16 '|not_an_integer",
        "0x10|not_an_integer", "\"16\"|not_an_integer", "{\"value\":16}|not_an_integer", "-0|not_an_integer",
        "-5|out_of_range", "5|out_of_range", "101|out_of_range", "99999999999999999999|out_of_range",
        "１６|bad_bytes",
    })
    void shouldGiveContractReasonWhenBreakerPayloadIsBad(String payload, String reason) {
        CommandParser.Verdict v = check("set_breaker", payload);
        assertEquals(reason, v.reason());
        assertEquals("6..100", v.expected());
    }

    @Test
    void shouldGiveEmptyTooLongAndBadBytesInContractOrder() {
        assertEquals("empty", check("set_breaker", "").reason());
        assertEquals("too_long", check("set_breaker", "1".repeat(65)).reason());
        assertEquals("too_long", check("set_breaker", "\u0000".repeat(65)).reason(), "length is checked first");
        assertEquals("bad_bytes", check("set_breaker", "16\n").reason());
        assertEquals("bad_bytes", check("set_breaker", new byte[] {'1', 0, '6'}, false).reason());
        assertEquals("retained", check("set_breaker", "1".repeat(65).getBytes(StandardCharsets.US_ASCII), true)
                .reason(), "retained comes before too_long");
        assertEquals("unsupported", check("set_lcd", new byte[0], true).reason(), "unsupported comes first");
    }

    @ParameterizedTest
    @ValueSource(strings = {"6", "16", "100"})
    void shouldAcceptValueWhenInRange(String payload) {
        CommandParser.Verdict v = check("set_breaker", payload);
        assertTrue(v.ok(), v.toString());
        assertEquals(Long.parseLong(payload), v.value());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "GS|", "GV|", "G0|", "SL 1|", "SL A|", "SA 230 -12|", "SA -999999 999999|",
        "FE|not_allowed", "SC 16|not_allowed", "FR|not_allowed", "Z0|not_allowed", "T0|not_allowed",
        "GS 1|not_allowed", "SL 3|not_allowed", "SA 1|not_allowed", "SA 1234567 1|not_allowed",
        "gs|not_a_command", "$GS|not_a_command", "GS^30|not_a_command", "G|not_a_command", "GSX|not_a_command",
        "GS  1|not_a_command",
    })
    void shouldApplyAllowlistWhenRapiRequest(String payload, String reason) {
        CommandParser.Verdict v = check("rapi_request", payload);
        assertEquals(reason, v.reason(), payload);
        if (reason == null) {
            assertEquals(payload, v.text());
        } else {
            assertEquals("allowlist", v.expected());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "22:00-06:00|", "0|", "00:00-23:59|", "12:00-12:00|not_a_time", "24:00-06:00|not_a_time",
        "22:60-06:00|not_a_time", "2:00-06:00|not_a_time", "off|not_a_time", "1|not_a_time",
    })
    void shouldAcceptWindowOrZeroWhenDelayTimer(String payload, String reason) {
        assertEquals(reason, check("set_delay_timer", payload).reason());
    }

    @Test
    void shouldAcceptOnlyOneWhenRequest() {
        assertTrue(check("get_status", "1").ok());
        assertEquals("out_of_range", check("get_status", "2").reason());
        assertEquals("1", check("get_status", "0").expected());
        assertEquals("not_an_integer", check("delete_settings", "yes").reason());
    }

    @Test
    void shouldRefuseFortyDigitDebugWhenV35FlagsAreSent() {
        assertEquals("out_of_range", check("set_debug", "1".repeat(40)).reason());
    }
}
