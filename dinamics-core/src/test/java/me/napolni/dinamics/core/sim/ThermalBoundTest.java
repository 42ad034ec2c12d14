package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ThermalBoundTest {

    private static final double A = BreakerModel.DECAY_PER_STEP;
    private static final double B = 1.0 - A;

    private static HouseholdDay constant(double amps, int seconds) {
        double[] phase = new double[seconds];
        Arrays.fill(phase, amps);
        return HouseholdDay.of("constant", phase, phase, phase);
    }

    private static double limitSq(double ratingAmps, double peakPct) {
        double limit = BreakerModel.NON_TRIP_FACTOR * ratingAmps;
        return peakPct / 100.0 * limit * limit;
    }

    @Test
    void shouldGiveTheCarMaximumAllDayWhenTheMaximumNeverHeatsThePhase() {
        int seconds = 600;
        ThermalBound bound = ThermalBound.of(constant(5.0, seconds), CarProfile.THREE_PHASE_16A, 32, 95.0);
        // (5 + 16)² = 441 A² is far under 0.95 · 36.16² = 1242 A²: nothing to cut.
        assertEquals(16.0 * seconds, bound.upperAmpSeconds(), 1e-6);
        assertEquals(16.0 * seconds, bound.feasibleAmpSeconds(), 1e-6);
        assertEquals(16.0 * seconds * 230.0 * 3 / 3.6e6, bound.upperKwh(), 1e-9);
    }

    @Test
    void shouldLieBetweenSteadyCurrentAndEnergyBalanceWhenHouseIsConstantAndHigh() {
        int seconds = 3600;
        int steps = seconds * Scenario.STEPS_PER_SECOND;
        double house = 10.0;
        double limitSq = limitSq(20, 95.0);
        ThermalBound bound = ThermalBound.of(constant(house, seconds), CarProfile.THREE_PHASE_16A, 20, 95.0);

        // Feasible for every law: the steady current that holds x² = L (θ starts at 100 A² < L).
        double steadyAmps = Math.sqrt(limitSq) - house;
        assertTrue(steadyAmps > ChargerModel.MIN_SETPOINT_AMPS && steadyAmps < 16.0);
        double steadyAs = steadyAmps * steps * 0.1;
        // No law does better than the energy balance: Σ b·x² = θ_last − a·θ_start + b·Σ θ ≤ L − a·h² + b·(N−1)·L,
        // and Σ x ≤ √(N·Σ x²) (Cauchy–Schwarz).
        double sumSquares = (steps - 1) * limitSq + (limitSq - A * house * house) / B;
        double balanceAs = (Math.sqrt(steps * sumSquares) - steps * house) * 0.1;

        assertTrue(bound.feasibleAmpSeconds() >= steadyAs - 1e-6,
                bound.feasibleAmpSeconds() + " A*s < steady " + steadyAs);
        assertTrue(bound.upperAmpSeconds() >= bound.feasibleAmpSeconds());
        assertTrue(bound.upperAmpSeconds() <= balanceAs + 1e-6, bound.upperAmpSeconds() + " > " + balanceAs);
        assertTrue(bound.upperAmpSeconds() < 16.0 * seconds, "the limit must cost something");
    }

    @Test
    void shouldCutOnlyAfterTheStepWhenTheHouseStepsUp() {
        int seconds = 1200;
        double[] l1 = new double[seconds];
        Arrays.fill(l1, 600, seconds, 17.0);
        double[] zero = new double[seconds];
        ThermalBound bound = ThermalBound.of(HouseholdDay.of("step", l1, zero, zero), CarProfile.SINGLE_PHASE_32A,
                20, 95.0);
        double limitSq = limitSq(20, 95.0);
        // Before the step the car's 32 A gives 1024 A², above L = 485 A², so even the first 600 s are limited:
        // from θ = 0, 32 A holds for 250·ln(1024 / (1024 − L)) s, then √L A; after the step, without the car θ
        // falls toward 17² = 289 A², so the bound is above 17 A·s per s of the first part and below 32 A.
        double holdS = 250.0 * Math.log(1024.0 / (1024.0 - limitSq));
        double firstPartAs = 32.0 * holdS + Math.sqrt(limitSq) * (600.0 - holdS - 1.0);
        assertTrue(bound.feasibleAmpSeconds() >= firstPartAs * 0.99, bound.feasibleAmpSeconds() + " A*s");
        assertTrue(bound.upperAmpSeconds() >= bound.feasibleAmpSeconds());
        assertTrue(bound.upperAmpSeconds() - bound.feasibleAmpSeconds() <= 0.03 * bound.upperAmpSeconds(),
                "the dual is within 3 % of a feasible plan: " + bound.upperAmpSeconds() + " vs "
                        + bound.feasibleAmpSeconds());
        assertTrue(bound.upperAmpSeconds() < 32.0 * seconds * 0.75);
    }

    @Test
    void shouldBeAtLeastWhatAnyPlanWithinThePeakChargesWhenPlansAreSimulated() {
        int seconds = 900;
        double[] l1 = new double[seconds];
        for (int s = 0; s < seconds; s++) {
            l1[s] = (s / 60) % 3 == 0 ? 18.0 : 4.0;
        }
        double[] zero = new double[seconds];
        HouseholdDay day = HouseholdDay.of("blocks", l1, zero, zero);
        ThermalBound bound = ThermalBound.of(day, CarProfile.SINGLE_PHASE_32A, 25, 95.0);
        double limitSq = limitSq(25, 95.0);
        // Plans of constant current c whenever they fit: each one that keeps θ ≤ L is below the bound.
        for (double c = 6.0; c <= 32.0; c += 1.0) {
            double theta = l1[0] * l1[0];
            double total = 0.0;
            boolean within = true;
            for (int k = 0; k < seconds * Scenario.STEPS_PER_SECOND; k++) {
                double x = l1[k / Scenario.STEPS_PER_SECOND] + c;
                theta = A * theta + B * x * x;
                within &= theta <= limitSq;
                total += c * 0.1;
            }
            if (within) {
                assertTrue(total <= bound.upperAmpSeconds(), c + " A: " + total + " > " + bound.upperAmpSeconds());
            }
        }
        assertTrue(bound.upperAmpSeconds() >= bound.feasibleAmpSeconds());
    }

    @Test
    void shouldBeNotApplicableWhenTheHouseAloneBreaksThePeak() {
        ThermalBound bound = ThermalBound.of(constant(22.0, 60), CarProfile.THREE_PHASE_16A, 20, 90.0);
        assertTrue(Double.isNaN(bound.upperKwh()));
        assertTrue(Double.isNaN(bound.feasibleKwh()));
    }

    @Test
    void shouldRejectNonPositivePeakWhenAsked() {
        assertThrows(IllegalArgumentException.class,
                () -> ThermalBound.of(constant(1.0, 10), CarProfile.THREE_PHASE_16A, 20, 0.0));
    }
}
