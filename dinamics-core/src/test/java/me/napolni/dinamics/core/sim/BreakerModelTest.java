package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BreakerModelTest {

    private static final double RATING = 20.0;
    private static final double TAU_S = 250.0;

    /** Steps from cold until a constant current trips the breaker. */
    private static int stepsToTrip(double amps) {
        BreakerModel breaker = new BreakerModel(RATING, 0.0, 0.0, 0.0);
        for (int step = 1; step <= 100_000; step++) {
            if (breaker.step(amps, 0.0, 0.0)) {
                return step;
            }
        }
        return -1;
    }

    /** Closed form: θ_n = I²(1 − a^n) &gt; (1.13 In)² ⇔ n &gt; −τ/0.1 · ln(1 − (1.13 In / I)²). */
    private static double secondsToTrip(double amps) {
        double ratio = 1.13 * RATING / amps;
        return -TAU_S * Math.log(1.0 - ratio * ratio);
    }

    @Test
    void shouldTripAfterAbout234SecondsWhenColdAt145PercentOfRating() {
        int steps = stepsToTrip(1.45 * RATING);
        assertEquals(secondsToTrip(1.45 * RATING), steps * 0.1, 0.1);
        assertTrue(steps * 0.1 > 233.0 && steps * 0.1 < 235.0, "tripped after " + steps * 0.1 + " s");
    }

    @Test
    void shouldTripAfterAbout55SecondsWhenColdAt255PercentOfRating() {
        int steps = stepsToTrip(2.55 * RATING);
        assertEquals(secondsToTrip(2.55 * RATING), steps * 0.1, 0.1);
        assertTrue(steps * 0.1 > 54.0 && steps * 0.1 < 56.0, "tripped after " + steps * 0.1 + " s");
    }

    @Test
    void shouldNeverTripWhenCarrying113PercentOfRatingSteadily() {
        double amps = 1.13 * RATING;
        BreakerModel breaker = new BreakerModel(RATING, amps, amps, amps);
        for (int step = 0; step < 360_000; step++) {
            assertFalse(breaker.step(amps, amps, amps), "tripped at step " + step);
        }
        assertTrue(breaker.load() <= 1.0);
    }

    @Test
    void shouldTripAtOnceWhenAPhaseCarriesFiveTimesTheRating() {
        BreakerModel cold = new BreakerModel(RATING, 0.0, 0.0, 0.0);
        assertTrue(cold.step(0.0, 0.0, 5.0 * RATING));
        BreakerModel justBelow = new BreakerModel(RATING, 0.0, 0.0, 0.0);
        assertFalse(justBelow.step(0.0, 0.0, 4.99 * RATING));
    }

    @Test
    void shouldDecayThetaByExpMinus24WhenOffForTheOutage() {
        BreakerModel breaker = new BreakerModel(RATING, 0.0, 0.0, 0.0);
        while (!breaker.step(1.45 * RATING, 0.0, 0.0)) {
            // heat until it trips
        }
        double atTrip = breaker.theta(0);
        for (int step = 0; step < BreakerModel.OUTAGE_STEPS; step++) {
            assertFalse(breaker.step(0.0, 0.0, 0.0));
        }
        assertEquals(atTrip * Math.exp(-600.0 / TAU_S), breaker.theta(0), 1e-9 * atTrip);
    }

    @Test
    void shouldStartFromTheSquareOfTheFirstCurrentWhenCreated() {
        BreakerModel breaker = new BreakerModel(RATING, 3.0, 4.0, 5.0);
        assertEquals(9.0, breaker.theta(0));
        assertEquals(16.0, breaker.theta(1));
        assertEquals(25.0, breaker.theta(2));
        breaker.step(3.0, 4.0, 10.0);
        double a = Math.exp(-0.1 / TAU_S);
        assertEquals(a * 25.0 + (1 - a) * 100.0, breaker.theta(2), 1e-12);
        assertEquals(9.0, breaker.theta(0), 1e-12);
    }
}
