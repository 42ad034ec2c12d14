package me.napolni.dinamics.host.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A small JSON path: {@code $}, then {@code .name}, {@code ['name']} or {@code [index]} steps, e.g.
 * {@code $.current.l1}, {@code $.emeters[0].current} or {@code $['ENERGY']['Current'][2]}.
 */
public final class JsonPath {

    private final String text;
    private final List<Object> steps;

    private JsonPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = steps;
    }

    /**
     * Parses a path.
     *
     * @param text the path
     * @return the path
     * @throws IllegalArgumentException when it is not of the supported form
     */
    public static JsonPath parse(String text) {
        if (!text.startsWith("$")) {
            throw new IllegalArgumentException("a JSON path starts with $: " + text);
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw new IllegalArgumentException("empty name at " + i + " in " + text);
                }
                steps.add(text.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int end = text.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("missing ] in " + text);
                }
                String inside = text.substring(i + 1, end);
                if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    steps.add(inside.substring(1, inside.length() - 1));
                } else {
                    try {
                        steps.add(Integer.valueOf(Integer.parseInt(inside)));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("not an index or quoted name: [" + inside + "] in " + text,
                                e);
                    }
                }
                i = end + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + i + " in " + text);
            }
        }
        return new JsonPath(text, List.copyOf(steps));
    }

    /**
     * Finds the number the path points at.
     *
     * @param root the document
     * @return the number, or NaN when the path leads nowhere or not to a number
     */
    public double number(JsonNode root) {
        JsonNode node = root;
        for (Object step : steps) {
            if (node == null) {
                return Double.NaN;
            }
            node = step instanceof Integer ? node.get((Integer) step) : node.get((String) step);
        }
        if (node == null) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.textValue().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    @Override
    public String toString() {
        return text;
    }
}
