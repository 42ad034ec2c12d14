package me.napolni.dinamics.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebServerTest {

    static final String TOKEN = "test-token-4f9c2a7e1b";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private FakeDevice device;
    private WebServer server;
    private Http http;

    @BeforeEach
    void start() {
        device = new FakeDevice();
        server = WebServer.start(device, WebConfig.of(() -> TOKEN).withSamplePeriodMs(100));
        http = new Http(server.uri(), TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static Set<String> reasonsOf(HttpResponse<String> response) throws IOException {
        Set<String> reasons = new HashSet<>();
        for (JsonNode error : json(response).get("errors")) {
            reasons.add(error.get("key").asText() + ":" + error.get("reason").asText());
        }
        return reasons;
    }

    // ---------- status, settings, schema ----------

    @Test
    void shouldServeStatusWithSnapshotFieldNamesWhenAuthorized() throws Exception {
        device.mains(12.5, null, 3.0);
        HttpResponse<String> response = http.get("/api/status");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode status = json(response);
        for (String field : List.of("ts", "serial", "fw", "mains", "mains_age_ms", "breaker", "c_limit",
                "c_min_limit", "max_charging_current", "pilot_current", "charging_current", "active_phases",
                "no_of_phases", "power", "energy", "enable", "enable_intent", "evse_state", "state", "connection",
                "plugandcharge", "dinamics", "nwpc", "failsafe", "stop_reason", "t_limit", "e_limit", "e_limit_kwh",
                "delay_timer", "chargers")) {
            assertTrue(status.has(field), "snapshot field " + field + " missing in " + status);
        }
        assertEquals(12.5, status.get("mains").get(0).asDouble());
        assertTrue(status.get("mains").get(1).isNull(), "an unmeasured phase is null");
        assertEquals(16, status.get("breaker").asInt());
        assertEquals("TESTSERIAL01", status.get("serial").asText());
        assertEquals("1", status.get("chargers").get(0).get("id").asText());
    }

    @Test
    void shouldServeSettingsAndSchemaFromTheCoreTable() throws Exception {
        JsonNode settings = json(http.get("/api/settings"));
        assertEquals(16, settings.get("breaker").asInt());
        assertEquals(16, settings.get("c_limit").asInt());
        assertEquals("off", settings.get("delay_timer").asText());
        JsonNode schema = json(http.get("/api/settings/schema"));
        boolean found = false;
        for (JsonNode entry : schema.get("settings")) {
            SettingKey key = SettingKey.ofKey(entry.get("key").asText()).orElseThrow();
            if (entry.has("min")) {
                assertEquals(key.minimum(), entry.get("min").asLong());
                assertEquals(key.maximum(), entry.get("max").asLong());
            }
            assertEquals(key.unit().symbol(), entry.get("unit").asText());
            found |= key == SettingKey.C_LIMIT && entry.get("editable").asBoolean();
        }
        assertTrue(found, "c_limit is editable in the schema");
    }

    // ---------- PUT /api/settings ----------

    @Test
    void shouldAnswerInsufficientStorageAndChangeNothingWhenSettingsCannotBePersisted() throws Exception {
        device.storageFull(true);
        HttpResponse<String> all = http.putJson("/api/settings", "{\"breaker\":20}");
        assertEquals(507, all.statusCode(), all.body());
        JsonNode error = json(all).get("errors").get(0);
        assertEquals("storage_error", error.get("reason").asText());
        assertEquals("disk_full", error.get("detail").asText());
        HttpResponse<String> one = http.postJson("/api/command", "{\"key\":\"enable\",\"value\":3}");
        assertEquals(507, one.statusCode(), one.body());
        assertEquals(16, json(http.get("/api/settings")).get("breaker").asInt());
        assertEquals(List.of(), device.accepted());
    }

    @Test
    void shouldApplySettingsWhenEveryValueIsValid() throws Exception {
        HttpResponse<String> response = http.putJson("/api/settings",
                "{\"c_limit\":20,\"breaker\":\"25\",\"delay_timer\":\"22:00-06:00\"}");
        assertEquals(200, response.statusCode(), response.body());
        Settings now = device.settings();
        assertEquals(20, now.cLimitAmps());
        assertEquals(25, now.breakerAmps());
        assertEquals("22:00-06:00", now.primary().delayTimer().payload());
        assertEquals(List.of(Map.of("c_limit", "20", "breaker", "25"), Map.of("delay_timer", "22:00-06:00")),
                device.accepted());
    }

    @Test
    void shouldListEveryViolationAndChangeNothingWhenAnyValueIsBad() throws Exception {
        HttpResponse<String> response = http.putJson("/api/settings", "{\"breaker\":101,\"c_limit\":\"abc\","
                + "\"timer1\":0,\"bogus\":1,\"delay_timer\":\"25:00-06:00\",\"calibration\":16.0,\"plugandcharge\":1}");
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(Set.of("breaker:out_of_range", "c_limit:not_an_integer", "timer1:out_of_range",
                "bogus:unknown_key", "delay_timer:not_a_time", "calibration:not_an_integer"), reasonsOf(response));
        JsonNode breaker = json(response).get("errors").get(0);
        assertEquals("6..100", breaker.get("expected").asText());
        assertEquals("101", breaker.get("payload").asText());
        assertTrue(device.accepted().isEmpty(), "nothing applied: " + device.accepted());
        assertEquals(Settings.defaults(), device.settings());
    }

    @Test
    void shouldReportInconsistentWhenMinimumWouldExceedLimit() throws Exception {
        HttpResponse<String> response = http.putJson("/api/settings", "{\"c_limit\":10,\"c_min_limit\":12}");
        assertEquals(400, response.statusCode());
        assertEquals(Set.of("c_limit:inconsistent", "c_min_limit:inconsistent"), reasonsOf(response));
        assertTrue(device.accepted().isEmpty());
    }

    static Stream<Arguments> mqttPayloads() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("\"\"", "empty"));
        for (String text : List.of("abc", "1e3", "16.0", "007", "007x", "+16", " 16", "16 ", "0x10", "-0",
                "{\\\"value\\\":16}")) {
            cases.add(Arguments.of("\"" + text + "\"", "not_an_integer"));
        }
        cases.add(Arguments.of("\"16\\n\"", "bad_bytes"));
        cases.add(Arguments.of("\"1\\u00006\"", "bad_bytes"));
        cases.add(Arguments.of("\"\uff11\uff16\"", "bad_bytes"));
        for (String text : List.of("-5", "5", "101", "99999999999999999999")) {
            cases.add(Arguments.of("\"" + text + "\"", "out_of_range"));
            cases.add(Arguments.of(text, "out_of_range"));
        }
        cases.add(Arguments.of("\"" + "1".repeat(65) + "\"", "too_long"));
        cases.add(Arguments.of("16.0", "not_an_integer"));
        cases.add(Arguments.of("1e3", "not_an_integer"));
        cases.add(Arguments.of("true", "not_an_integer"));
        cases.add(Arguments.of("null", "not_an_integer"));
        cases.add(Arguments.of("[16]", "not_an_integer"));
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("mqttPayloads")
    void shouldGiveMqttReasonWhenBreakerValueIsBad(String jsonValue, String reason) throws Exception {
        HttpResponse<String> response = http.putJson("/api/settings", "{\"breaker\":" + jsonValue + "}");
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(Set.of("breaker:" + reason), reasonsOf(response));
        assertTrue(device.accepted().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"breaker\":16", "{\"breaker\":16} x", "{\"breaker\":16,\"breaker\":17}",
        "breaker=16", "\u0000\u0001"})
    void shouldRefuseMalformedJsonAndChangeNothing(String body) throws Exception {
        HttpResponse<String> response = http.putJson("/api/settings", body);
        assertEquals(400, response.statusCode(), body);
        assertEquals(Set.of("null:malformed_json"), reasonsOf(response));
        assertTrue(device.accepted().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "16", "\"breaker\"", "null"})
    void shouldRefuseJsonThatIsNotAnObject(String body) throws Exception {
        HttpResponse<String> response = http.putJson("/api/settings", body);
        assertEquals(400, response.statusCode(), body);
        assertEquals(Set.of("null:not_an_object"), reasonsOf(response));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/jsonx"})
    void shouldRefuseWrongContentTypeWhenWriting(String type) throws Exception {
        HttpResponse<String> response = Http.send(http.authorized("/api/settings").header("Content-Type", type)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"breaker\":20}")).build());
        assertEquals(415, response.statusCode());
        assertEquals(16, device.settings().breakerAmps());
    }

    @Test
    void shouldRefuseOversizedBodyBeforeReadingIt() throws Exception {
        String head = "PUT /api/settings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n";
        String response = Http.raw(server.port(), head, new byte[0]);
        assertEquals(413, Http.status(response), response);
        assertTrue(device.accepted().isEmpty());
    }

    @Test
    void shouldRefuseOversizedChunkedBody() throws Exception {
        StringBuilder body = new StringBuilder("{\"breaker\":20,\"pad\":\"");
        body.append("x".repeat(40_000)).append("\"}");
        byte[] bytes = body.toString().getBytes(StandardCharsets.US_ASCII);
        String chunked = Integer.toHexString(bytes.length) + "\r\n" + body + "\r\n0\r\n\r\n";
        String head = "PUT /api/settings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        String response = Http.raw(server.port(), head, chunked.getBytes(StandardCharsets.US_ASCII));
        assertEquals(413, Http.status(response), response);
        assertEquals(16, device.settings().breakerAmps());
    }

    @Test
    void shouldAcceptBodyJustBelowTheLimit() throws Exception {
        String padding = " ".repeat(WebConfig.DEFAULT_MAX_BODY_BYTES - 20);
        HttpResponse<String> response = http.putJson("/api/settings", "{\"breaker\":20}" + padding);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(20, device.settings().breakerAmps());
    }

    // ---------- access ----------

    @Test
    void shouldRefuseEverythingWithoutTokenWhenNotOpen() throws Exception {
        for (String path : List.of("/api/status", "/api/session", "/api/settings", "/api/settings/schema",
                "/api/history",
                "/api/events", "/metrics")) {
            HttpResponse<String> response = http.getAnonymous(path);
            assertEquals(401, response.statusCode(), path);
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), path);
        }
        HttpResponse<String> page = http.getAnonymous("/");
        assertEquals(303, page.statusCode());
        assertEquals("/login", page.headers().firstValue("Location").orElse(""));
        assertEquals(200, http.getAnonymous("/login").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "wrong", "test-token-4f9c2a7e1", "test-token-4f9c2a7e1b0", "TEST-TOKEN-4F9C2A7E1B"})
    void shouldRefuseChangeWithWrongToken(String token) throws Exception {
        HttpResponse<String> response = Http.send(http.request("/api/settings")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"breaker\":20}")).build());
        assertEquals(401, response.statusCode());
        HttpResponse<String> command = Http.send(http.request("/api/command")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"enable\",\"value\":1}")).build());
        assertEquals(401, command.statusCode());
        assertTrue(device.accepted().isEmpty());
    }

    @Test
    void shouldRefuseEverythingWhenNoTokenIsSet() throws Exception {
        try (WebServer open = WebServer.start(device, WebConfig.of(() -> null))) {
            Http anyone = new Http(open.uri(), "");
            assertEquals(401, anyone.get("/api/status").statusCode());
            assertEquals(401, anyone.putJson("/api/settings", "{\"breaker\":20}").statusCode());
        }
    }

    @Test
    void shouldLetLoopbackReadAndChangeButNotOtherSitesWhenOpenOnLoopback() throws Exception {
        try (WebServer open = WebServer.start(device, WebConfig.of(() -> TOKEN).withOpenOnLoopback(true))) {
            Http local = new Http(open.uri(), TOKEN);
            assertEquals(200, local.getAnonymous("/api/status").statusCode());
            assertEquals(200, local.getAnonymous("/").statusCode());
            assertFalse(json(local.getAnonymous("/api/session")).get("signed_in").asBoolean());
            assertTrue(json(local.getAnonymous("/api/session")).get("may_change").asBoolean());
            assertTrue(json(local.get("/api/session")).get("signed_in").asBoolean());
            HttpResponse<String> foreign = Http.send(local.request("/api/settings")
                    .header("Content-Type", "application/json").header("Origin", "http://evil.example")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"breaker\":20}")).build());
            assertEquals(403, foreign.statusCode(), "another site's page: " + foreign.body());
            assertEquals(16, device.settings().breakerAmps());
            HttpResponse<String> change = Http.send(local.request("/api/settings")
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"breaker\":20}")).build());
            assertEquals(200, change.statusCode(), "the local simulator is open: " + change.body());
            assertEquals(20, device.settings().breakerAmps());
            String rebound = Http.raw(open.port(), "GET /api/status HTTP/1.1\r\nHost: evil.example:" + open.port()
                    + "\r\n\r\n", new byte[0]);
            assertEquals(401, Http.status(rebound), "a foreign Host header is not loopback: " + rebound);
        }
    }

    @Test
    void shouldLogInWithFormAndUseTheCookie() throws Exception {
        HttpResponse<String> wrong = Http.send(http.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=nope")).build());
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("id=\"login-error\" class=\"error\">"), "the error is shown");
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());

        HttpResponse<String> right = Http.send(http.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)).build());
        assertEquals(303, right.statusCode());
        String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertFalse(cookie.contains(TOKEN), "the cookie is not the token");
        String session = cookie.substring(0, cookie.indexOf(';'));

        assertEquals(200, Http.send(http.request("/api/status").header("Cookie", session).GET().build())
                .statusCode());
        HttpResponse<String> change = Http.send(http.request("/api/settings").header("Cookie", session)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"breaker\":30}")).build());
        assertEquals(200, change.statusCode());
        assertEquals(30, device.settings().breakerAmps());

        HttpResponse<String> crossSite = Http.send(http.request("/api/settings").header("Cookie", session)
                .header("Origin", "http://evil.example").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"breaker\":40}")).build());
        assertEquals(403, crossSite.statusCode());
        assertEquals(30, device.settings().breakerAmps());
        assertEquals(401, Http.send(http.request("/api/status").header("Cookie", session + "x").GET().build())
                .statusCode());
    }

    // ---------- paths ----------

    @ParameterizedTest
    @ValueSource(strings = {"/../api/status", "/%2e%2e/app.js", "/vendor/..%2f..%2fapp.js", "/api%2fstatus",
        "/vendor/%2e%2e/app.js", "/app.js/..", "//etc/passwd", "/vendor/", "/vendor", "/WEB-INF/web.xml",
        "/me/napolni/dinamics/web/ui/index.html", "/META-INF/maven/org.webjars.npm/uplot/pom.properties",
        "/index.html", "/..%5c..%5cetc/passwd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/status/", "/API/STATUS",
        "/app.js%00.html", "/./app.js"})
    void shouldServeNothingElseWhenPathIsNotExactlyKnown(String path) throws Exception {
        String response = Http.raw(server.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                + "Bearer " + TOKEN + "\r\n\r\n", new byte[0]);
        int status = Http.status(response);
        assertTrue(status == 404 || status == 400, path + " gave " + response);
        assertFalse(response.contains("\"serial\""), "no status leaked for " + path);
        assertFalse(response.contains("root:"), "no file leaked for " + path);
    }

    @Test
    void shouldServeAssetsWithTheirContentTypes() throws Exception {
        Map<String, String> types = Map.of("/app.js", "text/javascript", "/app.css", "text/css",
                "/vendor/uplot.js", "text/javascript", "/vendor/uplot.css", "text/css", "/favicon.svg",
                "image/svg+xml", "/login", "text/html", "/", "text/html");
        for (Map.Entry<String, String> entry : types.entrySet()) {
            HttpResponse<String> response = http.get(entry.getKey());
            assertEquals(200, response.statusCode(), entry.getKey());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(entry.getValue()),
                    entry.getKey() + " " + response.headers().firstValue("Content-Type"));
        }
        assertTrue(http.get("/vendor/uplot.js").body().contains("uPlot"));
    }

    @Test
    void shouldSendSecurityHeadersOnEveryKindOfResponse() throws Exception {
        for (HttpResponse<String> response : List.of(http.get("/"), http.get("/api/status"), http.get("/nope"),
                http.getAnonymous("/api/status"), http.get("/app.js"), http.putJson("/api/settings", "{"))) {
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'self'"), csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), csp);
            assertFalse(csp.contains("unsafe-inline"), csp);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals("same-origin", response.headers().firstValue("Referrer-Policy").orElse(""));
        }
    }

    @Test
    void shouldRefuseUnknownMethods() throws Exception {
        HttpResponse<String> response = Http.send(http.authorized("/api/settings").DELETE().build());
        assertEquals(405, response.statusCode());
        assertEquals("GET, PUT", response.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> head = Http.send(http.authorized("/api/status")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(405, Http.send(http.authorized("/api/command").GET().build()).statusCode());
        assertEquals(405, Http.send(http.authorized("/api/status")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()).statusCode());
    }

    @Test
    void shouldKeepStaticFilesFreeOfInlineScriptsAndStyles() throws Exception {
        for (String page : List.of("/", "/login")) {
            String html = http.get(page).body();
            assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), page + " has an inline script");
            assertFalse(html.contains("<style"), page + " has a style element");
            assertFalse(html.matches("(?s).*\\sstyle=.*"), page + " has a style attribute");
            assertFalse(html.matches("(?s).*\\son[a-z]+=.*"), page + " has an inline handler");
            assertFalse(html.contains("http://") || html.contains("https://"), page + " loads from elsewhere");
        }
    }

    // ---------- commands ----------

    @Test
    void shouldSendEnableAndSessionLimitCommands() throws Exception {
        HttpResponse<String> sleep = http.postJson("/api/command", "{\"key\":\"enable\",\"value\":3}");
        assertEquals(200, sleep.statusCode(), sleep.body());
        assertEquals(3, json(http.get("/api/status")).get("enable").asInt());
        HttpResponse<String> tooLong = http.postJson("/api/command", "{\"key\":\"t_limit\",\"value\":200}");
        assertEquals(400, tooLong.statusCode());
        assertEquals(Set.of("t_limit:out_of_range"), reasonsOf(tooLong));
        device.evseState(1);
        HttpResponse<String> idle = http.postJson("/api/command", "{\"key\":\"t_limit\",\"value\":4}");
        assertEquals(409, idle.statusCode());
        assertEquals(Set.of("t_limit:not_charging"), reasonsOf(idle));
        HttpResponse<String> unknown = http.postJson("/api/command",
                "{\"key\":\"breaker\",\"value\":20,\"charger\":\"9\"}");
        assertEquals(Set.of("breaker:unknown_key", "charger:unknown_charger"), reasonsOf(unknown));
        assertEquals(List.of(Map.of("enable", "3")), device.accepted());
    }

    // ---------- history, events, metrics ----------

    @Test
    void shouldReturnHistoryOfSamplesAndValidateMinutes() throws Exception {
        device.mains(9.0, 8.0, 7.0);
        await().atMost(PATIENCE).until(() -> json(http.get("/api/history?minutes=1")).get("ts").size() >= 3);
        JsonNode history = json(http.get("/api/history?minutes=5"));
        int last = history.get("ts").size() - 1;
        assertEquals(9.0, history.get("l1").get(last).asDouble());
        assertEquals(16, history.get("breaker").get(last).asInt());
        assertEquals(history.get("ts").size(), history.get("car").size());
        assertEquals(100, history.get("period_ms").asInt());
        for (String bad : List.of("0", "61", "-1", "abc", "1.5", "01", "99999999999999999999")) {
            HttpResponse<String> response = http.get("/api/history?minutes=" + bad);
            assertEquals(400, response.statusCode(), bad);
        }
        assertEquals(Set.of("minutes:out_of_range"), reasonsOf(http.get("/api/history?minutes=61")));
        assertEquals(Set.of("minutes:not_an_integer"), reasonsOf(http.get("/api/history?minutes=abc")));
    }

    @Test
    void shouldPushLiveEventsWhenStatusChanges() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = http.authorized("/api/events").GET().build();
        var pending = Http.client().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    assertEquals(200, response.statusCode());
                    assertTrue(response.headers().firstValue("Content-Type").orElse("")
                            .startsWith("text/event-stream"));
                    assertTrue(response.headers().firstValue("Content-Security-Policy").isPresent());
                    response.body().forEach(lines::add);
                });
        assertNotNull(pending);
        await().atMost(PATIENCE).until(() -> lines.contains("event:status") || lines.contains("event: status"));
        device.mains(21.75, 1.0, 2.0);
        await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(line -> line.startsWith("data:")
                && line.contains("\"mains\":[21.75,1.0,2.0]") && line.contains("\"car\"")));
        device.failsafe("stale");
        await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(line -> line.contains("\"failsafe\":\"stale\"")));
        pending.cancel(true);
    }

    @Test
    void shouldExposePrometheusMetricsAndTheHostsOwnMeters() throws Exception {
        device.mains(11.5, 2.0, 3.0);
        server.meterRegistry().counter("dinamics.setpoint.changes").increment(3);
        await().atMost(PATIENCE).until(() -> http.get("/metrics").body()
                .contains("dinamics_mains_current_amps{phase=\"L1\"} 11.5"));
        HttpResponse<String> metrics = http.get("/metrics");
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = metrics.body();
        assertTrue(text.contains("dinamics_charger_current_amps{charger=\"1\"} 10.0"), text);
        assertTrue(text.contains("dinamics_breaker_rating_amps 16.0"), text);
        assertTrue(text.contains("dinamics_failsafe_active 0.0"), text);
        assertTrue(text.contains("dinamics_setpoint_changes_total 3.0"), text);
    }

    @Test
    void shouldListEveryChargerAndCommandEachWhenSeveralShareTheBreaker() throws Exception {
        FakeDevice site = new FakeDevice(List.of("1", "garage"));
        try (WebServer two = WebServer.start(site, WebConfig.of(() -> TOKEN).withSamplePeriodMs(100))) {
            Http client = new Http(two.uri(), TOKEN);
            JsonNode chargers = json(client.get("/api/status")).get("chargers");
            assertEquals(2, chargers.size());
            assertEquals("garage", chargers.get(1).get("id").asText());
            HttpResponse<String> response = client.postJson("/api/command",
                    "{\"key\":\"c_limit\",\"value\":10,\"charger\":\"garage\"}");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(10, site.settings().charger("garage").cLimitAmps());
            assertEquals(16, site.settings().charger("1").cLimitAmps());
            await().atMost(PATIENCE).until(() -> client.get("/metrics").body()
                    .contains("dinamics_charger_limit_amps{charger=\"garage\"} 10.0"));
        }
    }

    @Test
    void shouldKeepSamplingWhenStatusReadsFail() throws Exception {
        device.failReads(3);
        device.mains(19.5, 1.0, 1.0);
        await().atMost(PATIENCE).until(() -> json(http.get("/api/history?minutes=1")).get("l1").toString()
                .contains("19.5"));
    }

    @Test
    void shouldRefuseStreamsBeyondTheLimit() throws Exception {
        try (WebServer small = WebServer.start(device, WebConfig.of(() -> TOKEN).withMaxEventStreams(1))) {
            Http client = new Http(small.uri(), TOKEN);
            List<String> lines = new CopyOnWriteArrayList<>();
            var first = Http.client().sendAsync(client.authorized("/api/events").GET().build(),
                    HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(lines::add));
            await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(line -> line.contains("status")));
            HttpResponse<String> second = client.get("/api/events");
            assertEquals(503, second.statusCode());
            first.cancel(true);
        }
    }

    @Test
    void shouldRefuseHugeHeadersAndChangeNothing() throws Exception {
        String head = "PUT /api/settings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nX-Pad: " + "a".repeat(40_000)
                + "\r\nContent-Length: 14\r\n\r\n";
        String response = Http.raw(server.port(), head, "{\"breaker\":20}".getBytes(StandardCharsets.US_ASCII));
        int status = Http.status(response);
        assertTrue(status == -1 || (status >= 400 && status < 500), "refused or cut: " + response);
        assertEquals(16, device.settings().breakerAmps());
    }

    @Test
    void shouldRefuseBadConfiguration() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WebConfig.of(() -> TOKEN).withPort(70_000));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WebConfig.of(() -> TOKEN).withMaxBodyBytes(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> WebServer.start(device, WebConfig.of(() -> TOKEN).withPort(server.port())));
    }

    @Test
    void shouldRemoveItsListenerWhenClosed() {
        assertEquals(1, device.listenerCount());
        server.close();
        assertEquals(0, device.listenerCount());
    }
}
