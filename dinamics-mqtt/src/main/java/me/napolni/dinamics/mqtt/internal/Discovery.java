package me.napolni.dinamics.mqtt.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import me.napolni.dinamics.mqtt.internal.Outgoing.MessageClass;

/** Home Assistant MQTT discovery payloads (TOPICS.md 7.4). Pure. */
public final class Discovery {

    private final String prefix;
    private final String serial;
    private final String base;

    /**
     * Creates the discovery for one gateway.
     *
     * @param prefix the discovery prefix, e.g. {@code homeassistant}
     * @param serial the serial
     * @param base the full topic prefix, e.g. {@code Dinamics/ABC/}
     */
    public Discovery(String prefix, String serial, String base) {
        this.prefix = prefix;
        this.serial = serial;
        this.base = base;
    }

    /**
     * Returns the topic Home Assistant announces itself on.
     *
     * @return {@code <prefix>/status}
     */
    public String statusTopic() {
        return prefix + "/status";
    }

    /**
     * Returns one config message per entity.
     *
     * @param fw the program version for the device block
     * @param otherChargers ids of the chargers other than the primary
     * @return S-class messages on absolute topics
     */
    public List<Outgoing> configs(String fw, List<String> otherChargers) {
        List<Outgoing> out = new ArrayList<>();
        for (String phase : List.of("1", "2", "3")) {
            ObjectNode n = entity("Current L" + phase, "current" + phase, "current" + phase, fw);
            measurementCurrent(n);
            out.add(config("sensor", "current" + phase, n));
        }
        chargerEntities(out, "", "", "", fw);
        ObjectNode failsafe = entity("Failsafe", "failsafe", "failsafe", fw);
        failsafe.put("device_class", "problem");
        failsafe.put("value_template", "{{ 'OFF' if value == 'off' else 'ON' }}");
        out.add(config("binary_sensor", "failsafe", failsafe));
        ObjectNode breaker = number(entity("Breaker", "breaker", "breaker", fw), "breaker", 100);
        breaker.put("mode", "box");
        breaker.put("entity_category", "config");
        out.add(config("number", "breaker", breaker));
        ObjectNode pandc = entity("Plug and charge", "plugandcharge", "plugandcharge", fw);
        command(pandc, "set_plugandcharge");
        pandc.put("payload_on", "1");
        pandc.put("state_on", "1");
        pandc.put("payload_off", "0");
        pandc.put("state_off", "0");
        out.add(config("switch", "plugandcharge", pandc));
        for (String id : otherChargers) {
            chargerEntities(out, "charger_" + id + "_", "charger/" + id + "/", "Charger " + id + " ", fw);
        }
        return out;
    }

    /**
     * Returns the empty retained payloads that remove every entity (discovery turned off).
     *
     * @param otherChargers ids of the chargers other than the primary
     * @return S-class messages with empty payloads
     */
    public List<Outgoing> clears(List<String> otherChargers) {
        List<Outgoing> out = new ArrayList<>();
        for (Outgoing o : configs("", otherChargers)) {
            out.add(new Outgoing(o.topic(), "", MessageClass.S, true));
        }
        return out;
    }

