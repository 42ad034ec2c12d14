package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IdealReferenceTest {

    private static final HouseholdDay DAY = HouseholdDay.of("synthetic",
            new double[] {5.0, 5.0, 10.0, 0.0, 21.0},
            new double[] {5.0, 15.0, 19.0, 0.0, 0.0},
            new double[] {5.0, 5.0, 0.0, 0.0, 0.0});

    @Test
    void shouldTakeTheTightestCarPhaseCappedAtTheCarMaximumWhenThreePhase() {
        CarProfile car = CarProfile.THREE_PHASE_16A;
        assertEquals(15.0, IdealReference.amps(DAY, car, 20, 0));
        assertEquals(0.0, IdealReference.amps(DAY, car, 20, 1), "5 A on L2 is below 6 A: 0");
        assertEquals(0.0, IdealReference.amps(DAY, car, 20, 2));
        assertEquals(16.0, IdealReference.amps(DAY, car, 20, 3));
        assertEquals(0.0, IdealReference.amps(DAY, car, 20, 4));
        assertEquals(6.0, IdealReference.amps(DAY, car, 21, 1), "exactly 6 A fits");
    }

    @Test
    void shouldLookAtL1OnlyWhenSinglePhase() {
        CarProfile car = CarProfile.SINGLE_PHASE_32A;
        assertEquals(15.0, IdealReference.amps(DAY, car, 20, 1));
        assertEquals(10.0, IdealReference.amps(DAY, car, 20, 2));
        assertEquals(20.0, IdealReference.amps(DAY, car, 20, 3));
        assertEquals(32.0, IdealReference.amps(DAY, car, 40, 3));
        assertEquals(0.0, IdealReference.amps(DAY, car, 20, 4));
    }

    @Test
    void shouldSumAmpSecondsTimesVoltsAndPhasesWhenComputingEnergy() {
        double threePhase = (15.0 + 0 + 0 + 16.0 + 0) * 230.0 * 3 / 3.6e6;
        assertEquals(threePhase, IdealReference.energyKwh(DAY, CarProfile.THREE_PHASE_16A, 20), 1e-12);
        double bound = 1.13 * 20;
        double singlePhase = ((bound - 5) + (bound - 5) + (bound - 10) + bound + 0) * 230.0 / 3.6e6;
        assertEquals(singlePhase, IdealReference.energyKwh(DAY, CarProfile.SINGLE_PHASE_32A, bound), 1e-12);
    }
}
