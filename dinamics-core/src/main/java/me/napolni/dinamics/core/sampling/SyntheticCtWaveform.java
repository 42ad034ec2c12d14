package me.napolni.dinamics.core.sampling;

import java.util.SplittableRandom;

/**
 * Generates realistic raw CT samples for given true RMS currents, so that a simulation runs the whole sampling
 * path.
 *
 * <p>Per phase the current is a mains sine (50 Hz by default, the phases 120° apart) with a 3rd harmonic at 10 %
 * and a 5th at 5 % of the fundamental, phased to add at the peak like the peaky current of household rectifier
 * loads; its true RMS is the amps set. The front end maps it to counts with the calibration's own scale
 * ({@code 1 A = 4096 / (ical × 3.3)} counts), adds a DC bias near mid-scale, Gaussian noise (σ
 * {@value #NOISE_COUNTS} counts, from a seeded {@link SplittableRandom}), rounds and clips to 0..4095, as in
 * {@code testdata/ct/}. Time runs on continuously across blocks: a block follows the previous one without gap.
 *
 * <p>Not thread-safe, except {@link #amps(int, double)} and {@link #calibration(int)}, which a simulator may call
 * from another thread; they apply from the next block on.
 */
public final class SyntheticCtWaveform implements SampleSource {

    /** The default sample rate within a block, like the ESP32's back-to-back reads. */
    public static final int DEFAULT_SAMPLE_RATE_HZ = 12_000;
    /** The default mains frequency. */
    public static final double DEFAULT_MAINS_HZ = 50.0;
    /** Standard deviation of the ADC noise, counts. */
    public static final double NOISE_COUNTS = 3.5;
    /** The 3rd harmonic's share of the fundamental. */
    public static final double THIRD_HARMONIC = 0.10;
    /** The 5th harmonic's share of the fundamental. */
    public static final double FIFTH_HARMONIC = 0.05;
    /** The largest ADC count. */
    public static final int MAX_COUNT = 4095;

    private static final double TWO_PI = 2 * Math.PI;
    /** Peak of the fundamental per RMS amp: the harmonics add to the waveform's RMS. */
    private static final double PEAK_PER_RMS_AMP =
            Math.sqrt(2.0 / (1 + THIRD_HARMONIC * THIRD_HARMONIC + FIFTH_HARMONIC * FIFTH_HARMONIC));

    private final int phaseCount;
    private final int sampleRateHz;
    private final double radiansPerSample;
    private final double[] biasCounts;
    private final double[] amps;
    private final SplittableRandom random;
    private volatile double countsPerAmp;
    private volatile boolean ampsChanged;
    private final double[] targetAmps;
    private double angle;

    private SyntheticCtWaveform(int phaseCount, int calibration, int sampleRateHz, double mainsHz, long seed) {
        this.phaseCount = phaseCount;
        this.sampleRateHz = sampleRateHz;
        this.radiansPerSample = TWO_PI * mainsHz / sampleRateHz;
        this.random = new SplittableRandom(seed);
        this.biasCounts = new double[phaseCount];
        this.amps = new double[phaseCount];
        this.targetAmps = new double[phaseCount];
        for (int phase = 0; phase < phaseCount; phase++) {
            biasCounts[phase] = 2048 + (random.nextDouble() - 0.5) * 120;
        }
        calibration(calibration);
    }

    /**
     * Creates a generator at {@value #DEFAULT_SAMPLE_RATE_HZ} Hz and {@value #DEFAULT_MAINS_HZ} Hz mains.
     *
     * @param phaseCount phases, 1..3
     * @param calibration the front end's calibration value, for example 277
     * @param seed seed of the noise and the DC biases
     * @return a generator with every phase at 0 A
     */
    public static SyntheticCtWaveform create(int phaseCount, int calibration, long seed) {
        return create(phaseCount, calibration, DEFAULT_SAMPLE_RATE_HZ, DEFAULT_MAINS_HZ, seed);
    }

    /**
     * Creates a generator.
     *
     * @param phaseCount phases, 1..3
     * @param calibration the front end's calibration value, positive
     * @param sampleRateHz samples per second per phase, positive
     * @param mainsHz mains frequency, positive and below half the sample rate
     * @param seed seed of the noise and the DC biases
     * @return a generator with every phase at 0 A
     * @throws IllegalArgumentException for a value out of range
     */
    public static SyntheticCtWaveform create(int phaseCount, int calibration, int sampleRateHz, double mainsHz,
            long seed) {
        if (phaseCount < 1 || phaseCount > RmsMeter.MAX_PHASES) {
            throw new IllegalArgumentException("phase count must be 1.." + RmsMeter.MAX_PHASES + ": " + phaseCount);
        }
        if (sampleRateHz <= 0 || !(mainsHz > 0) || mainsHz * 2 >= sampleRateHz) {
            throw new IllegalArgumentException("need 0 < 2 × mains < sample rate: " + mainsHz + ", " + sampleRateHz);
        }
        return new SyntheticCtWaveform(phaseCount, calibration, sampleRateHz, mainsHz, seed);
    }

    /**
     * Sets the true RMS current of a phase.
     *
     * @param phase 0..phaseCount-1
     * @param rmsAmps amps RMS, finite and not negative
     * @throws IllegalArgumentException for a negative or non-finite value
     */
    public void amps(int phase, double rmsAmps) {
        if (!(rmsAmps >= 0) || Double.isInfinite(rmsAmps)) {
            throw new IllegalArgumentException("amps must be finite and not negative: " + rmsAmps);
        }
        synchronized (targetAmps) {
            targetAmps[phase] = rmsAmps;
            ampsChanged = true;
        }
    }

    /**
     * Changes the front end's calibration (as if another CT were fitted).
     *
     * @param calibration the calibration value, positive
     * @throws IllegalArgumentException when it is not positive
     */
    public void calibration(int calibration) {
        if (calibration <= 0) {
            throw new IllegalArgumentException("calibration must be positive: " + calibration);
        }
        countsPerAmp = 1.0 / RmsMeter.ratio(calibration);
    }

    /**
     * Returns a phase's DC bias.
     *
     * @param phase 0..phaseCount-1
     * @return counts
     */
    public double biasCounts(int phase) {
        return biasCounts[phase];
    }

    @Override
    public int phaseCount() {
        return phaseCount;
    }

    @Override
    public int sampleRateHz() {
        return sampleRateHz;
    }

    @Override
    public int read(short[][] blocks, int count) {
        if (ampsChanged) {
            synchronized (targetAmps) {
                System.arraycopy(targetAmps, 0, amps, 0, phaseCount);
                ampsChanged = false;
            }
        }
        double scale = countsPerAmp * PEAK_PER_RMS_AMP;
        for (int phase = 0; phase < phaseCount; phase++) {
            short[] block = blocks[phase];
            double peak = amps[phase] * scale;
            double bias = biasCounts[phase];
            double theta = angle - phase * (TWO_PI / 3);
            for (int i = 0; i < count; i++) {
                double wave = Math.sin(theta) - THIRD_HARMONIC * Math.sin(3 * theta)
                        + FIFTH_HARMONIC * Math.sin(5 * theta);
                double counts = Math.rint(bias + peak * wave + random.nextGaussian() * NOISE_COUNTS);
                block[i] = (short) Math.max(0, Math.min(MAX_COUNT, (int) counts));
                theta += radiansPerSample;
            }
        }
        angle = (angle + count * radiansPerSample) % TWO_PI;
        return count;
    }
}
