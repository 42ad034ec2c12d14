package me.napolni.dinamics.core.control.internal;

import me.napolni.dinamics.core.PhaseReadings;

/**
 * The breaker's thermal state per phase, estimated from the readings with the model of SCENARIO.md §3:
 * {@code θ ← a·θ + (1 − a)·I²} with {@code a = e^(−dt/τ)}; the breaker trips above {@code (tolerance·In)²}.
 */
public final class BreakerThermalState {

    private final double[] thetaAmpsSquared = new double[PhaseReadings.MAX_PHASES];
    private boolean started;

    /** Forgets the state: the next update starts warm, at the rating. */
    public void reset() {
        started = false;
    }

    /**
     * Advances the state by the time since the last pass, with the latest reading of each phase.
     *
     * <p>The first call starts every phase at the larger of the rating squared and its reading squared: a breaker
     * whose past is unknown is taken to be warm (the safe side).
     *
     * @param readings the latest mains readings
     * @param dtNs time since the previous update, not negative
     * @param tauNs the thermal time constant
     * @param breakerAmps the rating
     */
    public void update(PhaseReadings readings, long dtNs, long tauNs, double breakerAmps) {
        if (!started) {
            for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
                double amps = readings.amps(phase);
                thetaAmpsSquared[phase] = Math.max(breakerAmps * breakerAmps, amps * amps);
            }
            started = true;
            return;
        }
        if (dtNs <= 0) {
            return;
        }
        double keep = Math.exp(-(double) dtNs / tauNs);
        for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
            double amps = readings.amps(phase);
            thetaAmpsSquared[phase] = keep * thetaAmpsSquared[phase] + (1.0 - keep) * amps * amps;
        }
    }

    /**
     * Tells whether the state has been started by a reading.
     *
     * @return true after the first update
     */
    public boolean started() {
        return started;
    }

    /**
     * Returns the thermal state of a phase.
     *
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @return θ in A²
     */
    public double thetaAmpsSquared(int phase) {
        return thetaAmpsSquared[phase];
    }

    /**
     * Projects a phase's state ahead, the current staying constant.
     *
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @param amps the current assumed from now on
     * @param horizonNs how far ahead
     * @param tauNs the thermal time constant
     * @return θ in A² after {@code horizonNs}
     */
    public double projectedAmpsSquared(int phase, double amps, long horizonNs, long tauNs) {
        double keep = Math.exp(-(double) horizonNs / tauNs);
        double steady = amps * amps;
        return steady + (thetaAmpsSquared[phase] - steady) * keep;
    }
}
