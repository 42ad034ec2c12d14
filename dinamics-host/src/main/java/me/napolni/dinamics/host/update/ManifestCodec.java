package me.napolni.dinamics.host.update;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes release manifests (Jackson stays in this class).
 * <pre>
 *   {"format": 1, "releases": [
 *     {"component": "program", "version": "1.4.0", "url": "dinamics-1.4.0.jar", "size": 18734112,
 *      "sha256": "9f86...", "signature": "base64..."}]}
 * </pre>
 * At most one release per component; unknown fields are ignored so later formats can add some.
 */
final class ManifestCodec {

    /** The manifest format this code reads and writes. */
    static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestCodec() {
    }

    /**
     * Parses a manifest.
     *
     * @param bytes the JSON document
     * @return its releases, at most one per component
     * @throws UpdateException {@code bad_manifest} naming what is wrong
     */
    static List<Release> parse(byte[] bytes) throws UpdateException {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, "not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, "not a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isIntegralNumber() || format.asInt() != FORMAT) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, "format must be " + FORMAT);
        }
        JsonNode releases = root.get("releases");
        if (releases == null || !releases.isArray()) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, "releases must be an array");
        }
        List<Release> result = new ArrayList<>();
        for (JsonNode entry : releases) {
            Release release = release(entry);
            for (Release seen : result) {
                if (seen.component().equals(release.component())) {
                    throw new UpdateException(UpdateException.BAD_MANIFEST,
                            "two releases of " + release.component());
                }
            }
            result.add(release);
        }
        return List.copyOf(result);
    }

    /**
     * Returns the release of one component.
     *
     * @param releases the manifest's releases
     * @param component the component
     * @return the release
     * @throws UpdateException {@code bad_manifest} when the manifest has none
     */
    static Release find(List<Release> releases, String component) throws UpdateException {
        for (Release release : releases) {
            if (release.component().equals(component)) {
                return release;
            }
        }
        throw new UpdateException(UpdateException.BAD_MANIFEST, "no release of " + component);
    }

    /**
     * Writes a manifest.
     *
     * @param releases the releases
     * @return the JSON document, UTF-8, indented
     */
    static byte[] write(List<Release> releases) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode array = root.putArray("releases");
        for (Release r : releases) {
            ObjectNode node = array.addObject();
            node.put("component", r.component());
            node.put("version", r.version());
            node.put("url", r.url());
            node.put("size", r.sizeBytes());
            node.put("sha256", r.sha256());
            node.put("signature", r.signature());
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a manifest", e);
        }
    }

    private static Release release(JsonNode entry) throws UpdateException {
        if (!entry.isObject()) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, "a release is not an object");
        }
        JsonNode size = entry.get("size");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong()) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, "size must be an integer");
        }
        try {
            return new Release(text(entry, "component"), text(entry, "version"), text(entry, "url"),
                    size.asLong(), text(entry, "sha256"), text(entry, "signature"));
        } catch (IllegalArgumentException e) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, e.getMessage());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String text(JsonNode entry, String field) throws UpdateException {
        JsonNode node = entry.get(field);
        if (node == null || !node.isTextual()) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, field + " must be a string");
        }
        return node.textValue();
    }
}
