package me.napolni.dinamics.host.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object of the configuration file, read key by key with every problem collected rather than thrown.
 *
 * <p>Every read names the key it consumed; {@link #finish()} then reports the keys nobody read as unknown, so a
 * misspelt key is an error, never silently ignored. Problems are shared by all nodes of one file.
 */
public final class ConfigNode {

    private final ObjectNode node;
    private final String path;
    private final List<String> problems;
    private final Set<String> known = new LinkedHashSet<>();

    /**
     * Wraps an object.
     *
     * @param node the JSON object
     * @param path its key path, empty for the root
     * @param problems where problems go
     */
    public ConfigNode(ObjectNode node, String path, List<String> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /**
     * Returns the key path of a member.
     *
     * @param key the member
     * @return e.g. {@code mqtt.url}
     */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * Records a problem with a member.
     *
     * @param key the member
     * @param message what is wrong with it
     */
    public void problem(String key, String message) {
        problems.add(pathOf(key) + ": " + message);
    }

    /**
     * Tells whether a member is present and not null.
     *
     * @param key the member
     * @return true when present
     */
    public boolean has(String key) {
        known.add(key);
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /**
     * Reads a text member.
     *
     * @param key the member
     * @param fallback the value when absent or null
     * @return the text, or the fallback (also after a problem)
     */
    public String string(String key, String fallback) {
        JsonNode value = member(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual()) {
            problem(key, "expected a string, found " + describe(value));
            return fallback;
        }
        return value.textValue();
    }

    /**
     * Reads an integer member within a range.
     *
     * @param key the member
     * @param fallback the value when absent or null
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @return the value, or the fallback (also after a problem)
     */
    public long integer(String key, long fallback, long min, long max) {
        JsonNode value = member(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problem(key, "expected an integer " + min + ".." + max + ", found " + describe(value));
            return fallback;
        }
        long number = value.longValue();
        if (number < min || number > max) {
            problem(key, "out of range: " + number + " (expected " + min + ".." + max + ")");
            return fallback;
        }
        return number;
    }

    /**
     * Reads a number member within a range.
     *
     * @param key the member
     * @param fallback the value when absent or null
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @return the value, or the fallback (also after a problem)
     */
    public double number(String key, double fallback, double min, double max) {
        JsonNode value = member(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isNumber()) {
            problem(key, "expected a number " + min + ".." + max + ", found " + describe(value));
            return fallback;
        }
        double number = value.doubleValue();
        if (!(number >= min && number <= max)) {
            problem(key, "out of range: " + value.asText() + " (expected " + min + ".." + max + ")");
            return fallback;
        }
        return number;
    }

    /**
     * Reads a boolean member.
     *
     * @param key the member
     * @param fallback the value when absent or null
     * @return the value, or the fallback (also after a problem)
     */
    public boolean bool(String key, boolean fallback) {
        JsonNode value = member(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problem(key, "expected true or false, found " + describe(value));
            return fallback;
        }
        return value.booleanValue();
    }

    /**
     * Reads a text member that must be one of a few words.
     *
     * @param key the member
     * @param fallback the value when absent or null
     * @param allowed the accepted words
     * @return the word, or the fallback (also after a problem)
     */
    public String choice(String key, String fallback, List<String> allowed) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            problem(key, "unknown value \"" + value + "\" (expected one of " + String.join(", ", allowed) + ")");
            return fallback;
        }
        return value;
    }

    /**
     * Reads a list of texts.
     *
     * @param key the member
     * @return the texts; empty when absent or after a problem
     */
    public List<String> strings(String key) {
        JsonNode value = member(key);
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!value.isArray()) {
            problem(key, "expected an array of strings, found " + describe(value));
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (element.isTextual()) {
                result.add(element.textValue());
            } else {
                problems.add(pathOf(key) + "[" + i + "]: expected a string, found " + describe(element));
            }
        }
        return result;
    }

    /**
     * Reads an object member.
     *
     * @param key the member
     * @return the object, or null when absent or not an object (a problem then)
     */
    public ConfigNode object(String key) {
        JsonNode value = member(key);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            problem(key, "expected an object, found " + describe(value));
            return null;
        }
        return new ConfigNode((ObjectNode) value, pathOf(key), problems);
    }

    /**
     * Reads an array of objects.
     *
     * @param key the member
     * @return the objects; empty when absent or after a problem
     */
    public List<ConfigNode> objects(String key) {
        JsonNode value = member(key);
        List<ConfigNode> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!value.isArray()) {
            problem(key, "expected an array of objects, found " + describe(value));
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String elementPath = pathOf(key) + "[" + i + "]";
            if (element.isObject()) {
                result.add(new ConfigNode((ObjectNode) element, elementPath, problems));
            } else {
                problems.add(elementPath + ": expected an object, found " + describe(element));
            }
        }
        return result;
    }

    /** Reports every member that no read consumed as an unknown key. */
    public void finish() {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (!known.contains(key)) {
                problem(key, "unknown key (known here: " + String.join(", ", known) + ")");
            }
        }
    }

    private JsonNode member(String key) {
        known.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    private static String describe(JsonNode value) {
        JsonNodeType type = value.getNodeType();
        String text = value.toString();
        if (text.length() > 40) {
            text = text.substring(0, 40) + "...";
        }
        return type.name().toLowerCase(java.util.Locale.ROOT) + " " + text;
    }
}
