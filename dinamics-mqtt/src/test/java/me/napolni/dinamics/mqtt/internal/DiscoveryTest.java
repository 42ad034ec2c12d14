package me.napolni.dinamics.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class DiscoveryTest {

    private static final String DEVICE = "{\"identifiers\":[\"dinamics_SER\"],\"name\":\"Dinamics SER\","
            + "\"manufacturer\":\"Dinamics\",\"model\":\"Dinamics load manager\",\"sw_version\":\"0.1.0\","
            + "\"serial_number\":\"SER\"}";

    private static Map<String, JsonNode> byObject(List<Outgoing> configs) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        for (Outgoing o : configs) {
            String[] parts = o.topic().split("/");
            assertEquals(5, parts.length, o.topic());
            assertEquals("ha", parts[0]);
            assertEquals("dinamics_SER", parts[2]);
            assertEquals("config", parts[4]);
            JsonNode j = Formats.JSON.readTree(o.payload());
            ((com.fasterxml.jackson.databind.node.ObjectNode) j).put("_component", parts[1]);
            assertTrue(out.put(parts[3], j) == null, "one config per object: " + parts[3]);
            assertTrue(o.kind() == Outgoing.MessageClass.S && o.absolute(), "retained, QoS 1, absolute topic");
        }
        return out;
    }

    @Test
    void shouldDescribeEveryEntityWhenDiscoveryIsSent() throws Exception {
        Map<String, JsonNode> e = byObject(new Discovery("ha", "SER", "Dinamics/SER/").configs("0.1.0", List.of()));
        assertEquals(17, e.size(), e.keySet().toString());
        for (Map.Entry<String, JsonNode> entry : e.entrySet()) {
            JsonNode j = entry.getValue();
            assertEquals("dinamics_SER_" + entry.getKey(), j.get("unique_id").asText());
            assertEquals("Dinamics/SER/availability", j.get("availability_topic").asText());
            assertEquals(DEVICE, j.get("device").toString());
            assertFalse(j.get("name").asText().isEmpty());
            assertFalse(j.toString().contains("\"~"), "full topics, no ~");
            assertEquals("Dinamics/SER/" + entry.getKey(), j.get("state_topic").asText());
            if (j.has("command_topic")) {
                assertEquals(1, j.get("qos").asInt());
                assertFalse(j.get("retain").asBoolean());
            }
        }
        for (String c : List.of("current1", "current2", "current3", "charging_current", "max_charging_current",
                "pilot_current")) {
            JsonNode j = e.get(c);
            assertEquals("sensor", j.get("_component").asText());
            assertEquals("current", j.get("device_class").asText());
            assertEquals("A", j.get("unit_of_measurement").asText());
            assertEquals("measurement", j.get("state_class").asText());
        }
        assertEquals("W", e.get("power").get("unit_of_measurement").asText());
        assertEquals("power", e.get("power").get("device_class").asText());
        assertEquals("measurement", e.get("power").get("state_class").asText());
        assertEquals("Wh", e.get("energy").get("unit_of_measurement").asText());
        assertEquals("energy", e.get("energy").get("device_class").asText());
        assertEquals("total_increasing", e.get("energy").get("state_class").asText());
        for (String s : List.of("active_phases", "evse_state", "connection")) {
            assertEquals("sensor", e.get(s).get("_component").asText());
        }
        assertEquals("diagnostic", e.get("connection").get("entity_category").asText());
        assertEquals("binary_sensor", e.get("state").get("_component").asText());
        assertEquals("{{ 'ON' if value == '1' else 'OFF' }}", e.get("state").get("value_template").asText());
        assertEquals("plug", e.get("state").get("device_class").asText());
        assertEquals("{{ 'OFF' if value == 'off' else 'ON' }}", e.get("failsafe").get("value_template").asText());
        assertEquals("problem", e.get("failsafe").get("device_class").asText());
        JsonNode breaker = e.get("breaker");
        assertEquals("number", breaker.get("_component").asText());
        assertEquals("Dinamics/SER/set_breaker", breaker.get("command_topic").asText());
        assertEquals(6, breaker.get("min").asInt());
        assertEquals(100, breaker.get("max").asInt());
        assertEquals(1, breaker.get("step").asInt());
        assertEquals("A", breaker.get("unit_of_measurement").asText());
        assertEquals("current", breaker.get("device_class").asText());
        assertEquals("{{ value | int }}", breaker.get("command_template").asText());
        assertEquals("box", breaker.get("mode").asText());
        assertEquals("config", breaker.get("entity_category").asText());
        assertEquals(32, e.get("c_limit").get("max").asInt());
        assertEquals("Dinamics/SER/set_c_limit", e.get("c_limit").get("command_topic").asText());
        JsonNode enable = e.get("enable");
        assertEquals("select", enable.get("_component").asText());
        assertEquals("[\"off\",\"enabled\",\"sleep\"]", enable.get("options").toString());
        assertEquals("{{ {'off':1,'enabled':2,'sleep':3}[value] }}", enable.get("command_template").asText());
        assertEquals("{{ {'1':'off','2':'enabled','3':'sleep'}[value] }}", enable.get("value_template").asText());
        assertEquals("Dinamics/SER/set_enable", enable.get("command_topic").asText());
        JsonNode pandc = e.get("plugandcharge");
        assertEquals("switch", pandc.get("_component").asText());
        assertEquals("1", pandc.get("payload_on").asText());
        assertEquals("1", pandc.get("state_on").asText());
        assertEquals("0", pandc.get("payload_off").asText());
        assertEquals("0", pandc.get("state_off").asText());
        assertEquals("Dinamics/SER/set_plugandcharge", pandc.get("command_topic").asText());
    }

    @Test
    void shouldRepeatChargerEntitiesWhenThereAreOtherChargers() throws Exception {
        Map<String, JsonNode> e = byObject(new Discovery("ha", "SER", "Dinamics/SER/").configs("0.1.0",
                List.of("garage")));
        assertEquals(17 + 11, e.size());
        JsonNode limit = e.get("charger_garage_c_limit");
        assertEquals("dinamics_SER_charger_garage_c_limit", limit.get("unique_id").asText());
        assertEquals("Dinamics/SER/charger/garage/c_limit", limit.get("state_topic").asText());
        assertEquals("Dinamics/SER/charger/garage/set_c_limit", limit.get("command_topic").asText());
        assertEquals("Dinamics/SER/charger/garage/set_enable",
                e.get("charger_garage_enable").get("command_topic").asText());
        assertFalse(e.containsKey("charger_garage_breaker"), "breaker is site-wide");
        assertFalse(e.containsKey("charger_garage_current1"), "mains currents are site-wide");
    }

    @Test
    void shouldClearEveryConfigWithEmptyPayloadWhenDisabled() {
        Discovery d = new Discovery("ha", "SER", "Dinamics/SER/");
        List<Outgoing> configs = d.configs("0.1.0", List.of("2"));
        List<Outgoing> clears = d.clears(List.of("2"));
        assertEquals(configs.size(), clears.size());
        for (int i = 0; i < clears.size(); i++) {
            assertEquals(configs.get(i).topic(), clears.get(i).topic());
            assertEquals("", clears.get(i).payload());
            assertTrue(clears.get(i).kind().retained());
        }
    }
}
