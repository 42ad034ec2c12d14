package me.napolni.dinamics.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import me.napolni.dinamics.core.settings.ChargerSettings;
import me.napolni.dinamics.host.internal.ConfigNode;
import me.napolni.dinamics.host.update.UpdateConfig;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gateway's installation: one JSON file, read and checked whole at start ({@code docs/configuration.md}).
 *
 * <p>Settings that change at run time (breaker, limits, timers) are not here: they live in the persisted settings
 * file in {@link #dataDir()}. {@link #load(Path)} lists every problem of the file at once and touches nothing.
 *
 * @param serial the MQTT serial, {@code [A-Za-z0-9_-]{1,32}}, or null for the host's MAC address
 * @param dataDir where persisted settings live
 * @param chargers the chargers on this breaker, the primary first
 * @param meter the mains measurement source
 * @param mqtt the MQTT connection, or a disabled one
 * @param homeAssistant Home Assistant discovery
 * @param web the local web UI
 * @param update where signed updates come from and go to ({@code docs/updates.md})
 */
public record HostConfig(
        String serial,
        Path dataDir,
        List<Charger> chargers,
        Meter meter,
        Mqtt mqtt,
        HomeAssistant homeAssistant,
        Web web,
        UpdateConfig update) {

    /** The RAPI line speed of every OpenEVSE controller. */
    public static final int DEFAULT_BAUD = 115_200;
    /** Where persisted settings go when the file names no folder. */
    public static final String DEFAULT_DATA_DIR = "/var/lib/dinamics";
    /** The default MQTT topic root. */
    public static final String DEFAULT_ROOT = "Dinamics";
    /** The default web port. */
    public static final int DEFAULT_WEB_PORT = 8080;

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern HOST_PORT = Pattern.compile("tcp://([^:/]+):([0-9]{1,5})");

    /**
     * Copies the lists.
     *
     * @param serial the MQTT serial or null
     * @param dataDir where persisted settings live
     * @param chargers the chargers
     * @param meter the measurement source
     * @param mqtt the MQTT connection
     * @param homeAssistant discovery
     * @param web the web UI
     * @param update the update source and places
     */
    public HostConfig {
        chargers = List.copyOf(chargers);
    }

    /**
     * One OpenEVSE controller.
     *
     * @param id the charger id, {@code [a-z0-9_-]{1,16}}
     * @param port a serial device path, or {@code tcp://host:port} for a TCP bridge
     * @param baud the serial line speed (ignored over TCP)
     * @param priority the sharing priority at first start, 1..10
     */
    public record Charger(String id, String port, int baud, int priority) {

        /**
         * Tells whether the charger is reached over TCP.
         *
         * @return true for {@code tcp://host:port}
         */
        public boolean tcp() {
            return port.startsWith("tcp://");
        }

        /**
         * Returns the host of a TCP bridge.
         *
         * @return the host name
         */
        public String tcpHost() {
            return hostPort(port)[0];
        }

        /**
         * Returns the port of a TCP bridge.
         *
         * @return the TCP port
         */
        public int tcpPort() {
            return Integer.parseInt(hostPort(port)[1]);
        }
    }

    /** Where mains readings come from. */
    public sealed interface Meter permits AdcMeter, MqttMeter, ModbusMeter, SimulatedMeter {
        /**
         * Returns the type word used in the file.
         *
         * @return {@code adc}, {@code mqtt}, {@code modbus} or {@code simulated}
         */
        String type();
    }

    /**
     * Raw CT samples from a microcontroller front-end over a serial line ({@code docs/sources.md}).
     *
     * @param port the serial device
     * @param baud the line speed
     * @param phases how many phases (CT channels) the front-end sends, 1..3
     */
    public record AdcMeter(String port, int baud, int phases) implements Meter {
        @Override
        public String type() {
            return "adc";
        }
    }

    /**
     * An MQTT topic that carries per-phase RMS current as JSON (Shelly, Tasmota, smart-meter readers).
     *
     * @param url the broker, or null for the {@code mqtt} section's broker
     * @param topic the topic to subscribe to
     * @param paths one JSON path per phase, e.g. {@code $.current.l1}
     */
    public record MqttMeter(String url, String topic, List<String> paths) implements Meter {
        /**
         * Copies the list.
         *
         * @param url the broker or null
         * @param topic the topic
         * @param paths the paths
         */
        public MqttMeter {
            paths = List.copyOf(paths);
        }

        @Override
        public String type() {
            return "mqtt";
        }
    }

    /**
     * A Modbus energy meter (RTU or TCP).
     *
     * @param model {@code sdm630} or {@code sdm72}
     * @param port a serial device (RTU) or {@code tcp://host:port}
     * @param baud the RTU line speed
     * @param unitId the Modbus unit (slave) id, 1..247
     * @param pollMs how often it is read, ms
     */
    public record ModbusMeter(String model, String port, int baud, int unitId, long pollMs) implements Meter {
        @Override
        public String type() {
            return "modbus";
        }
    }

    /**
     * A replayed household day (for demonstrations and tests).
     *
     * @param day the {@code .csv.gz} file
     * @param speed how many simulated seconds per real second
     */
    public record SimulatedMeter(Path day, double speed) implements Meter {
        @Override
        public String type() {
            return "simulated";
        }
    }

    /**
     * The MQTT connection of the gateway (TOPICS.md).
     *
     * @param enabled false to run without MQTT
     * @param url {@code tcp://host:port} or {@code ssl://host:port}
     * @param username the user, or null
     * @param password the password, or null
     * @param caFile a PEM file of trusted CAs for {@code ssl://}, or null for the system's
     * @param version {@code 3.1.1} or {@code 5}
     * @param root the topic root
     * @param clientId the client id, or null for {@code Dinamics-<serial>}
     */
    public record Mqtt(boolean enabled, String url, String username, String password, Path caFile, String version,
            String root, String clientId) {
    }

    /**
     * Home Assistant discovery (TOPICS.md 7.4).
     *
     * @param enabled whether discovery is published
     * @param prefix the discovery prefix
     */
    public record HomeAssistant(boolean enabled, String prefix) {
    }

    /**
     * The local web UI.
     *
     * @param enabled false to run without it
     * @param bind the address to listen on
     * @param port the TCP port, 0 for a free one
     */
    public record Web(boolean enabled, String bind, int port) {
    }

    /**
     * Returns the primary charger.
     *
     * @return the first charger
     */
    public Charger primary() {
        return chargers.get(0);
    }

    /**
     * Returns the charger ids in order.
     *
     * @return the ids
     */
    public List<String> chargerIds() {
        List<String> ids = new ArrayList<>();
        for (Charger charger : chargers) {
            ids.add(charger.id());
        }
        return ids;
    }

    /**
     * Reads and checks a configuration file.
     *
     * @param file the JSON file
     * @return the configuration
     * @throws HostConfigException listing every problem, each with the file and the key
     */
    public static HostConfig load(Path file) throws HostConfigException {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new HostConfigException(name, List.of("(file): no such file"));
        } catch (IOException e) {
            throw new HostConfigException(name, List.of("(file): cannot read: " + e.getMessage()));
        }
        JsonNode root;
        try {
            ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            root = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new HostConfigException(name, List.of("(file): not valid JSON" + where + ": "
                    + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new HostConfigException(name, List.of("(file): cannot read: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new HostConfigException(name, List.of("(file): expected a JSON object at the top"));
        }
        List<String> problems = new ArrayList<>();
        HostConfig config = parse(new ConfigNode((ObjectNode) root, "", problems));
        if (!problems.isEmpty()) {
            throw new HostConfigException(name, problems);
        }
        return config;
    }

    private static HostConfig parse(ConfigNode root) {
        String serial = root.string("serial", null);
        if (serial != null && !SERIAL.matcher(serial).matches()) {
            root.problem("serial", "\"" + serial + "\" is not [A-Za-z0-9_-]{1,32}");
        }
        Path dataDir = Path.of(root.string("dataDir", DEFAULT_DATA_DIR));

        List<Charger> chargers = new ArrayList<>();
        if (!root.has("chargers")) {
            root.problem("chargers", "missing: at least one charger is needed");
        }
        List<ConfigNode> chargerNodes = root.objects("chargers");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < chargerNodes.size(); i++) {
            ConfigNode node = chargerNodes.get(i);
            String id = node.string("id", i == 0 ? ChargerSettings.PRIMARY_ID : Integer.toString(i + 1));
            if (!ChargerSettings.isValidId(id)) {
                node.problem("id", "\"" + id + "\" is not [a-z0-9_-]{1,16}");
            } else if (!ids.add(id)) {
                node.problem("id", "duplicate charger id \"" + id + "\"");
            }
            String port = node.string("port", null);
            if (port == null) {
                node.problem("port", "missing: a serial device such as /dev/ttyUSB0, or tcp://host:port");
            } else {
                checkPort(node, "port", port);
            }
            int baud = (int) node.integer("baud", DEFAULT_BAUD, 1_200, 4_000_000);
            int priority = (int) node.integer("priority", 5, 1, 10);
            node.finish();
            chargers.add(new Charger(id, port, baud, priority));
        }
        if (root.has("chargers") && chargerNodes.isEmpty()) {
            root.problem("chargers", "empty: at least one charger is needed");
        }

        Meter meter = null;
        ConfigNode meterNode = root.object("meter");
        if (meterNode == null) {
            if (!root.has("meter")) {
                root.problem("meter", "missing: a measurement source is needed (adc, mqtt, modbus or simulated)");
            }
        } else {
            meter = parseMeter(meterNode);
            meterNode.finish();
        }

        Mqtt mqtt = parseMqtt(root.object("mqtt"));
        HomeAssistant homeAssistant = new HomeAssistant(true, "homeassistant");
        ConfigNode haNode = root.object("homeassistant");
        if (haNode != null) {
            homeAssistant = new HomeAssistant(haNode.bool("enabled", true), haNode.string("prefix", "homeassistant"));
            haNode.finish();
        }
        Web web = new Web(true, "0.0.0.0", DEFAULT_WEB_PORT);
        ConfigNode webNode = root.object("web");
        if (webNode != null) {
            web = new Web(webNode.bool("enabled", true), webNode.string("bind", "0.0.0.0"),
                    (int) webNode.integer("port", DEFAULT_WEB_PORT, 0, 65_535));
            webNode.finish();
        }
        UpdateConfig update = parseUpdate(root.object("update"), dataDir);
        root.finish();
        return new HostConfig(serial, dataDir, chargers, meter, mqtt, homeAssistant, web, update);
    }

    private static UpdateConfig parseUpdate(ConfigNode node, Path dataDir) {
        if (node == null) {
            return UpdateConfig.of(null, null, null, dataDir);
        }
        String url = node.string("url", null);
        String publicKey = node.string("publicKey", null);
        String installRoot = node.string("installRoot", null);
        if (installRoot != null && !isAbsolutePath(installRoot)) {
            node.problem("installRoot", "\"" + installRoot + "\" is not an absolute path");
            installRoot = null;
        }
        node.finish();
        List<String> problems = UpdateConfig.problems(url, publicKey);
        for (String problem : problems) {
            int colon = problem.indexOf(": ");
            if (colon < 0) {
                node.problem("(update)", problem);
            } else {
                node.problem(problem.substring(0, colon), problem.substring(colon + 2));
            }
        }
        return problems.isEmpty() ? UpdateConfig.of(url, publicKey, installRoot, dataDir)
                : UpdateConfig.of(null, null, installRoot, dataDir);
    }

    private static boolean isAbsolutePath(String text) {
        try {
            return !text.isEmpty() && Path.of(text).isAbsolute();
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static Meter parseMeter(ConfigNode node) {
        String type = node.choice("type", null, List.of("adc", "mqtt", "modbus", "simulated"));
        if (type == null) {
            if (!node.has("type")) {
                node.problem("type", "missing (adc, mqtt, modbus or simulated)");
            }
            return null;
        }
        switch (type) {
            case "adc": {
                String port = node.string("port", null);
                if (port == null) {
                    node.problem("port", "missing: the serial device of the ADC front-end");
                }
                return new AdcMeter(port, (int) node.integer("baud", DEFAULT_BAUD, 1_200, 4_000_000),
                        (int) node.integer("phases", 3, 1, 3));
            }
            case "mqtt": {
                String url = node.string("url", null);
                if (url != null) {
                    checkBrokerUrl(node, "url", url);
                }
                String topic = node.string("topic", null);
                if (topic == null || topic.isEmpty() || topic.contains("#") || topic.contains("+")) {
                    node.problem("topic", "missing or not a plain topic (no wildcards)");
                }
                List<String> paths = node.strings("paths");
                if (paths.isEmpty() || paths.size() > 3) {
                    node.problem("paths", "expected 1 to 3 JSON paths, one per phase, e.g. [\"$.current.l1\"]");
                }
                for (int i = 0; i < paths.size(); i++) {
                    if (!paths.get(i).startsWith("$")) {
                        node.problem("paths", "[" + i + "] \"" + paths.get(i) + "\" does not start with $");
                    }
                }
                return new MqttMeter(url, topic, paths);
            }
            case "modbus": {
                String model = node.choice("model", null, List.of("sdm630", "sdm72"));
                if (model == null && !node.has("model")) {
                    node.problem("model", "missing (sdm630 or sdm72)");
                }
                String port = node.string("port", null);
                if (port == null) {
                    node.problem("port", "missing: a serial device (RTU) or tcp://host:port");
                } else {
                    checkPort(node, "port", port);
                }
                return new ModbusMeter(model, port, (int) node.integer("baud", 9_600, 1_200, 115_200),
                        (int) node.integer("unitId", 1, 1, 247), node.integer("pollMs", 1_000, 100, 60_000));
            }
            default: {
                String day = node.string("day", null);
                if (day == null) {
                    node.problem("day", "missing: a household day file (.csv.gz)");
                }
                return new SimulatedMeter(day == null ? null : Path.of(day), node.number("speed", 1.0, 0.01, 10_000));
            }
        }
    }

    private static Mqtt parseMqtt(ConfigNode node) {
        if (node == null) {
            return new Mqtt(false, null, null, null, null, "3.1.1", DEFAULT_ROOT, null);
        }
        boolean enabled = node.bool("enabled", true);
        String url = node.string("url", null);
        if (url == null && enabled) {
            node.problem("url", "missing: tcp://host:1883 or ssl://host:8883 (or \"enabled\": false)");
        } else if (url != null) {
            checkBrokerUrl(node, "url", url);
        }
        String username = node.string("username", null);
        String password = node.string("password", null);
        if (password != null && username == null) {
            node.problem("password", "given without a username");
        }
        String ca = node.string("caFile", null);
        Path caFile = ca == null ? null : Path.of(ca);
        if (caFile != null && !Files.isReadable(caFile)) {
            node.problem("caFile", "cannot read " + caFile);
        }
        String version = node.choice("version", "3.1.1", List.of("3.1.1", "5"));
        String root = node.string("root", DEFAULT_ROOT);
        if (root.isEmpty() || root.contains("#") || root.contains("+") || root.startsWith("/") || root.endsWith("/")) {
            node.problem("root", "\"" + root + "\" is not a plain topic prefix");
        }
        String clientId = node.string("clientId", null);
        if (clientId != null && (clientId.isEmpty() || clientId.length() > 64)) {
            node.problem("clientId", "must be 1..64 characters");
        }
        node.finish();
        return new Mqtt(enabled, url, username, password, caFile, version, root, clientId);
    }

    private static void checkBrokerUrl(ConfigNode node, String key, String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (!("tcp".equals(scheme) || "ssl".equals(scheme)) || uri.getHost() == null) {
                node.problem(key, "\"" + url + "\" is not tcp://host:port or ssl://host:port");
            }
        } catch (URISyntaxException e) {
            node.problem(key, "\"" + url + "\" is not a URL: " + e.getReason());
        }
    }

    private static void checkPort(ConfigNode node, String key, String port) {
        if (port.startsWith("tcp://")) {
            String[] parts = hostPort(port);
            if (parts == null || Integer.parseInt(parts[1]) < 1 || Integer.parseInt(parts[1]) > 65_535) {
                node.problem(key, "\"" + port + "\" is not tcp://host:port");
            }
        } else if (port.isEmpty() || port.contains("://")) {
            node.problem(key, "\"" + port + "\" is neither a device path nor tcp://host:port");
        }
    }

    private static String[] hostPort(String port) {
        java.util.regex.Matcher matcher = HOST_PORT.matcher(port);
        return matcher.matches() ? new String[] {matcher.group(1), matcher.group(2)} : null;
    }
}
