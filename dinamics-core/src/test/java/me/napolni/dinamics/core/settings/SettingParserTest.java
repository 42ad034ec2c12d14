package me.napolni.dinamics.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arrays;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingParserTest {

    private static final long SEED = 0x5EEDL;
    private static final Pattern CANONICAL = Pattern.compile("0|-?[1-9][0-9]*");

    /** TOPICS.md 2's table for a 6..100 topic, with escapes: \n, \0 and the full-width digits. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "abc|not_an_integer", "1e3|not_an_integer", "16.0|not_an_integer", "007|not_an_integer",
        "007x|not_an_integer", "+16|not_an_integer", "' 16'|not_an_integer", "'16 '|not_an_integer",
        "0x10|not_an_integer", "\"16\"|not_an_integer", "{\"value\":16}|not_an_integer", "-0|not_an_integer",
        "-|not_an_integer", "-5|out_of_range", "5|out_of_range", "101|out_of_range", "0|out_of_range",
        "99999999999999999999|out_of_range", "-99999999999999999999|out_of_range",
        "9223372036854775807|out_of_range", "9223372036854775808|out_of_range", "18446744073709551622|out_of_range"})
    void shouldRefuseWithTopicsReasonWhenPayloadIsBad(String payload, String reason) {
        ParseResult result = SettingParser.parse(SettingKey.BREAKER, payload);
        assertFalse(result.ok(), payload);
        assertEquals(reason, result.violation().reason(), payload);
        assertEquals("6..100", result.violation().expected());
        assertEquals(SettingKey.BREAKER, result.violation().key());
    }

    @Test
    void shouldRefuseControlAndUnicodeBytesAsBadBytes() {
        for (byte[] payload : new byte[][] {
            "16\n".getBytes(StandardCharsets.US_ASCII), {'1', 0, '6'}, "\uff11\uff16".getBytes(StandardCharsets.UTF_8),
            {'1', '6', 0x7F}, {'\t', '1'}}) {
            assertEquals(Violation.BAD_BYTES, SettingParser.parse(SettingKey.BREAKER, payload).violation().reason());
        }
    }

    @Test
    void shouldCheckLengthBeforeContentWhenPayloadIsLong() {
        assertEquals(Violation.TOO_LONG, SettingParser.parse(SettingKey.BREAKER, "1".repeat(65)).violation().reason());
        byte[] garbage = new byte[65];
        assertEquals(Violation.TOO_LONG, SettingParser.parse(SettingKey.BREAKER, garbage).violation().reason());
        assertEquals(Violation.OUT_OF_RANGE,
                SettingParser.parse(SettingKey.BREAKER, "1".repeat(64)).violation().reason());
        assertEquals(Violation.EMPTY, SettingParser.parse(SettingKey.BREAKER, new byte[0]).violation().reason());
    }

    @Test
    void shouldAcceptRangeEndsWhenCanonical() {
        for (SettingKey key : SettingKey.values()) {
            if (key == SettingKey.DELAY_TIMER) {
                continue;
            }
            assertEquals(key.minimum(), SettingParser.parse(key, Long.toString(key.minimum())).valueOrThrow());
            assertEquals(key.maximum(), SettingParser.parse(key, Long.toString(key.maximum())).valueOrThrow());
            assertEquals(Violation.OUT_OF_RANGE,
                    SettingParser.parse(key, Long.toString(key.maximum() + 1)).violation().reason());
            assertEquals(Violation.OUT_OF_RANGE,
                    SettingParser.parse(key, Long.toString(key.minimum() - 1)).violation().reason());
        }
    }

    @ParameterizedTest
    @CsvSource({"22:00-06:00,1320,360", "00:00-23:59,0,1439", "08:30-09:00,510,540"})
    void shouldParseDelayWindowWhenWellFormed(String payload, int start, int stop) {
        long code = SettingParser.parse(SettingKey.DELAY_TIMER, payload).valueOrThrow();
        assertEquals(DelayTimer.of(start, stop), DelayTimer.decode(code));
        assertEquals(payload, DelayTimer.decode(code).payload());
    }

    @Test
    void shouldTurnDelayTimerOffWhenPayloadIsZero() {
        long code = SettingParser.parse(SettingKey.DELAY_TIMER, "0").valueOrThrow();
        assertTrue(DelayTimer.decode(code).isOff());
        assertEquals("off", DelayTimer.decode(code).payload());
    }

    @Test
    void shouldRefuseNotATimeWhenDelayWindowIsMalformed() {
        for (String payload : new String[] {"8:00-9:00", "24:00-06:00", "22:60-06:00", "10:00-10:00", "1",
            "22:00_06:00", "22:00-06:0x", "off", "00", "22:00-06:00 "}) {
            ParseResult result = SettingParser.parse(SettingKey.DELAY_TIMER, payload);
            assertEquals(Violation.NOT_A_TIME, result.violation().reason(), payload);
        }
    }

    @Test
    void shouldNeverThrowAndAcceptOnlyCanonicalInRangeWhenBytesAreArbitrary() {
        qt().withFixedSeed(SEED)
            .forAll(integers().between(0, SettingKey.values().length - 1),
                    arrays().ofIntegers(integers().between(0, 255)).withLengthBetween(0, 70))
            .checkAssert((ordinal, ints) -> {
                SettingKey key = SettingKey.values()[ordinal];
                byte[] payload = new byte[ints.length];
                for (int i = 0; i < ints.length; i++) {
                    payload[i] = (byte) (int) ints[i];
                }
                ParseResult result = SettingParser.parse(key, payload);
                if (result.ok() && key != SettingKey.DELAY_TIMER) {
                    String text = new String(payload, StandardCharsets.US_ASCII);
                    assertTrue(CANONICAL.matcher(text).matches(), text);
                    assertEquals(Long.parseLong(text), result.value());
                    assertTrue(key.accepts(result.value()));
                }
            });
    }

    @Test
    void shouldAcceptExactlyInRangeWhenPayloadIsAnyCanonicalNumber() {
        qt().withFixedSeed(SEED)
            .forAll(integers().between(0, SettingKey.values().length - 1), longs().all())
            .checkAssert((ordinal, value) -> {
                SettingKey key = SettingKey.values()[ordinal];
                ParseResult result = SettingParser.parse(key, Long.toString(value));
                if (key == SettingKey.DELAY_TIMER) {
                    return;
                }
                assertEquals(key.accepts(value), result.ok(), key + " " + value);
                if (result.ok()) {
                    assertEquals(value, result.value());
                } else {
                    assertEquals(Violation.OUT_OF_RANGE, result.violation().reason());
                }
            });
    }
}
