package me.napolni.dinamics.mqtt.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Payload formats of TOPICS.md section 1: 2-decimal currents, {@code $} lists, compact JSON, the error JSON. */
public final class Formats {

    /** One shared mapper: thread-safe once configured. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private Formats() {
    }

    /**
     * Formats a current with exactly 2 decimals, rounded half away from zero, never {@code -0.00}.
     *
     * @param amps the value
     * @return e.g. {@code 12.35}
     */
    public static String twoDecimals(double amps) {
        BigDecimal rounded = BigDecimal.valueOf(amps).setScale(2, RoundingMode.HALF_UP);
        if (rounded.signum() == 0) {
            return "0.00";
        }
        return rounded.toPlainString();
    }

    /**
     * Returns a current in hundredths of an amp, rounded as {@link #twoDecimals(double)} prints it.
     *
     * @param amps the value
     * @return hundredths of an amp
     */
    public static long centiamps(double amps) {
        return BigDecimal.valueOf(amps).setScale(2, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    /**
     * Escapes a value for a {@code $} list: {@code %} as {@code %25}, {@code $} as {@code %24}.
     *
     * @param value the raw value, or null for empty
     * @return the escaped value
     */
    public static String dollarEscape(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("%", "%25").replace("$", "%24");
    }

    /** Builds a {@code $key=value$$key=value$} list. */
    public static final class DollarList {
        private final StringBuilder text = new StringBuilder();

        /**
         * Adds {@code $key=value$}.
         *
         * @param key the key
         * @param value the value, escaped here; null for empty
         * @return this
         */
        public DollarList put(String key, String value) {
            text.append('$').append(key).append('=').append(dollarEscape(value)).append('$');
            return this;
        }

        /**
         * Adds an item without {@code =}, as V11's {@code P&C0} and {@code max_current16}.
         *
         * @param key the key
         * @param value the value, escaped here
         * @return this
         */
        public DollarList putJoined(String key, String value) {
            text.append('$').append(key).append(dollarEscape(value)).append('$');
            return this;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /**
     * Escapes the first 64 bytes of a payload for the error JSON (TOPICS.md section 2): bytes 0x20–0x7E kept
     * except {@code \} as {@code \\}, other bytes as {@code \xHH} in lower case.
     *
     * @param payload the payload (at least its first 64 bytes)
     * @param length its real length
     * @return the escaped text (before JSON encoding)
     */
    public static String escapePayload(byte[] payload, int length) {
        int n = Math.min(length, CommandParser.MAX_PAYLOAD_BYTES);
        StringBuilder out = new StringBuilder(n + 8);
        for (int i = 0; i < n; i++) {
            int b = payload[i] & 0xFF;
            if (b == '\\') {
                out.append("\\\\");
            } else if (b >= 0x20 && b <= 0x7E) {
                out.append((char) b);
            } else {
                out.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
            }
        }
        return out.toString();
    }

    /**
     * Builds the {@code ~/error} JSON.
     *
     * @param topic the command topic relative to {@code ~/}
     * @param payload the payload (at least its first 64 bytes)
     * @param length its real length
     * @param reason the reason word
     * @param expected what is accepted, or null to leave it out
     * @param detail free text, or null to leave it out
     * @return compact JSON
     */
    public static String errorJson(String topic, byte[] payload, int length, String reason, String expected,
            String detail) {
        ObjectNode node = JSON.createObjectNode();
        node.put("topic", topic);
        node.put("payload", escapePayload(payload, length));
        if (length > CommandParser.MAX_PAYLOAD_BYTES) {
            node.put("truncated", true);
        }
        node.put("reason", reason);
        if (expected != null) {
            node.put("expected", expected);
        }
        if (detail != null) {
            node.put("detail", detail);
        }
        return json(node);
    }

    /**
     * Writes a JSON tree compactly.
     *
     * @param node the tree
     * @return compact UTF-8 text
     */
    public static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
