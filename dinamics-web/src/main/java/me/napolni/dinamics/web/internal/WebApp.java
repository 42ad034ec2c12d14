package me.napolni.dinamics.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import me.napolni.dinamics.core.device.ChargerStatus;
import me.napolni.dinamics.core.device.CommandResult;
import me.napolni.dinamics.core.device.DeviceControl;
import me.napolni.dinamics.core.device.DeviceStatus;
import me.napolni.dinamics.core.settings.ParseResult;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.SettingParser;
import me.napolni.dinamics.core.settings.Violation;

/**
 * Routing, access and the handlers, free of any server library: a {@link WebRequest} in, a {@link WebResponse}
 * out. Only known paths are served, matched exactly on the raw path, so no encoding of {@code ..} or {@code /}
 * reaches anything. Every response carries the security headers.
 */
final class WebApp {

    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                    + "frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "same-origin",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()");

    static final String REASON_UNAUTHORIZED = "unauthorized";
    static final String REASON_CROSS_ORIGIN = "cross_origin";
    static final String REASON_UNKNOWN_KEY = "unknown_key";
    static final String REASON_UNKNOWN_CHARGER = "unknown_charger";
    static final String REASON_MALFORMED_JSON = "malformed_json";
    static final String REASON_NOT_AN_OBJECT = "not_an_object";
    static final String REASON_TIMEOUT = "timeout";
    static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON_TYPE = "application/json";
    private static final int SESSION_MAX_AGE_S = 30 * 24 * 3600;
    private static final long MS_PER_MINUTE = 60_000;

    private final DeviceControl device;
    private final AccessGuard guard;
    private final StaticAssets assets;
    private final SampleHistory history;
    private final EventHub hub;
    private final Supplier<String> metrics;
    private final Clock clock;
    private final long commandTimeoutMs;
    private final int historyMinutes;
    private final long samplePeriodMs;

    WebApp(DeviceControl device, AccessGuard guard, StaticAssets assets, SampleHistory history, EventHub hub,
            Supplier<String> metrics, Clock clock, long commandTimeoutMs, int historyMinutes, long samplePeriodMs) {
        this.device = device;
        this.guard = guard;
        this.assets = assets;
        this.history = history;
        this.hub = hub;
        this.metrics = metrics;
        this.clock = clock;
        this.commandTimeoutMs = commandTimeoutMs;
        this.historyMinutes = historyMinutes;
        this.samplePeriodMs = samplePeriodMs;
    }

    /** Answers one request; never throws. */
    WebResponse handle(WebRequest request) {
        WebResponse response;
        try {
            response = route(request);
        } catch (RuntimeException e) {
            System.getLogger(WebApp.class.getName()).log(System.Logger.Level.WARNING,
                    "request " + request.method() + " " + request.path() + " failed", e);
            response = WebResponse.json(500, StatusJson.error("internal_error"));
        }
        return secure(response);
    }

    /** Null when the request may open a live-event stream, else the refusal. */
    WebResponse checkEvents(WebRequest request) {
        if (!request.method().equals("GET")) {
            return secure(methodNotAllowed("GET"));
        }
        if (!guard.mayRead(request)) {
            return secure(unauthorized());
        }
        if (hub.isFull()) {
            return secure(WebResponse.json(503, StatusJson.error("too_many_streams")));
        }
        return null;
    }

    /** The first events of a new stream: the state now, so that a page needs nothing else to start. */
    List<String[]> greeting() {
        DeviceStatus status = device.status();
        return List.of(new String[] {"status", StatusJson.write(StatusJson.status(status))},
                new String[] {"settings", StatusJson.write(StatusJson.settings(status))});
    }

    static WebResponse secure(WebResponse response) {
        SECURITY_HEADERS.forEach(response::header);
        response.headers().putIfAbsent("Cache-Control", "no-store");
        return response;
    }

    private WebResponse route(WebRequest request) {
        switch (request.path()) {
            case "/":
                return page(request);
            case "/login":
                return login(request);
            case "/logout":
                return logout(request);
            case "/api/status":
                return readJson(request, () -> StatusJson.status(device.status()));
            case "/api/settings":
                if (request.method().equals("PUT")) {
                    return putSettings(request);
                }
                return isGet(request) ? readJson(request, () -> StatusJson.settings(device.status()))
                        : methodNotAllowed("GET, PUT");
            case "/api/settings/schema":
                return readJson(request, StatusJson::schema);
            case "/api/history":
                return history(request);
            case "/api/session":
                return readJson(request, () -> {
                    ObjectNode json = StatusJson.object();
                    json.put("signed_in", guard.hasCredential(request));
                    json.put("may_change", guard.mayWrite(request));
                    return json;
                });
            case "/api/command":
                return command(request);
            case "/metrics":
                return metrics(request);
            default:
                return asset(request);
        }
    }

    private WebResponse page(WebRequest request) {
        if (!isGet(request)) {
            return methodNotAllowed("GET");
        }
        if (!guard.mayRead(request)) {
            return WebResponse.redirect("/login");
        }
        StaticAssets.Asset page = assets.find("/");
        return WebResponse.of(200, page.contentType(), page.bytes());
    }

    private WebResponse asset(WebRequest request) {
        StaticAssets.Asset asset = assets.find(request.path());
        if (asset == null || !StaticAssets.isPublic(request.path())) {
            return WebResponse.json(404, StatusJson.error("not_found"));
        }
        if (!isGet(request)) {
            return methodNotAllowed("GET");
        }
        return WebResponse.of(200, asset.contentType(), asset.bytes()).header("Cache-Control", "no-cache");
    }

    private WebResponse login(WebRequest request) {
        StaticAssets.Asset page = assets.find("/login");
        if (isGet(request)) {
            return WebResponse.of(200, page.contentType(), page.bytes());
        }
        if (!request.method().equals("POST")) {
            return methodNotAllowed("GET, POST");
        }
        if (!AccessGuard.isSameOrigin(request)) {
            return WebResponse.json(403, StatusJson.error(REASON_CROSS_ORIGIN));
        }
        if (!request.mediaType().equals(FORM)) {
            return unsupportedMediaType(FORM);
        }
        String token;
        try {
            token = WebRequest.formFields(request.bodyText()).getOrDefault("token", "");
        } catch (IllegalArgumentException e) {
            token = "";
        }
        if (!guard.tokenMatches(token.trim())) {
            String html = new String(page.bytes(), StandardCharsets.UTF_8)
                    .replace("class=\"error\" hidden", "class=\"error\"");
            return WebResponse.of(401, page.contentType(), html.getBytes(StandardCharsets.UTF_8));
        }
        return WebResponse.redirect("/").header("Set-Cookie", AccessGuard.SESSION_COOKIE + "="
                + guard.sessionValue() + "; Path=/; Max-Age=" + SESSION_MAX_AGE_S + "; HttpOnly; SameSite=Strict");
    }

    private WebResponse logout(WebRequest request) {
        if (!request.method().equals("POST")) {
            return methodNotAllowed("POST");
        }
        if (!AccessGuard.isSameOrigin(request)) {
            return WebResponse.json(403, StatusJson.error(REASON_CROSS_ORIGIN));
        }
        return WebResponse.redirect("/login").header("Set-Cookie",
                AccessGuard.SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    private WebResponse readJson(WebRequest request, Supplier<JsonNode> body) {
        if (!isGet(request)) {
            return methodNotAllowed("GET");
        }
        if (!guard.mayRead(request)) {
            return unauthorized();
        }
        return WebResponse.json(200, StatusJson.write(body.get()));
    }

    private WebResponse metrics(WebRequest request) {
        if (!isGet(request)) {
            return methodNotAllowed("GET");
        }
        if (!guard.mayRead(request)) {
            return unauthorized();
        }
        return WebResponse.of(200, METRICS_CONTENT_TYPE, metrics.get().getBytes(StandardCharsets.UTF_8));
    }

    private WebResponse history(WebRequest request) {
        if (!isGet(request)) {
            return methodNotAllowed("GET");
        }
        if (!guard.mayRead(request)) {
            return unauthorized();
        }
        String expected = "1.." + historyMinutes;
        String text;
        try {
            text = request.queryFields().getOrDefault("minutes", Integer.toString(historyMinutes));
        } catch (IllegalArgumentException e) {
            return WebResponse.json(400, StatusJson.errors(List.of(
                    StatusJson.error("minutes", null, Violation.NOT_AN_INTEGER, expected))));
        }
        String reason = null;
        long minutes = 0;
        if (!text.matches("0|[1-9][0-9]{0,8}")) {
            reason = text.matches("-?[0-9]+") && !text.matches("-0|0[0-9]+|-0[0-9]*") ? Violation.OUT_OF_RANGE
                    : Violation.NOT_AN_INTEGER;
        } else {
            minutes = Long.parseLong(text);
            if (minutes < 1 || minutes > historyMinutes) {
                reason = Violation.OUT_OF_RANGE;
            }
        }
        if (reason != null) {
            return WebResponse.json(400, StatusJson.errors(List.of(
                    StatusJson.error("minutes", text, reason, expected))));
        }
        ObjectNode json = history.since(clock.millis() - minutes * MS_PER_MINUTE);
        json.put("period_ms", samplePeriodMs);
        return WebResponse.json(200, StatusJson.write(json));
    }

    /** {@code PUT /api/settings}: every value checked, every problem listed, applied all together or not at all. */
    private WebResponse putSettings(WebRequest request) {
        WebResponse refused = checkWrite(request);
        if (refused != null) {
            return refused;
        }
        JsonNode root;
        try {
            root = StatusJson.parse(request.body());
        } catch (IOException e) {
            return WebResponse.json(400, StatusJson.error(REASON_MALFORMED_JSON));
        }
        if (root == null || !root.isObject()) {
            return WebResponse.json(400, StatusJson.error(REASON_NOT_AN_OBJECT));
        }
        if (root.isEmpty()) {
            return WebResponse.json(400, StatusJson.error(Violation.EMPTY));
        }
        List<ObjectNode> errors = new ArrayList<>();
        Map<String, Long> numbers = new LinkedHashMap<>();
        Map<String, String> payloads = new LinkedHashMap<>();
        String delayTimer = null;
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            String payload = payloadOf(field.getValue());
            Optional<SettingKey> key = SettingKey.ofKey(name).filter(StatusJson::isEditable);
            if (key.isEmpty()) {
                errors.add(StatusJson.error(name, payload, REASON_UNKNOWN_KEY, null));
                continue;
            }
            ParseResult parsed = SettingParser.parse(key.get(), payload);
            if (!parsed.ok()) {
                errors.add(violation(parsed.violation(), payload));
            } else if (key.get() == SettingKey.DELAY_TIMER) {
                delayTimer = payload;
            } else {
                numbers.put(name, parsed.value());
                payloads.put(name, payload);
            }
        }
        if (!numbers.isEmpty()) {
            for (Map.Entry<String, CommandResult> entry : device.validate(numbers).entrySet()) {
                CommandResult result = entry.getValue();
                errors.add(StatusJson.error(entry.getKey(), payloads.get(entry.getKey()), result.reason(),
                        result.expected()));
            }
        }
        if (!errors.isEmpty()) {
            return WebResponse.json(400, StatusJson.errors(errors));
        }
        ObjectNode applied = StatusJson.object();
        if (!numbers.isEmpty()) {
            CommandResult result = await(device.setAll(numbers));
            if (!result.ok()) {
                return rejected(null, null, result);
            }
            numbers.forEach(applied::put);
        }
        if (delayTimer != null) {
            CommandResult result = await(device.setDelayTimer(DeviceControl.PRIMARY, delayTimer));
            if (!result.ok()) {
                return rejected(SettingKey.DELAY_TIMER.key(), delayTimer, result);
            }
            applied.put(SettingKey.DELAY_TIMER.key(), result.value());
        }
        ObjectNode json = StatusJson.object();
        json.set("applied", applied);
        return WebResponse.json(200, StatusJson.write(json));
    }

    /** {@code POST /api/command}: one charger's command or setting, e.g. enable, sleep or a session limit. */
    private WebResponse command(WebRequest request) {
        if (!request.method().equals("POST")) {
            return methodNotAllowed("POST");
        }
        WebResponse refused = checkWrite(request);
        if (refused != null) {
            return refused;
        }
        JsonNode root;
        try {
            root = StatusJson.parse(request.body());
        } catch (IOException e) {
            return WebResponse.json(400, StatusJson.error(REASON_MALFORMED_JSON));
        }
        if (root == null || !root.isObject()) {
            return WebResponse.json(400, StatusJson.error(REASON_NOT_AN_OBJECT));
        }
        List<ObjectNode> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!List.of("charger", "key", "value").contains(field.getKey())) {
                errors.add(StatusJson.error(field.getKey(), payloadOf(field.getValue()), REASON_UNKNOWN_KEY, null));
            }
        }
        JsonNode chargerNode = root.get("charger");
        String chargerId = chargerNode == null || chargerNode.isNull() ? DeviceControl.PRIMARY : chargerNode.asText();
        if (chargerNode != null && !chargerNode.isNull() && (!chargerNode.isTextual() || !hasCharger(chargerId))) {
            errors.add(StatusJson.error("charger", payloadOf(chargerNode), REASON_UNKNOWN_CHARGER, null));
        }
        JsonNode keyNode = root.get("key");
        String name = keyNode == null ? "" : keyNode.asText();
        Optional<SettingKey> key = keyNode != null && keyNode.isTextual()
                ? SettingKey.ofKey(name).filter(StatusJson::isCommand) : Optional.empty();
        String payload = payloadOf(root.get("value"));
        ParseResult parsed = null;
        if (key.isEmpty()) {
            errors.add(StatusJson.error(name, payload, REASON_UNKNOWN_KEY, null));
        } else {
            parsed = SettingParser.parse(key.get(), payload);
            if (!parsed.ok()) {
                errors.add(violation(parsed.violation(), payload));
            }
        }
        if (!errors.isEmpty()) {
            return WebResponse.json(400, StatusJson.errors(errors));
        }
        CommandResult result = key.get() == SettingKey.DELAY_TIMER
                ? await(device.setDelayTimer(chargerId, payload))
                : await(device.set(chargerId, name, parsed.value()));
        if (!result.ok()) {
            return rejected(name, payload, result);
        }
        ObjectNode json = StatusJson.object();
        json.put("key", name);
        json.put("value", result.value());
        return WebResponse.json(200, StatusJson.write(json));
    }

    private WebResponse checkWrite(WebRequest request) {
        if (!guard.hasCredential(request) && !guard.isOpenLoopback(request)) {
            return unauthorized();
        }
        if (!guard.mayWrite(request)) {
            return WebResponse.json(403, StatusJson.error(REASON_CROSS_ORIGIN));
        }
        if (!request.mediaType().equals(JSON_TYPE)) {
            return unsupportedMediaType(JSON_TYPE);
        }
        return null;
    }

    private boolean hasCharger(String id) {
        for (ChargerStatus charger : device.status().chargers()) {
            if (charger.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private CommandResult await(CompletionStage<CommandResult> stage) {
        try {
            return stage.toCompletableFuture().get(commandTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return CommandResult.rejected(REASON_TIMEOUT, null, "no outcome within " + commandTimeoutMs + " ms");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the gateway failed a command", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CommandResult.rejected(REASON_TIMEOUT, null, "interrupted");
        }
    }

    private static WebResponse rejected(String key, String payload, CommandResult result) {
        ObjectNode error = StatusJson.error(key, payload, result.reason(), result.expected());
        error.put("detail", result.detail());
        return WebResponse.json(statusFor(result.reason()), StatusJson.errors(List.of(error)));
    }

    /**
     * The reason words of TOPICS.md 2 mapped onto HTTP: bad input 400, the gateway busy 503, late 504, a setting that
     * could not be persisted 507 (docs/api.md), a failure inside the gateway 500, else 409.
     */
    static int statusFor(String reason) {
        switch (reason) {
            case Violation.TOO_LONG:
            case Violation.EMPTY:
            case Violation.BAD_BYTES:
            case Violation.NOT_AN_INTEGER:
            case Violation.OUT_OF_RANGE:
            case Violation.INCONSISTENT:
            case Violation.NOT_A_TIME:
            case REASON_UNKNOWN_KEY:
            case REASON_UNKNOWN_CHARGER:
            case "not_a_command":
            case "not_allowed":
                return 400;
            case "busy":
            case "overloaded":
                return 503;
            case "evse_timeout":
            case REASON_TIMEOUT:
                return 504;
            case "storage_error":
                return 507;
            case "internal_error":
                return 500;
            default:
                return 409;
        }
    }

    private static ObjectNode violation(Violation violation, String payload) {
        return StatusJson.error(violation.key().key(), payload, violation.reason(), violation.expected());
    }

    /**
     * The text the parser judges, as MQTT would receive it: a JSON string as is, a number as written; anything
     * else (true, null, objects) as its JSON text, which no setting accepts.
     */
    static String payloadOf(JsonNode value) {
        if (value == null) {
            return "";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        return value.toString();
    }

    private static boolean isGet(WebRequest request) {
        return request.method().equals("GET") || request.method().equals("HEAD");
    }

    private static WebResponse unauthorized() {
        return WebResponse.json(401, StatusJson.error(REASON_UNAUTHORIZED))
                .header("WWW-Authenticate", "Bearer realm=\"dinamics\"");
    }

    private static WebResponse methodNotAllowed(String allow) {
        return WebResponse.json(405, StatusJson.error("method_not_allowed")).header("Allow", allow);
    }

    private static WebResponse unsupportedMediaType(String wanted) {
        return WebResponse.json(415, StatusJson.error("unsupported_media_type")).header("Accept", wanted);
    }
}
