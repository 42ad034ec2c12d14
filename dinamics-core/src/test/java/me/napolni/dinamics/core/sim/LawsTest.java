package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LawsTest {

    @Test
    void shouldCreateAFreshInstanceWhenLookedUpByName() {
        assertNotSame(Laws.byName("original"), Laws.byName("original"));
        assertTrue(Laws.byName("openevse") instanceof OpenEvseLaw);
        assertTrue(Laws.byName("smartevse") instanceof SmartEvseLaw);
    }

    @Test
    void shouldNameTheKnownLawsWhenTheNameIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Laws.byName("nope"));
        assertTrue(e.getMessage().contains("original"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> Laws.names().add("x"));
    }

    @Test
    void shouldFindCarProfilesByScenarioName() {
        assertEquals(CarProfile.THREE_PHASE_16A, CarProfile.byId("3p16"));
        assertEquals(CarProfile.SINGLE_PHASE_32A, CarProfile.byId("1p32"));
        assertEquals(3, CarProfile.THREE_PHASE_16A.phaseCount());
        assertTrue(CarProfile.SINGLE_PHASE_32A.usesPhase(0));
        assertTrue(!CarProfile.SINGLE_PHASE_32A.usesPhase(1));
        assertThrows(IllegalArgumentException.class, () -> CarProfile.byId("2p"));
    }

    @Test
    void shouldRejectSettingsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new LawSettings(0, 16, 7));
        assertThrows(IllegalArgumentException.class, () -> new LawSettings(20, 5, 7));
        assertThrows(IllegalArgumentException.class, () -> new LawSettings(20, 16, 0));
        LawSettings settings = LawSettings.of(25, CarProfile.SINGLE_PHASE_32A);
        assertEquals(32, settings.carLimitAmps());
        assertEquals(1, settings.carPhaseCount());
    }
}
