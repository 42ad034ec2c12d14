package me.napolni.dinamics.core.sim;

import java.util.SplittableRandom;

/**
 * The meter as the scenario models it (SCENARIO.md §3): the reading available at step k is
 * √((I[k−4]² + I[k−3]²)/2) of the true mains current, an RMS over 200 ms that is 200 ms old, plus noise
 * r = r_true + u·(0.005·r_true + 0.05), clamped at 0, with u = 2·nextDouble() − 1 drawn from
 * {@code new SplittableRandom(1)}: three draws per step (L1, L2, L3), every step, delivered or not.
 *
 * <p>Each step: {@link #read(double[])} once, then {@link #record(double, double, double)} with the step's
 * true currents.
 */
public final class MeasurementModel {

    /** The seed of the noise sequence. */
    public static final long NOISE_SEED = 1L;
    /** Noise proportional to the reading (0.5 %). */
    public static final double NOISE_GAIN = 0.005;
    /** Noise independent of the reading, amps. */
    public static final double NOISE_OFFSET_AMPS = 0.05;

    private final SplittableRandom random = new SplittableRandom(NOISE_SEED);
    private final double[][] squares = new double[4][3];
    private int step;

    /**
     * Creates a meter whose past (before the first step) carried constant currents.
     *
     * @param i1 the current of L1 before the start
     * @param i2 the current of L2 before the start
     * @param i3 the current of L3 before the start
     */
    public MeasurementModel(double i1, double i2, double i3) {
        for (double[] past : squares) {
            past[0] = i1 * i1;
            past[1] = i2 * i2;
            past[2] = i3 * i3;
        }
    }

    /**
     * Computes the reading of the current step, drawing its three noise values.
     *
     * @param out receives the reading of L1, L2, L3 in amps (length at least 3)
     */
    public void read(double[] out) {
        double[] oldest = squares[step & 3];
        double[] older = squares[(step + 1) & 3];
        for (int phase = 0; phase < 3; phase++) {
            double u = 2.0 * random.nextDouble() - 1.0;
            double trueRms = Math.sqrt((oldest[phase] + older[phase]) / 2.0);
            double reading = trueRms + u * (NOISE_GAIN * trueRms + NOISE_OFFSET_AMPS);
            out[phase] = Math.max(0.0, reading);
        }
    }

    /**
     * Records the true currents of the current step and moves to the next.
     *
     * @param i1 the current of L1 in this step, amps
     * @param i2 the current of L2 in this step, amps
     * @param i3 the current of L3 in this step, amps
     */
    public void record(double i1, double i2, double i3) {
        double[] slot = squares[step & 3];
        slot[0] = i1 * i1;
        slot[1] = i2 * i2;
        slot[2] = i3 * i3;
        step++;
    }
}
