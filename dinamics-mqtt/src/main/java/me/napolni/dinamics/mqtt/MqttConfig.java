package me.napolni.dinamics.mqtt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the bridge reaches its broker and names its topics (TOPICS.md section 1). Immutable; start from
 * {@link #of(String)} and change fields with the {@code with...} methods.
 *
 * @param serverUri {@code tcp://host:port}, or {@code ssl://host:port} for TLS
 * @param mqttVersion 3 for MQTT 3.1.1 (the default) or 5
 * @param clientId the client id, or null for {@code Dinamics-<serial>}
 * @param username the user name, or null
 * @param password the password, or null
 * @param caFile a PEM file with the CA certificates to trust for TLS, or null for the JVM's default trust
 * @param root the topic root, {@code Dinamics} by default
 * @param serial the serial in the topics, or null to derive it from the host (see {@link MqttBridge#defaultSerial})
 * @param dataDir where a random serial is kept when the host has no MAC address, or null
 * @param homeAssistant whether to publish Home Assistant discovery (default true)
 * @param homeAssistantPrefix the discovery prefix, {@code homeassistant} by default
 */
public record MqttConfig(String serverUri, int mqttVersion, String clientId, String username, String password,
        Path caFile, String root, String serial, Path dataDir, boolean homeAssistant, String homeAssistantPrefix) {

    /** MQTT 3.1.1. */
    public static final int MQTT_3_1_1 = 3;
    /** MQTT 5. */
    public static final int MQTT_5 = 5;
    /** The default topic root. */
    public static final String DEFAULT_ROOT = "Dinamics";
    /** The default Home Assistant discovery prefix. */
    public static final String DEFAULT_HA_PREFIX = "homeassistant";

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern TOPIC_LEVEL = Pattern.compile("[^#+/\\u0000]+(/[^#+/\\u0000]+)*");

    /**
     * Checks every field and lists all problems together.
     *
     * @param serverUri the broker URI
     * @param mqttVersion 3 or 5
     * @param clientId the client id, or null
     * @param username the user name, or null
     * @param password the password, or null
     * @param caFile the CA file, or null
     * @param root the topic root
     * @param serial the serial, or null
     * @param dataDir the data directory, or null
     * @param homeAssistant discovery on or off
     * @param homeAssistantPrefix the discovery prefix
     * @throws IllegalArgumentException naming every invalid field
     */
    public MqttConfig {
        List<String> problems = new ArrayList<>();
        if (serverUri == null || !serverUri.matches("(tcp|ssl)://[^/]+")) {
            problems.add("serverUri must be tcp://host:port or ssl://host:port: " + serverUri);
        }
        if (mqttVersion != MQTT_3_1_1 && mqttVersion != MQTT_5) {
            problems.add("mqttVersion must be 3 (3.1.1) or 5: " + mqttVersion);
        }
        if (root == null || !TOPIC_LEVEL.matcher(root).matches()) {
            problems.add("root must be a topic without wildcards: " + root);
        }
        if (serial != null && !SERIAL.matcher(serial).matches()) {
            problems.add("serial must match [A-Za-z0-9_-]{1,32}: " + serial);
        }
        if (clientId != null && clientId.isEmpty()) {
            problems.add("clientId must not be empty");
        }
        if (homeAssistantPrefix == null || !TOPIC_LEVEL.matcher(homeAssistantPrefix).matches()) {
            problems.add("homeAssistantPrefix must be a topic without wildcards: " + homeAssistantPrefix);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid MQTT configuration: " + String.join("; ", problems));
        }
    }

    /**
     * A configuration with every default: MQTT 3.1.1, no credentials, root {@code Dinamics}, serial from the host,
     * Home Assistant discovery on.
     *
     * @param serverUri {@code tcp://host:port} or {@code ssl://host:port}
     * @return the configuration
     */
    public static MqttConfig of(String serverUri) {
        return new MqttConfig(serverUri, MQTT_3_1_1, null, null, null, null, DEFAULT_ROOT, null, null, true,
                DEFAULT_HA_PREFIX);
    }

    /**
     * Chooses the protocol.
     *
     * @param version {@link #MQTT_3_1_1} or {@link #MQTT_5}
     * @return a copy
     */
    public MqttConfig withMqttVersion(int version) {
        return new MqttConfig(serverUri, version, clientId, username, password, caFile, root, serial, dataDir,
                homeAssistant, homeAssistantPrefix);
    }

    /**
     * Sets the client id.
     *
     * @param id the id, or null for {@code Dinamics-<serial>}
     * @return a copy
     */
    public MqttConfig withClientId(String id) {
        return new MqttConfig(serverUri, mqttVersion, id, username, password, caFile, root, serial, dataDir,
                homeAssistant, homeAssistantPrefix);
    }

    /**
     * Sets the credentials.
     *
     * @param user the user name, or null
     * @param pass the password, or null
     * @return a copy
     */
    public MqttConfig withCredentials(String user, String pass) {
        return new MqttConfig(serverUri, mqttVersion, clientId, user, pass, caFile, root, serial, dataDir,
                homeAssistant, homeAssistantPrefix);
    }

    /**
     * Trusts the CA certificates of a PEM file for TLS.
     *
     * @param file the PEM file, or null
     * @return a copy
     */
    public MqttConfig withCaFile(Path file) {
        return new MqttConfig(serverUri, mqttVersion, clientId, username, password, file, root, serial, dataDir,
                homeAssistant, homeAssistantPrefix);
    }

    /**
     * Sets the topic root.
     *
     * @param topicRoot e.g. {@code Dinamics}
     * @return a copy
     */
    public MqttConfig withRoot(String topicRoot) {
        return new MqttConfig(serverUri, mqttVersion, clientId, username, password, caFile, topicRoot, serial,
                dataDir, homeAssistant, homeAssistantPrefix);
    }

    /**
     * Sets the serial.
     *
     * @param id the serial, or null to derive it
     * @return a copy
     */
    public MqttConfig withSerial(String id) {
        return new MqttConfig(serverUri, mqttVersion, clientId, username, password, caFile, root, id, dataDir,
                homeAssistant, homeAssistantPrefix);
    }

    /**
     * Sets where a random serial is kept.
     *
     * @param dir the directory, or null
     * @return a copy
     */
    public MqttConfig withDataDir(Path dir) {
        return new MqttConfig(serverUri, mqttVersion, clientId, username, password, caFile, root, serial, dir,
                homeAssistant, homeAssistantPrefix);
    }

    /**
     * Turns Home Assistant discovery on or off.
     *
     * @param enabled true to publish discovery, false to clear it once
     * @param prefix the discovery prefix
     * @return a copy
     */
    public MqttConfig withHomeAssistant(boolean enabled, String prefix) {
        return new MqttConfig(serverUri, mqttVersion, clientId, username, password, caFile, root, serial, dataDir,
                enabled, prefix);
    }

    /**
     * Describes the configuration without the password.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return "MqttConfig[serverUri=" + serverUri + ", mqttVersion=" + mqttVersion + ", clientId=" + clientId
                + ", username=" + username + ", password=" + (password == null ? "null" : "********") + ", caFile="
                + caFile + ", root=" + root + ", serial=" + serial + ", dataDir=" + dataDir + ", homeAssistant="
                + homeAssistant + ", homeAssistantPrefix=" + homeAssistantPrefix + "]";
    }

    /**
     * Tells whether two configurations are the same.
     *
     * @param other the other object
     * @return true when every field is equal
     */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof MqttConfig)) {
            return false;
        }
        MqttConfig o = (MqttConfig) other;
        return serverUri.equals(o.serverUri) && mqttVersion == o.mqttVersion && Objects.equals(clientId, o.clientId)
                && Objects.equals(username, o.username) && Objects.equals(password, o.password)
                && Objects.equals(caFile, o.caFile) && root.equals(o.root) && Objects.equals(serial, o.serial)
                && Objects.equals(dataDir, o.dataDir) && homeAssistant == o.homeAssistant
                && homeAssistantPrefix.equals(o.homeAssistantPrefix);
    }

    /**
     * Hashes every field.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(serverUri, mqttVersion, clientId, username, password, caFile, root, serial, dataDir,
                homeAssistant, homeAssistantPrefix);
    }
}
