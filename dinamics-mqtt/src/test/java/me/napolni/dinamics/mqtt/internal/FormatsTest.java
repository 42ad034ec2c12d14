package me.napolni.dinamics.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

class FormatsTest {

    private static final long SEED = 0x5EEDL;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 0.00", "0.004, 0.00", "-0.004, 0.00", "0.005, 0.01", "-0.005, -0.01", "0.125, 0.13", "-0.125, -0.13",
        "12.345, 12.35", "12.344, 12.34", "7.25, 7.25", "16, 16.00", "1.995, 2.00", "99.999, 100.00",
        "5.555, 5.56", "2.675, 2.68",
    })
    void shouldRoundHalfAwayFromZeroWhenFormattingCurrents(double amps, String expected) {
        assertEquals(expected, Formats.twoDecimals(amps));
    }

    @Test
    void shouldAlwaysPrintTwoDecimalsWhenValueIsAnyCurrent() {
        qt().withFixedSeed(SEED).forAll(doubles().between(-1000, 1000))
                .check(a -> Formats.twoDecimals(a).matches("-?(0|[1-9][0-9]*)\\.[0-9]{2}")
                        && Math.abs(Double.parseDouble(Formats.twoDecimals(a)) - a) <= 0.005 + 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1e3|{\"topic\":\"set_breaker\",\"payload\":\"1e3\",\"reason\":\"not_an_integer\",\"expected\":\"6..100\"}",
        "a\\b|{\"topic\":\"set_breaker\",\"payload\":\"a\\\\\\\\b\",\"reason\":\"not_an_integer\",\"expected\":\"6..100\"}",
        "\"16\"|{\"topic\":\"set_breaker\",\"payload\":\"\\\"16\\\"\",\"reason\":\"not_an_integer\",\"expected\":\"6..100\"}",
    })
    void shouldEscapePayloadWhenBuildingErrorJson(String payload, String expected) {
        byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        assertEquals(expected, Formats.errorJson("set_breaker", bytes, bytes.length, "not_an_integer", "6..100", null));
    }

    @Test
    void shouldWriteLowerCaseHexWhenBytesAreNotPrintable() {
        byte[] bytes = {'1', 0, '6', '\n', (byte) 0xEF, 0x7F, '\t'};
        assertEquals("1\\x006\\x0a\\xef\\x7f\\x09", Formats.escapePayload(bytes, bytes.length));
    }

    @Test
    void shouldKeepFirst64BytesAndFlagTruncatedWhenPayloadIsLonger() {
        byte[] bytes = "9".repeat(100).getBytes(StandardCharsets.US_ASCII);
        assertEquals("{\"topic\":\"charger/2/set_c_limit\",\"payload\":\"" + "9".repeat(64)
                + "\",\"truncated\":true,\"reason\":\"too_long\",\"expected\":\"6..32\",\"detail\":\"x\"}",
                Formats.errorJson("charger/2/set_c_limit", bytes, bytes.length, "too_long", "6..32", "x"));
    }

    @Test
    void shouldEscapeDollarAndPercentWhenBuildingDollarList() {
        String list = new Formats.DollarList().put("ssid", "a$b%c").put("pass", "********").putJoined("P&C", "0")
                .toString();
        assertEquals("$ssid=a%24b%25c$$pass=********$$P&C0$", list);
    }

    @Test
    void shouldListSettingsInV11FormatWhenAskedForSettings() {
        var status = Statuses.status(java.util.List.of(1.0, 2.0, 3.0), Map.of("calibration", 544L, "timer7", 7L,
                "plugandcharge", 1L), Statuses.charger("1", 0.0, 0L, 0L, 0));
        assertEquals("$breaker=16$$calibration=54.40$$timers=2000:50000:10000:10000:10000:50000:30000:7:50000:"
                + "100000:50000:50000:100000:1000$$P&C1$$max_current16$", BridgeEngine.settingsList(status));
        assertEquals("{\"FW\":\"0.1.0\",\"B\":\"16\",\"MAXC\":\"16\",\"MINC\":\"6\",\"C\":\"54.40\",\"P&C\":\"1\","
                + "\"NWPC\":\"0\",\"DA\":\"1\"}", BridgeEngine.settingsJson(status));
        assertEquals("{\"T\":[2000,50000,10000,10000,10000,50000,30000,7,50000,100000,50000,50000,100000,1000,10000]}",
                BridgeEngine.timersJson(status));
    }
}
