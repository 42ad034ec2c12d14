package me.napolni.dinamics.core.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MinimumWindowTest {

    private static final long MS = 1_000_000L;

    @Test
    void shouldReturnLowestValueOfWindowWhenOlderValuesLeaveIt() {
        MinimumWindow window = new MinimumWindow(100 * MS, 60_000 * MS);
        for (long t = 0; t <= 20_000; t += 100) {
            window.add(t * MS, t == 5_000 ? 1.0 : 10.0);
        }
        assertTrue(window.covers(20_000 * MS, 15_000 * MS));
        assertEquals(10.0, window.minimum(20_000 * MS, 10_000 * MS), "the dip is older than 10 s");
        assertEquals(1.0, window.minimum(20_000 * MS, 16_000 * MS), "and younger than 16 s");
    }

    @Test
    void shouldNotCoverWindowWhenValuesStartedLaterOrHadAGap() {
        MinimumWindow window = new MinimumWindow(100 * MS, 60_000 * MS);
        for (long t = 0; t <= 5_000; t += 100) {
            window.add(t * MS, 5.0);
        }
        assertFalse(window.covers(5_000 * MS, 10_000 * MS));
        window.add(12_000 * MS, 5.0);                        // 7 s without a value
        assertFalse(window.covers(12_000 * MS, 1_000 * MS));
        window.clear();
        assertTrue(Double.isNaN(window.minimum(12_000 * MS, 1_000 * MS)));
    }

    @Test
    void shouldLetSparseValuesStandForTheTimeBetweenWhenPassesAreSlow() {
        MinimumWindow window = new MinimumWindow(100 * MS, 60_000 * MS);
        for (long t = 0; t <= 30_000; t += 1_000) {          // one pass a second
            window.add(t * MS, 7.0);
        }
        assertTrue(window.covers(30_000 * MS, 15_000 * MS));
        assertEquals(7.0, window.minimum(30_000 * MS, 15_000 * MS));
    }
}
