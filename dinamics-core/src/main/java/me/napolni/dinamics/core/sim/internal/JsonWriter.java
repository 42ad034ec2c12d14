package me.napolni.dinamics.core.sim.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A small JSON writer for nested maps of strings, integers and doubles: the core has no dependencies, and the
 * scenario's output is nothing more than that.
 */
public final class JsonWriter {

    /** Decimals kept for a double in JSON. */
    public static final int JSON_DECIMALS = 4;

    private JsonWriter() {
    }

    /**
     * Writes a value as pretty-printed JSON.
     *
     * @param value a {@link Map} with string keys, a {@link String}, a {@link Number} or null
     * @return the JSON text, ending with a newline
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(1 << 16);
        append(out, value, 0);
        return out.append('\n').toString();
    }

    private static void append(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "\n" : ",\n");
                first = false;
                indent(out, depth + 1);
                string(out, String.valueOf(entry.getKey()));
                out.append(": ");
                append(out, entry.getValue(), depth + 1);
            }
            out.append('\n');
            indent(out, depth);
            out.append('}');
        } else if (value instanceof Double || value instanceof Float) {
            out.append(decimal(((Number) value).doubleValue(), JSON_DECIMALS));
        } else if (value instanceof Number) {
            out.append(value);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else {
            string(out, value.toString());
        }
    }

    /**
     * Formats a finite double with at most the given decimals, without exponent or trailing zeros.
     *
     * @param value a finite number
     * @param decimals the most decimals kept (half-up rounding)
     * @return its text, such as {@code 12.5} or {@code 0}
     * @throws IllegalArgumentException if the value is not finite
     */
    public static String decimal(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value);
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.toPlainString();
    }

    private static void indent(StringBuilder out, int depth) {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
