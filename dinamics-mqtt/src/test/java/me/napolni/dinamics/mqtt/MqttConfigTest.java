package me.napolni.dinamics.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttConfigTest {

    @Test
    void shouldUseContractDefaultsWhenCreatedFromUri() {
        MqttConfig c = MqttConfig.of("tcp://127.0.0.1:1883");
        assertEquals(MqttConfig.MQTT_3_1_1, c.mqttVersion());
        assertEquals("Dinamics", c.root());
        assertTrue(c.homeAssistant());
        assertEquals("homeassistant", c.homeAssistantPrefix());
    }

    @Test
    void shouldListEveryProblemWhenConfigIsInvalid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MqttConfig(
                "http://x", 4, "", null, null, null, "Din/#", "bad serial!", null, true, "ha/+"));
        for (String field : new String[] {"serverUri", "mqttVersion", "root", "serial", "clientId",
            "homeAssistantPrefix"}) {
            assertTrue(e.getMessage().contains(field), field + " in " + e.getMessage());
        }
    }

    @Test
    void shouldHidePasswordWhenPrinted() {
        String text = MqttConfig.of("ssl://broker:8883").withCredentials("user", "secret").toString();
        assertFalse(text.contains("secret"), text);
        assertTrue(text.contains("user"));
    }

    @Test
    void shouldKeepRandomSerialWhenStartedAgain(@TempDir Path dir) throws Exception {
        String first = me.napolni.dinamics.mqtt.internal.HostFacts.randomSerial(dir);
        assertTrue(first.matches("[0-9A-F]{12}"), first);
        assertEquals(first, me.napolni.dinamics.mqtt.internal.HostFacts.randomSerial(dir));
        assertEquals(first, Files.readString(dir.resolve("mqtt-serial")));
    }

    @Test
    void shouldDeriveTwelveHexDigitsWhenNoSerialIsConfigured(@TempDir Path dir) {
        String serial = MqttBridge.defaultSerial(dir);
        assertTrue(serial.matches("[0-9A-F]{12}"), serial);
        assertEquals(serial, MqttBridge.defaultSerial(dir), "stable across calls");
    }
}
