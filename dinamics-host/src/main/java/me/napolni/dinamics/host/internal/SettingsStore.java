package me.napolni.dinamics.host.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import me.napolni.dinamics.core.settings.ChangeResult;
import me.napolni.dinamics.core.settings.ChargerSettings;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.SettingScope;
import me.napolni.dinamics.core.settings.Settings;
import me.napolni.dinamics.core.settings.SettingsChange;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Settings changed at run time, kept in {@code settings.json} in the data folder.
 *
 * <p>A save writes {@code settings.json.tmp} and forces it to disk, keeps the current file as
 * {@code settings.json.prev} (a hard link renamed into place, so the current file never disappears), then renames
 * the new one over the current one (atomic) and forces the folder. Killed at any point, {@code settings.json} holds
 * the old settings or the new ones, and a reader never finds it missing. A load checks the file's format, its CRC-32 and every value against the settings table; a file that
 * fails is reported and the previous copy is used, then the defaults.
 */
public final class SettingsStore {

    /** The file name of the settings in force. */
    public static final String FILE_NAME = "settings.json";
    /** The suffix of the copy kept from before the last save. */
    public static final String PREVIOUS_SUFFIX = ".prev";
    /** The suffix of a save in progress. */
    public static final String TEMP_SUFFIX = ".tmp";
    /** The format number written into the file. */
    public static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path folder;
    private final Path current;
    private final Path previous;
    private final Path temp;
    private final Path previousTemp;
    private final List<String> chargerIds;

    /**
     * What a load found.
     *
     * @param settings the settings to use
     * @param source the file they came from, or {@code defaults}
     * @param problems what was wrong with the files passed over (empty when the current file was good)
     */
    public record Loaded(Settings settings, String source, List<String> problems) {
        /**
         * Copies the list.
         *
         * @param settings the settings
         * @param source where they came from
         * @param problems the problems
         */
        public Loaded {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Creates a store.
     *
     * @param folder the data folder (created on the first save)
     * @param chargerIds the configured charger ids, the primary first
     */
    public SettingsStore(Path folder, List<String> chargerIds) {
        this.folder = folder;
        this.current = folder.resolve(FILE_NAME);
        this.previous = folder.resolve(FILE_NAME + PREVIOUS_SUFFIX);
        this.temp = folder.resolve(FILE_NAME + TEMP_SUFFIX);
        this.previousTemp = folder.resolve(FILE_NAME + PREVIOUS_SUFFIX + TEMP_SUFFIX);
        this.chargerIds = List.copyOf(chargerIds);
    }

    /**
     * Returns the file of the settings in force.
     *
     * @return {@code <folder>/settings.json}
     */
    public Path file() {
        return current;
    }

    /**
     * Loads the settings: the current file, else the previous copy, else the defaults.
     *
     * @return the settings and what was wrong on the way
     */
    public Loaded load() {
        List<String> problems = new ArrayList<>();
        Settings fromCurrent = read(current, problems);
        if (fromCurrent != null) {
            return new Loaded(fromCurrent, current.toString(), problems);
        }
        Settings fromPrevious = read(previous, problems);
        if (fromPrevious != null) {
            return new Loaded(fromPrevious, previous.toString(), problems);
        }
        return new Loaded(Settings.defaults(chargerIds), "defaults", problems);
    }

    /**
     * Saves settings atomically; returns once they are on disk.
     *
     * @param settings the settings to keep
     * @throws IOException when the folder cannot be written; the files in force are then unchanged
     */
    public synchronized void save(Settings settings) throws IOException {
        byte[] bytes = encode(settings);
        Files.createDirectories(folder);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        if (Files.exists(current)) {
            // a link keeps the current file in place: a concurrent reader (or a restart) never falls back to .prev
            Files.deleteIfExists(previousTemp);
            try {
                Files.createLink(previousTemp, current);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(current, previousTemp);    // a file system without hard links (e.g. FAT)
            }
            move(previousTemp, previous);
        }
        move(temp, current);
        forceFolder();
    }

    /**
     * Encodes settings as the file's bytes: the values that differ from their defaults, and a CRC-32 over them.
     *
     * @param settings the settings
     * @return UTF-8 JSON
     */
    public static byte[] encode(Settings settings) {
        ObjectNode body = body(settings);
        ObjectNode file = MAPPER.createObjectNode();
        file.put("format", FORMAT);
        file.set("site", body.get("site"));
        file.set("chargers", body.get("chargers"));
        file.put("crc32", crc(body));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode settings", e);
        }
    }

