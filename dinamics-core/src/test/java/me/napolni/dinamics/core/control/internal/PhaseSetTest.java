package me.napolni.dinamics.core.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhaseSetTest {

    @Test
    void shouldMapEveryMaskToItsTopicsCodeAndBackWhenConverting() {
        int[] codes = {0, 1, 2, 12, 3, 13, 23, 123};
        for (int mask = 0; mask <= PhaseSet.ALL; mask++) {
            assertEquals(codes[mask], PhaseSet.code(mask));
            assertEquals(mask, PhaseSet.mask(codes[mask]));
        }
    }

    @Test
    void shouldTreatInvalidCodesAsUnknownWhenConverting() {
        assertEquals(PhaseSet.NONE, PhaseSet.mask(4));
        assertEquals(PhaseSet.NONE, PhaseSet.mask(321));
        assertEquals(0, PhaseSet.code(8));
        assertEquals(0, PhaseSet.code(-1));
    }

    @Test
    void shouldContainOnlyItsPhasesWhenAsked() {
        assertTrue(PhaseSet.contains(0b010, 1));
        assertFalse(PhaseSet.contains(0b010, 0));
        assertFalse(PhaseSet.contains(0b010, 2));
    }
}
