package me.napolni.dinamics.web.internal;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the handlers see it, free of any server library.
 *
 * @param method the method, upper case
 * @param path the raw (still percent-encoded) path, without the query; routes match it exactly
 * @param query the raw query string, or empty
 * @param headers header values by lower-case name (the first value of repeated headers)
 * @param body the body, at most the configured size
 * @param loopbackPeer true when the peer address is a loopback address
 */
record WebRequest(String method, String path, String query, Map<String, String> headers, byte[] body,
        boolean loopbackPeer) {

    WebRequest {
        headers = Map.copyOf(headers);
    }

    /** A request without body, for tests and the event stream. */
    static WebRequest of(String method, String path, Map<String, String> headers, boolean loopbackPeer) {
        int q = path.indexOf('?');
        return new WebRequest(method, q < 0 ? path : path.substring(0, q), q < 0 ? "" : path.substring(q + 1),
                headers, new byte[0], loopbackPeer);
    }

    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** The media type of the body without parameters, lower case, or empty. */
    String mediaType() {
        String value = headers.getOrDefault("content-type", "");
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    Map<String, String> cookies() {
        String value = headers.get("cookie");
        if (value == null) {
            return Map.of();
        }
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                cookies.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return Collections.unmodifiableMap(cookies);
    }

    /**
     * Decodes {@code application/x-www-form-urlencoded} text (a query or a form body).
     *
     * @throws IllegalArgumentException on a broken percent escape
     */
    static Map<String, String> formFields(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    Map<String, String> queryFields() {
        return formFields(query);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
