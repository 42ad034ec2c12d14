package me.napolni.dinamics.core.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import me.napolni.dinamics.core.PhaseReadings;
import org.junit.jupiter.api.Test;

class BreakerThermalStateTest {

    private static final long STEP_NS = 100_000_000L;
    private static final long TAU_NS = 250_000_000_000L;

    @Test
    void shouldStartWarmAtRatingWhenReadingIsLower() {
        BreakerThermalState state = new BreakerThermalState();
        PhaseReadings readings = readings(5.0, 30.0, 0.0);
        state.update(readings, 0, TAU_NS, 20.0);
        assertEquals(400.0, state.thetaAmpsSquared(0), 1e-9);
        assertEquals(900.0, state.thetaAmpsSquared(1), 1e-9);
    }

    @Test
    void shouldFollowScenarioModelWhenCurrentIsSteady() {
        BreakerThermalState state = new BreakerThermalState();
        state.update(readings(20.0, 20.0, 20.0), 0, TAU_NS, 20.0);
        PhaseReadings readings = readings(30.0, 30.0, 30.0);
        double a = Math.exp(-0.1 / 250.0);
        double expected = 400.0;
        for (int step = 0; step < 2_500; step++) {           // 250 s, one time constant
            state.update(readings, STEP_NS, TAU_NS, 20.0);
            expected = a * expected + (1 - a) * 900.0;
        }
        assertEquals(expected, state.thetaAmpsSquared(2), 1e-6);
        assertEquals(900.0 - 500.0 / Math.E, state.thetaAmpsSquared(2), 0.5);
    }

    @Test
    void shouldProjectTowardSteadyStateWhenAskedAhead() {
        BreakerThermalState state = new BreakerThermalState();
        state.update(readings(20.0, 20.0, 20.0), 0, TAU_NS, 20.0);
        assertEquals(400.0, state.projectedAmpsSquared(0, 20.0, 60 * STEP_NS, TAU_NS), 1e-9);
        double projected = state.projectedAmpsSquared(0, 40.0, TAU_NS, TAU_NS);
        assertEquals(1600.0 - 1200.0 / Math.E, projected, 1e-6);
    }

    private static PhaseReadings readings(double l1, double l2, double l3) {
        PhaseReadings readings = new PhaseReadings();
        readings.amps(0, l1, 0);
        readings.amps(1, l2, 0);
        readings.amps(2, l3, 0);
        return readings;
    }
}
