package me.napolni.dinamics.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class DelayTimerTest {

    @Test
    void shouldCrossMidnightWhenStopIsBeforeStart() {
        DelayTimer night = DelayTimer.of(22 * 60, 6 * 60);
        assertTrue(night.allows(23 * 60));
        assertTrue(night.allows(0));
        assertTrue(night.allows(22 * 60));
        assertFalse(night.allows(6 * 60));
        assertFalse(night.allows(12 * 60));
        DelayTimer day = DelayTimer.of(9 * 60, 17 * 60);
        assertTrue(day.allows(9 * 60));
        assertFalse(day.allows(17 * 60));
        assertFalse(day.allows(8 * 60 + 59));
        assertTrue(DelayTimer.OFF.allows(123));
    }

    @Test
    void shouldRoundTripEveryWindowThroughItsCode() {
        qt().withFixedSeed(7L)
            .forAll(integers().between(0, 1439), integers().between(0, 1439))
            .checkAssert((start, stop) -> {
                if (start.equals(stop)) {
                    assertThrows(IllegalArgumentException.class, () -> DelayTimer.of(start, stop));
                    assertFalse(DelayTimer.isValidCode(1L + start * 1440L + stop));
                    return;
                }
                DelayTimer timer = DelayTimer.of(start, stop);
                assertTrue(SettingKey.DELAY_TIMER.accepts(timer.encode()));
                assertEquals(timer, DelayTimer.decode(timer.encode()));
                assertEquals(timer.encode(), SettingParser.parse(SettingKey.DELAY_TIMER, timer.payload()).value());
            });
    }
}
