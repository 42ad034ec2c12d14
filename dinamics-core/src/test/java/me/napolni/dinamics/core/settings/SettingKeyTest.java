package me.napolni.dinamics.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingKeyTest {

    /** TOPICS.md 4, 4.4, 6.1, 7.3 and 8: key, minimum, maximum, default (0 where TOPICS says none). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "breaker,6,100,16", "c_limit,6,32,16", "c_min_limit,6,32,6", "calibration,100,2000,277", "debug,1,5,1",
        "timer,1,500000,2000", "timer1,1,500000,50000", "timer2,1,500000,10000", "timer3,1,500000,10000",
        "timer4,1,500000,10000", "timer5,1,500000,50000", "timer6,1,500000,30000", "timer7,1,500000,10000",
        "timer8,1,500000,50000", "timer9,1,500000,100000", "timer10,1,500000,50000", "timer11,1,500000,50000",
        "timer12,1,500000,100000", "timer13,100,10000,1000", "timer14,1,500000,10000", "plugandcharge,0,1,0",
        "dinamics,0,1,1", "nwpc,0,1,0", "enable,1,3,0", "priority,1,10,5", "t_limit,1,100,0", "e_limit,1,100,0"})
    void shouldMatchTopicsWhenKeyIsFromTheContract(String key, long minimum, long maximum, long defaultValue) {
        SettingKey setting = SettingKey.ofKey(key).orElseThrow();
        assertEquals(minimum, setting.minimum());
        assertEquals(maximum, setting.maximum());
        assertEquals(defaultValue, setting.defaultValue());
        assertEquals(minimum + ".." + maximum, setting.expected());
        assertEquals("set_" + key, setting.topic());
        assertTrue(setting.hasTopic());
    }

    @Test
    void shouldKeepKeysUniqueAndDefaultsInRange() {
        Set<String> keys = new HashSet<>();
        for (SettingKey key : SettingKey.values()) {
            assertTrue(keys.add(key.key()), "duplicate " + key.key());
            assertTrue(key.key().matches("[a-z0-9_]+"), key.key());
            boolean noneByDefault = key == SettingKey.ENABLE || key.scope() == SettingScope.COMMAND;
            assertEquals(!noneByDefault, key.accepts(key.defaultValue()), key.key());
            assertTrue(key.minimum() <= key.maximum());
        }
        assertFalse(SettingKey.ofKey("BREAKER").isPresent(), "keys are case-sensitive");
    }

    @Test
    void shouldNumberTimersInOrder() {
        for (int n = 0; n <= SettingKey.LAST_TIMER; n++) {
            assertEquals(n == 0 ? "timer" : "timer" + n, SettingKey.timer(n).key());
        }
    }
}
