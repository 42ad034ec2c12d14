package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;

import org.junit.jupiter.api.Test;

class CarModelPropertyTest {

    private static final long SEED = 0x5EEDL;

    /** Each command is coded as setpoint (0..40) * 4 + action (0 none, 1 pause, 2 resume, 3 none); 20 steps each. */
    @Test
    void shouldStayWithinLimitsAndRateBoundsWhenCommandsAreArbitrary() {
        qt().withFixedSeed(SEED)
            .forAll(lists().of(integers().between(0, 40 * 4 + 3)).ofSizeBetween(1, 40))
            .checkAssert(CarModelPropertyTest::checkCar);
    }

    private static void checkCar(List<Integer> commands) {
        CarModel car = new CarModel(16);
        ChargerModel charger = new ChargerModel();
        double previous = 0.0;
        int pausedSteps = 0;
        for (int command : commands) {
            charger.setCurrent(command / 4);
            if (command % 4 == 1) {
                car.pause();
            } else if (command % 4 == 2) {
                car.resume();
            }
            for (int step = 0; step < 20; step++) {
                double amps = car.step(charger.setpointAmps());
                assertTrue(amps >= 0.0 && amps <= 16.0, "current " + amps);
                boolean start = previous == 0.0 && amps == CarModel.START_AMPS;
                assertTrue(start || amps - previous <= CarModel.RISE_PER_STEP_AMPS + 1e-9,
                        "rose from " + previous + " to " + amps);
                pausedSteps = car.paused() ? pausedSteps + 1 : 0;
                if (pausedSteps >= CarModel.PAUSE_RAMP_STEPS) {
                    assertEquals(0.0, amps, "a pause reaches 0 A within 1 s");
                }
                if (car.resuming()) {
                    assertEquals(0.0, amps, "no current during the resume's dead time");
                }
                previous = amps;
            }
        }
    }
}