    private void chargerEntities(List<Outgoing> out, String objectPrefix, String topicPrefix, String namePrefix,
            String fw) {
        String[][] currents = {
            {"charging_current", "Charging current"},
            {"max_charging_current", "Max charging current"},
            {"pilot_current", "Pilot current"},
        };
        for (String[] c : currents) {
            ObjectNode n = entity(namePrefix + c[1], objectPrefix + c[0], topicPrefix + c[0], fw);
            measurementCurrent(n);
            out.add(config("sensor", objectPrefix + c[0], n));
        }
        ObjectNode power = entity(namePrefix + "Power", objectPrefix + "power", topicPrefix + "power", fw);
        power.put("device_class", "power");
        power.put("unit_of_measurement", "W");
        power.put("state_class", "measurement");
        out.add(config("sensor", objectPrefix + "power", power));
        ObjectNode energy = entity(namePrefix + "Energy", objectPrefix + "energy", topicPrefix + "energy", fw);
        energy.put("device_class", "energy");
        energy.put("unit_of_measurement", "Wh");
        energy.put("state_class", "total_increasing");
        out.add(config("sensor", objectPrefix + "energy", energy));
        out.add(config("sensor", objectPrefix + "active_phases",
                entity(namePrefix + "Active phases", objectPrefix + "active_phases", topicPrefix + "active_phases",
                        fw)));
        out.add(config("sensor", objectPrefix + "evse_state",
                entity(namePrefix + "EVSE state", objectPrefix + "evse_state", topicPrefix + "evse_state", fw)));
        ObjectNode connection = entity(namePrefix + "Connection", objectPrefix + "connection",
                topicPrefix + "connection", fw);
        connection.put("entity_category", "diagnostic");
        out.add(config("sensor", objectPrefix + "connection", connection));
        ObjectNode state = entity(namePrefix + "Car connected", objectPrefix + "state", topicPrefix + "state", fw);
        state.put("device_class", "plug");
        state.put("value_template", "{{ 'ON' if value == '1' else 'OFF' }}");
        out.add(config("binary_sensor", objectPrefix + "state", state));
        ObjectNode cLimit = number(entity(namePrefix + "Current limit", objectPrefix + "c_limit",
                topicPrefix + "c_limit", fw), topicPrefix + "c_limit", 32);
        out.add(config("number", objectPrefix + "c_limit", cLimit));
        ObjectNode enable = entity(namePrefix + "Charging", objectPrefix + "enable", topicPrefix + "enable", fw);
        command(enable, topicPrefix + "set_enable");
        enable.putArray("options").add("off").add("enabled").add("sleep");
        enable.put("command_template", "{{ {'off':1,'enabled':2,'sleep':3}[value] }}");
        enable.put("value_template", "{{ {'1':'off','2':'enabled','3':'sleep'}[value] }}");
        out.add(config("select", objectPrefix + "enable", enable));
    }

    private ObjectNode number(ObjectNode n, String stateRelTopic, int max) {
        String setTopic = stateRelTopic.contains("/")
                ? stateRelTopic.substring(0, stateRelTopic.lastIndexOf('/') + 1) + "set_"
                        + stateRelTopic.substring(stateRelTopic.lastIndexOf('/') + 1)
                : "set_" + stateRelTopic;
        command(n, setTopic);
        n.put("min", 6);
        n.put("max", max);
        n.put("step", 1);
        n.put("unit_of_measurement", "A");
        n.put("device_class", "current");
        n.put("command_template", "{{ value | int }}");
        return n;
    }

    private void command(ObjectNode n, String relTopic) {
        n.put("command_topic", base + relTopic);
        n.put("qos", 1);
        n.put("retain", false);
    }

    private static void measurementCurrent(ObjectNode n) {
        n.put("device_class", "current");
        n.put("unit_of_measurement", "A");
        n.put("state_class", "measurement");
    }

    private ObjectNode entity(String name, String object, String relTopic, String fw) {
        ObjectNode n = Formats.JSON.createObjectNode();
        n.put("name", name);
        n.put("unique_id", "dinamics_" + serial + "_" + object);
        n.put("state_topic", base + relTopic);
        n.put("availability_topic", base + "availability");
        ObjectNode device = n.putObject("device");
        device.putArray("identifiers").add("dinamics_" + serial);
        device.put("name", "Dinamics " + serial);
        device.put("manufacturer", "Dinamics");
        device.put("model", "Dinamics load manager");
        device.put("sw_version", fw);
        device.put("serial_number", serial);
        return n;
    }

    private Outgoing config(String component, String object, ObjectNode payload) {
        return new Outgoing(prefix + "/" + component + "/dinamics_" + serial + "/" + object + "/config",
                Formats.json(payload), MessageClass.S, true);
    }
}
