package me.napolni.dinamics.core.control.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import me.napolni.dinamics.core.PhaseReadings;
import org.junit.jupiter.api.Test;

class PhaseDetectorTest {

    private static final long SECOND_NS = 1_000_000_000L;

    private final PhaseDetector detector = new PhaseDetector();
    private final PhaseReadings mains = new PhaseReadings();
    private long nowNs;

    /** The car steady at {@code carAmps} on {@code carMask} for some seconds, over a steady house. */
    private void steady(double carAmps, int carMask, double[] house, int seconds) {
        for (int s = 0; s < seconds; s++) {
            nowNs += SECOND_NS;
            for (int phase = 0; phase < 3; phase++) {
                double amps = house[phase] + ((carMask & (1 << phase)) != 0 ? carAmps : 0.0);
                mains.amps(phase, amps, nowNs);
            }
            detector.update(mains, carAmps, nowNs);
        }
    }

    @Test
    void shouldFindSinglePhaseCarWhenTwoRisesAgree() {
        double[] house = {3, 5, 2};
        steady(0, 0b010, house, 5);
        steady(10, 0b010, house, 6);                          // the start
        assertEquals(PhaseSet.NONE, detector.mask(), "one rise is not enough");
        steady(6, 0b010, house, 6);                           // a cut
        steady(14, 0b010, house, 6);                          // a raise
        assertEquals(0b010, detector.mask());
    }

    @Test
    void shouldNotNarrowWhenHouseLoadFallsAsCarRises() {
        steady(0, 0b111, new double[] {3, 12, 3}, 5);
        steady(8, 0b111, new double[] {3, 4, 3}, 6);         // L2's house drops by the car's step: L2 looks idle
        steady(8, 0b111, new double[] {3, 4, 3}, 5);
        steady(16, 0b111, new double[] {3, 4, 3}, 6);         // a clean rise: all three
        assertEquals(PhaseSet.NONE, detector.mask() & ~PhaseSet.ALL);
        assertEquals(true, detector.mask() == PhaseSet.NONE || detector.mask() == PhaseSet.ALL,
                "never narrowed to two phases: " + detector.mask());
    }

    @Test
    void shouldWidenAtOnceWhenCarShowsOnAnotherPhase() {
        // a car on L1 and L2 whose two rises both coincide with L2's house load falling by as much: it looks like L1
        steady(0, 0b011, new double[] {3, 12, 3}, 5);
        steady(8, 0b011, new double[] {3, 4, 3}, 6);
        steady(4, 0b011, new double[] {3, 8, 3}, 6);
        steady(12, 0b011, new double[] {3, 0, 3}, 6);
        assertEquals(0b001, detector.mask(), "fooled twice");
        steady(4, 0b011, new double[] {3, 0, 3}, 4);         // a clean step shows the car on L2 as well
        assertEquals(0b011, detector.mask());
    }

    @Test
    void shouldForgetEverythingWhenReset() {
        double[] house = {3, 3, 3};
        steady(0, 0b100, house, 5);
        steady(10, 0b100, house, 6);
        steady(4, 0b100, house, 6);
        steady(14, 0b100, house, 6);
        assertEquals(0b100, detector.mask());
        detector.reset();
        assertEquals(PhaseSet.NONE, detector.mask());
    }
}
