package me.napolni.dinamics.core.sim;

/**
 * The main breaker's thermal trip, per phase (SCENARIO.md §3).
 *
 * <p>θ<sub>k</sub> = a·θ<sub>k−1</sub> + (1 − a)·I<sub>k</sub>², a = e<sup>−0.1/250</sup> (τ = 250 s, 100 ms
 * steps). It trips when θ &gt; (1.13·In)² on any phase after the update, or when any phase carries ≥ 5·In. This
 * honours IEC 60898-1: no trip at 1.13·In; from cold, a trip after about 234 s at 1.45·In and 55 s at 2.55·In.
 * The model only tells; the caller opens the circuit (and keeps calling {@link #step} with 0 A during the
 * outage, so that θ keeps following its equation).
 */
public final class BreakerModel {

    /** The factor a of the thermal equation for a 100 ms step. */
    public static final double DECAY_PER_STEP = Math.exp(-0.1 / 250.0);
    /** The conventional non-tripping current, as a multiple of In. */
    public static final double NON_TRIP_FACTOR = 1.13;
    /** The instantaneous (magnetic) trip, as a multiple of In. */
    public static final double INSTANT_TRIP_FACTOR = 5.0;
    /** How long the power stays off after a trip, in 100 ms steps (600 s). */
    public static final int OUTAGE_STEPS = 6000;

    private final double ratingAmps;
    private final double thresholdSquared;
    private final double instantAmps;
    private final double[] theta = new double[3];

    /**
     * Creates a breaker whose thermal state is that of steady currents.
     *
     * @param ratingAmps In, per phase
     * @param i1 the current of L1 before the start
     * @param i2 the current of L2 before the start
     * @param i3 the current of L3 before the start
     */
    public BreakerModel(double ratingAmps, double i1, double i2, double i3) {
        this.ratingAmps = ratingAmps;
        double limit = NON_TRIP_FACTOR * ratingAmps;
        this.thresholdSquared = limit * limit;
        this.instantAmps = INSTANT_TRIP_FACTOR * ratingAmps;
        theta[0] = i1 * i1;
        theta[1] = i2 * i2;
        theta[2] = i3 * i3;
    }

    /**
     * Updates the thermal state with one step's true currents and tests for a trip.
     *
     * @param i1 the current of L1 in this step, amps
     * @param i2 the current of L2 in this step, amps
     * @param i3 the current of L3 in this step, amps
     * @return true when the breaker trips at this step
     */
    public boolean step(double i1, double i2, double i3) {
        theta[0] = DECAY_PER_STEP * theta[0] + (1.0 - DECAY_PER_STEP) * i1 * i1;
        theta[1] = DECAY_PER_STEP * theta[1] + (1.0 - DECAY_PER_STEP) * i2 * i2;
        theta[2] = DECAY_PER_STEP * theta[2] + (1.0 - DECAY_PER_STEP) * i3 * i3;
        return overThreshold() || i1 >= instantAmps || i2 >= instantAmps || i3 >= instantAmps;
    }

    /**
     * Tells whether the thermal state of any phase is above the trip threshold.
     *
     * @return true when θ &gt; (1.13·In)² on some phase
     */
    public boolean overThreshold() {
        return theta[0] > thresholdSquared || theta[1] > thresholdSquared || theta[2] > thresholdSquared;
    }

    /**
     * Returns the thermal state of a phase.
     *
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @return θ in A²
     */
    public double theta(int phase) {
        return theta[phase];
    }

    /**
     * Returns the largest thermal state of the three phases as a fraction of the trip threshold.
     *
     * @return max θ / (1.13·In)²; above 1 means tripped
     */
    public double load() {
        return Math.max(theta[0], Math.max(theta[1], theta[2])) / thresholdSquared;
    }

    /**
     * Returns the trip threshold.
     *
     * @return (1.13·In)² in A²
     */
    public double thresholdSquared() {
        return thresholdSquared;
    }

    /**
     * Returns the rating.
     *
     * @return In, amps
     */
    public double ratingAmps() {
        return ratingAmps;
    }
}
