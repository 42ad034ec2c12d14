package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CarModelTest {

    private static final double EPS = 1e-9;

    /** A car resumed at step 0 with a 6 A setpoint: 0 A for 50 steps, then 6 A; returned after step 59. */
    private static CarModel chargingAtSixAmps() {
        CarModel car = new CarModel(32);
        assertTrue(car.resume());
        for (int step = 0; step < 50; step++) {
            assertEquals(0.0, car.step(6), "dead time, step " + step);
        }
        for (int step = 50; step < 60; step++) {
            assertEquals(6.0, car.step(6), EPS, "step " + step);
        }
        return car;
    }

    @Test
    void shouldStartAtSixAmpsFiveSecondsAfterResume() {
        CarModel car = new CarModel(16);
        assertTrue(car.paused());
        assertTrue(car.resume());
        assertTrue(car.resuming());
        for (int step = 0; step < CarModel.RESUME_DEAD_STEPS; step++) {
            assertEquals(0.0, car.step(16));
        }
        assertEquals(6.0, car.step(16), EPS);
        assertEquals(6.3, car.step(16), EPS);
    }

    @Test
    void shouldRaiseAt3AmpsPerSecondTwoSecondsAfterAHigherSetpoint() {
        CarModel car = chargingAtSixAmps();
        // the setpoint becomes 16 A at relative step 0; the lowest setpoint of [t-2 s, t-1 s] is 6 A until step 19
        for (int step = 0; step < 20; step++) {
            assertEquals(6.0, car.step(16), EPS, "before the delay, step " + step);
        }
        double expected = 6.0;
        int step = 20;
        while (expected < 16.0 - EPS) {
            expected = Math.min(16.0, expected + 0.3);
            assertEquals(expected, car.step(16), 1e-6, "ramp, step " + step);
            step++;
        }
        assertEquals(20 + 34, step, "6 A to 16 A at 0.3 A per step takes 34 steps");
        assertEquals(16.0, car.step(16), EPS);
    }

    @Test
    void shouldFallAt20AmpsPerSecondOneSecondAfterALowerSetpoint() {
        CarModel car = chargingAtSixAmps();
        for (int step = 0; step < 100; step++) {
            car.step(16);
        }
        assertEquals(16.0, car.amps(), EPS);
        for (int step = 0; step < 10; step++) {
            assertEquals(16.0, car.step(6), EPS, "before the delay, step " + step);
        }
        double[] expected = {14.0, 12.0, 10.0, 8.0, 6.0, 6.0};
        for (double amps : expected) {
            assertEquals(amps, car.step(6), EPS);
        }
    }

    @Test
    void shouldCapAtTheCarMaximumWhenTheSetpointIsHigher() {
        CarModel car = new CarModel(16);
        car.resume();
        for (int step = 0; step < 200; step++) {
            car.step(32);
        }
        assertEquals(16.0, car.amps(), EPS);
    }

    @Test
    void shouldRampToZeroOverOneSecondWhenPaused() {
        CarModel car = chargingAtSixAmps();
        for (int step = 0; step < 100; step++) {
            car.step(16);
        }
        assertTrue(car.pause());
        assertTrue(car.paused());
        for (int i = 0; i < 10; i++) {
            assertEquals(16.0 * (9 - i) / 10.0, car.step(16), EPS, "step " + i + " after the pause");
        }
        assertEquals(0.0, car.step(16));
        assertFalse(car.pause(), "pause while paused is a no-op");
    }

    @Test
    void shouldCancelTheResumeWhenPausedDuringTheDeadTime() {
        CarModel car = new CarModel(16);
        car.resume();
        for (int step = 0; step < 20; step++) {
            car.step(16);
        }
        assertTrue(car.pause(), "a pause that stops a resuming car counts");
        for (int step = 0; step < 200; step++) {
            assertEquals(0.0, car.step(16));
        }
        assertTrue(car.resume());
        for (int step = 0; step < 50; step++) {
            assertEquals(0.0, car.step(16), "a new dead time");
        }
        assertEquals(6.0, car.step(16), EPS);
    }

    @Test
    void shouldIgnoreResumeWhenCharging() {
        CarModel car = chargingAtSixAmps();
        assertFalse(car.resume());
        assertEquals(6.0, car.step(6), EPS);
        assertFalse(car.resuming());
    }

    @Test
    void shouldTakeTheLowestSetpointOfTheWindowWhenItDipsBriefly() {
        CarModel car = chargingAtSixAmps();
        for (int step = 0; step < 100; step++) {
            car.step(16);
        }
        // one step at 10 A: in the window [k-20, k-10] from relative step 10 to 20
        car.step(10);
        for (int step = 1; step < 10; step++) {
            assertEquals(16.0, car.step(16), EPS);
        }
        assertEquals(14.0, car.step(16), EPS);
        assertEquals(12.0, car.step(16), EPS);
        assertEquals(10.0, car.step(16), EPS);
    }
}
