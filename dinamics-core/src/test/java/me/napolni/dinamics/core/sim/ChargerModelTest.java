package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChargerModelTest {

    @Test
    void shouldRejectAndNotCountWhenSetpointIsBelowSixOrAbove32() {
        ChargerModel charger = new ChargerModel();
        assertFalse(charger.setCurrent(0));
        assertFalse(charger.setCurrent(5));
        assertFalse(charger.setCurrent(33));
        assertEquals(6, charger.setpointAmps());
        assertEquals(0, charger.changes());
    }

    @Test
    void shouldCountOnlyAcceptedSetpointsThatDiffer() {
        ChargerModel charger = new ChargerModel();
        assertTrue(charger.setCurrent(6));
        assertEquals(0, charger.changes());
        assertTrue(charger.setCurrent(16));
        assertTrue(charger.setCurrent(16));
        assertTrue(charger.setCurrent(32));
        assertEquals(2, charger.changes());
        charger.powerOn();
        assertEquals(6, charger.setpointAmps());
        assertEquals(2, charger.changes(), "a power return is not a change");
    }
}
