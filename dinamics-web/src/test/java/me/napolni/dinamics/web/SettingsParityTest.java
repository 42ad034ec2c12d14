package me.napolni.dinamics.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.http.HttpResponse;
import me.napolni.dinamics.core.settings.ParseResult;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.SettingParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web judges any payload exactly as the core's parser (and so MQTT) does, and applies only what it accepts. */
class SettingsParityTest {

    private static final long SEED = 0x5EEDL;
    private static final String TOKEN = "parity-token-1c0ffee";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeDevice device;
    private WebServer server;
    private Http http;

    @BeforeEach
    void start() {
        device = new FakeDevice();
        server = WebServer.start(device, WebConfig.of(() -> TOKEN));
        http = new Http(server.uri(), TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> put(String key, JsonNode value) throws Exception {
        return http.putJson("/api/settings", "{\"" + key + "\":" + JSON.writeValueAsString(value) + "}");
    }

    @Test
    void shouldApplyExactlyTheValuesTheTableAcceptsWhenAnyIntegerIsSent() {
        qt().withFixedSeed(SEED).withExamples(150)
                .forAll(longs().between(-1_000, 1_000_000))
                .checkAssert(value -> {
                    try {
                        long before = device.settings().value(SettingKey.TIMER13);
                        HttpResponse<String> response = put("timer13", JsonNodeFactory.instance.numberNode(value));
                        boolean accepted = SettingKey.TIMER13.accepts(value);
                        assertEquals(accepted ? 200 : 400, response.statusCode(), response.body());
                        assertEquals(accepted ? value : before, device.settings().value(SettingKey.TIMER13));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void shouldGiveTheParsersReasonWhenAnyTextIsSent() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(strings().allPossible().ofLengthBetween(0, 6), integers().between(0, 2))
                .checkAssert((text, shape) -> {
                    String payload = shape == 0 ? text : shape == 1 ? "1" + text : text.trim();
                    try {
                        HttpResponse<String> response = put("breaker", JsonNodeFactory.instance.textNode(payload));
                        ParseResult expected = SettingParser.parse(SettingKey.BREAKER, payload);
                        if (expected.ok()) {
                            assertEquals(200, response.statusCode(), response.body());
                            assertEquals(expected.value(), device.settings().breakerAmps());
                        } else {
                            assertEquals(400, response.statusCode(), response.body());
                            assertEquals(expected.violation().reason(),
                                    JSON.readTree(response.body()).get("errors").get(0).get("reason").asText());
                        }
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
