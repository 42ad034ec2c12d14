package me.napolni.dinamics.web.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP response as the handlers build it; the server adapter writes it out. */
final class WebResponse {

    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private WebResponse(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    static WebResponse of(int status, String contentType, byte[] body) {
        return new WebResponse(status, contentType, body);
    }

    static WebResponse json(int status, String json) {
        return new WebResponse(status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    static WebResponse text(int status, String text) {
        return new WebResponse(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static WebResponse redirect(String location) {
        return new WebResponse(303, TEXT, new byte[0]).header("Location", location);
    }

    WebResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    byte[] body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }
}