    private static ObjectNode body(Settings settings) {
        ObjectNode site = MAPPER.createObjectNode();
        for (SettingKey key : SettingKey.values()) {
            if (key.persisted() && key.scope() == SettingScope.SITE && settings.value(key) != key.defaultValue()) {
                site.put(key.key(), settings.value(key));
            }
        }
        ObjectNode chargers = MAPPER.createObjectNode();
        for (ChargerSettings charger : settings.chargers()) {
            ObjectNode values = MAPPER.createObjectNode();
            for (SettingKey key : SettingKey.values()) {
                if (key.persisted() && key.scope() == SettingScope.CHARGER
                        && charger.value(key) != key.defaultValue()) {
                    values.put(key.key(), charger.value(key));
                }
            }
            chargers.set(charger.id(), values);
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.set("site", site);
        body.set("chargers", chargers);
        return body;
    }

    private static String crc(JsonNode body) {
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    private Settings read(Path file, List<String> problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            problems.add(file + ": missing");
            return null;
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + e.getMessage());
            return null;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            problems.add(file + ": corrupt (not JSON, " + bytes.length + " bytes): " + e.getMessage().split("\n")[0]);
            return null;
        }
        if (root == null || !root.isObject() || root.path("format").asInt(-1) != FORMAT
                || !root.path("site").isObject() || !root.path("chargers").isObject()
                || !root.path("crc32").isTextual()) {
            problems.add(file + ": corrupt (not a settings file of format " + FORMAT + ")");
            return null;
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.set("site", root.get("site"));
        body.set("chargers", root.get("chargers"));
        if (!crc(body).equals(root.get("crc32").textValue())) {
            problems.add(file + ": corrupt (CRC-32 mismatch)");
            return null;
        }
        SettingsChange change = Settings.defaults(chargerIds).change();
        for (Map.Entry<String, JsonNode> entry : root.get("site").properties()) {
            SettingKey key = SettingKey.ofKey(entry.getKey()).orElse(null);
            if (key == null || key.scope() != SettingScope.SITE || !key.persisted()
                    || !entry.getValue().canConvertToLong()) {
                problems.add(file + ": site." + entry.getKey() + " ignored (not a stored site setting)");
                continue;
            }
            change.set(key, entry.getValue().longValue());
        }
        for (Map.Entry<String, JsonNode> charger : root.get("chargers").properties()) {
            if (!chargerIds.contains(charger.getKey())) {
                problems.add(file + ": chargers." + charger.getKey() + " ignored (no such charger configured)");
                continue;
            }
            for (Map.Entry<String, JsonNode> entry : charger.getValue().properties()) {
                SettingKey key = SettingKey.ofKey(entry.getKey()).orElse(null);
                if (key == null || key.scope() != SettingScope.CHARGER || !entry.getValue().canConvertToLong()) {
                    problems.add(file + ": chargers." + charger.getKey() + "." + entry.getKey()
                            + " ignored (not a charger setting)");
                    continue;
                }
                change.set(charger.getKey(), key, entry.getValue().longValue());
            }
        }
        ChangeResult result = change.apply();
        if (!result.ok()) {
            problems.add(file + ": invalid values " + result.violations());
            return null;
        }
        return result.settings();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void forceFolder() {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot open a folder; the renames are still atomic there
        }
    }
}
