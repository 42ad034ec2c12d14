package me.napolni.dinamics.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import me.napolni.dinamics.core.settings.FailsafeMode;
import org.junit.jupiter.api.Test;

class BalancerConfigTest {

    @Test
    void shouldHaveSafeDefaultsWhenCreated() {
        BalancerConfig defaults = BalancerConfig.defaults();
        assertEquals(6, defaults.minimumCurrentAmps());
        assertEquals(32, defaults.chargerMaximumAmps());
        assertEquals(10_000L, defaults.staleAfterMs());
        assertEquals(FailsafeMode.MINIMUM, defaults.failsafeMode());
        assertEquals(250_000L, defaults.breakerTauMs());
        assertEquals(1.13, defaults.breakerToleranceFactor());
        assertTrue(defaults.thermalPauseFraction() < 0.95, "the pause comes before the 95 % line");
        assertTrue(defaults.overloadBudgetFraction() < 0.95);
        assertTrue(defaults.sustainFraction() < 0.95);
    }

    @Test
    void shouldListEveryProblemWhenSeveralValuesAreOutOfRange() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> BalancerConfig.defaults()
                .toBuilder().breakerAmps(5).staleAfterMs(0).raiseStepAmps(0).failsafeMode(null).build());
        String message = error.getMessage();
        assertTrue(message.contains("breakerAmps"), message);
        assertTrue(message.contains("staleAfterMs"), message);
        assertTrue(message.contains("raiseStepAmps"), message);
        assertTrue(message.contains("failsafeMode"), message);
    }

    @Test
    void shouldRejectNotANumberWhenFractionOrAmpsAreNaN() {
        assertThrows(IllegalArgumentException.class,
                () -> BalancerConfig.defaults().toBuilder().marginAmps(Double.NaN).build());
        assertThrows(IllegalArgumentException.class,
                () -> BalancerConfig.defaults().toBuilder().sustainFraction(Double.NaN).build());
    }

    @Test
    void shouldCapAtSmallerOfCLimitAndChargerMaximumWhenAsked() {
        BalancerConfig config = BalancerConfig.defaults().toBuilder().cLimitAmps(40).chargerMaximumAmps(32).build();
        assertEquals(32, config.capAmps());
        assertEquals(10, config.toBuilder().cLimitAmps(10).build().capAmps());
    }

    @Test
    void shouldKeepEveryValueWhenRoundTrippedThroughBuilder() {
        BalancerConfig config = BalancerConfig.defaults().toBuilder().breakerAmps(40).cLimitAmps(20).marginAmps(0.7)
                .staticMode(true).failsafeMode(FailsafeMode.PAUSE).build();
        assertEquals(config, config.toBuilder().build());
    }
}
