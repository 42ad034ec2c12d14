package me.napolni.dinamics.core.sampling;

import me.napolni.dinamics.core.PhaseReadings;

/**
 * Computes RMS current from raw 12-bit CT samples exactly as emonLib's {@code calcIrms} does, for up to three
 * phases at once, without allocating.
 *
 * <p>Per phase it keeps the DC offset estimate, which starts at {@value #INITIAL_OFFSET_COUNTS} counts, moves
 * 1/1024 of the way towards each sample and persists across calls; the sum of squares starts at zero on every
 * call. The result is {@code ical × (3.3 / 4096) × sqrt(sum / N)} with {@code ical = calibration / 10.0}.
 *
 * <p>Rearrangement: with {@code d = s − offset_old}, the library's filtered value {@code s − offset_new} equals
 * {@code d × (1 − 1/1024)} in exact arithmetic. The loops therefore sum {@code d²} and scale the sum once by
 * {@code (1023/1024)²} (exactly representable). The single-phase loop updates the offset as
 * {@code offset + d × (1/1024)}, the library's own step bit for bit; the two- and three-phase loops use the equal
 * form {@code offset × (1023/1024) + s × (1/1024)}, whose dependency chain is one multiplication and one addition
 * instead of a subtraction, a multiplication and an addition, so their offsets differ from emonLib's by a few
 * roundings (the filter contracts, so this does not accumulate beyond about {@code 1e-12} counts). Error bound:
 * each filtered value differs from emonLib's by a few roundings of numbers below 4096 (each at most
 * {@code 2^-42} counts), so the result's relative error is at most about {@code 1e-12 / rms} (rms in counts)
 * plus summation rounding of about {@code 1e-16 × N}; on every {@code testdata/ct} file it stays far inside the
 * 1e-12 tolerance of {@code testdata/ct/README.md} ({@code RmsMeterTest} checks every file and call).
 *
 * <p>Speed comes from processing the phases of one pass together: the offset filter is a serial chain of
 * dependent operations per phase, so interleaving two or three independent chains in one loop keeps the CPU's
 * pipelines busy. Two layouts are accepted: per-phase blocks ({@link #measureBlocks}) and interleaved frames
 * L1,L2,L3,L1,... ({@link #measureInterleaved}). The loop is chosen once per call by the phase count; there is
 * no branch per sample.
 * <pre>
 *   RmsMeter meter = RmsMeter.create(3, settings.calibration());
 *   while (running) {
 *       source.read(blocks, 1480);
 *       meter.measureBlocks(blocks, 0, 1480, amps);     // amps[0..2], reused
 *   }
 * </pre>
 * Not thread-safe for measuring: one sampling thread owns it. {@link #calibration(int)} may be called from any
 * thread and applies from the next call on.
 */
public final class RmsMeter {

    /** The DC offset estimate of a new channel: half of 4096 counts. */
    public static final double INITIAL_OFFSET_COUNTS = 2048.0;
    /** The most phases one meter measures. */
    public static final int MAX_PHASES = PhaseReadings.MAX_PHASES;

    /** 1/1024: multiplying by it gives the same bits as dividing by 1024. */
    private static final double FILTER_STEP = 1.0 / 1024;
    private static final int SAMPLE_MASK = 0xFFFF;
    /** (1 − 1/1024)², exact in a double: the filtered value is d × (1 − 1/1024), so its square is d² × this. */
    /** 1 − 1/1024, exact in a double: the share of the old offset that stays. */
    private static final double OFFSET_KEEP = 1023.0 / 1024;
    private static final double FILTERED_SQUARE_SCALE = (1023.0 / 1024) * (1023.0 / 1024);

    private final int phaseCount;
    private final double[] offsets;
    private volatile double ratio;
    private volatile int calibration;

    private RmsMeter(int phaseCount, int calibration) {
        this.phaseCount = phaseCount;
        this.offsets = new double[phaseCount];
        calibration(calibration);
        reset();
    }

    /**
     * Creates a meter.
     *
     * @param phaseCount phases measured, 1..3
     * @param calibration the product's calibration value, 100..2000 (277 = 50 A/1 V, 544 = 100 A/1 V)
     * @return a meter with every offset at {@value #INITIAL_OFFSET_COUNTS}
     * @throws IllegalArgumentException for a phase count outside 1..3 or a calibration that is not positive
     */
    public static RmsMeter create(int phaseCount, int calibration) {
        if (phaseCount < 1 || phaseCount > MAX_PHASES) {
            throw new IllegalArgumentException("phase count must be 1.." + MAX_PHASES + ": " + phaseCount);
        }
        return new RmsMeter(phaseCount, calibration);
    }

    /**
     * Returns the ratio that turns RMS counts into amps for a calibration, as emonLib computes it.
     *
     * @param calibration the product's calibration value, for example 277
     * @return {@code (calibration / 10.0) × ((3300 / 1000.0) / 4096)}
     */
    public static double ratio(int calibration) {
        double ical = calibration / 10.0;
        return ical * ((3300 / 1000.0) / 4096);
    }

    /**
     * Changes the calibration; it applies from the next measurement on, and the offsets are kept.
     *
     * @param calibration the product's calibration value, positive
     * @throws IllegalArgumentException when it is not positive
     */
    public void calibration(int calibration) {
        if (calibration <= 0) {
            throw new IllegalArgumentException("calibration must be positive: " + calibration);
        }
        this.ratio = ratio(calibration);
        this.calibration = calibration;
    }

    /**
     * Returns the calibration in use.
     *
     * @return the product's calibration value
     */
    public int calibration() {
        return calibration;
    }

    /**
     * Returns the number of phases.
     *
     * @return 1..3
     */
    public int phaseCount() {
        return phaseCount;
    }

    /**
     * Returns a phase's DC offset estimate.
     *
     * @param phase 0..phaseCount-1
     * @return ADC counts
     */
    public double offsetCounts(int phase) {
        return offsets[phase];
    }

    /** Sets every offset back to {@value #INITIAL_OFFSET_COUNTS}, as for a new meter. */
    public void reset() {
        for (int phase = 0; phase < phaseCount; phase++) {
            offsets[phase] = INITIAL_OFFSET_COUNTS;
        }
    }

    /**
     * Measures one phase (one {@code calcIrms} call).
     *
     * @param phase 0..phaseCount-1
     * @param samples raw ADC counts, read as unsigned 16-bit
     * @param from index of the first sample
     * @param count number of samples, at least 1
     * @return amps RMS
     */
    public double measure(int phase, short[] samples, int from, int count) {
        double k = ratio;
        double offset = offsets[phase];
        double sum = 0;
        int end = from + count;
        for (int i = from; i < end; i++) {
            double d = (samples[i] & SAMPLE_MASK) - offset;
            offset += d * FILTER_STEP;
            sum += d * d;
        }
        offsets[phase] = offset;
        return k * Math.sqrt(sum * FILTERED_SQUARE_SCALE / count);
    }

    /**
     * Measures every phase from per-phase blocks: one {@code calcIrms} call per phase over the same indices.
     *
     * @param blocks one array per phase, at least {@link #phaseCount()} of them
     * @param from index of the first sample in every block
     * @param count samples per phase, at least 1
     * @param ampsOut receives amps RMS per phase, index 0..phaseCount-1
     */
    public void measureBlocks(short[][] blocks, int from, int count, double[] ampsOut) {
        switch (phaseCount) {
            case 1:
                ampsOut[0] = measure(0, blocks[0], from, count);
                break;
            case 2:
                measureTwo(blocks[0], from, 1, blocks[1], from, 1, count, ampsOut);
                break;
            default:
                measureThree(blocks[0], from, blocks[1], from, blocks[2], from, 1, count, ampsOut);
                break;
        }
    }

    /**
     * Measures every phase from interleaved frames {@code L1, L2, L3, L1, L2, L3, ...} (or L1, L2 for two phases).
     *
     * @param samples raw ADC counts, {@code phaseCount × frames} of them from {@code from} on
     * @param from index of the first sample of the first frame
     * @param frames samples per phase, at least 1
     * @param ampsOut receives amps RMS per phase, index 0..phaseCount-1
     */
    public void measureInterleaved(short[] samples, int from, int frames, double[] ampsOut) {
        switch (phaseCount) {
            case 1:
                ampsOut[0] = measure(0, samples, from, frames);
                break;
            case 2:
                measureTwo(samples, from, 2, samples, from + 1, 2, frames, ampsOut);
                break;
            default:
                measureThree(samples, from, samples, from + 1, samples, from + 2, 3, frames, ampsOut);
                break;
        }
    }

    /**
     * Measures per-phase blocks and records the result as readings.
     *
     * @param blocks one array per phase, samples from index 0
     * @param count samples per phase, at least 1
     * @param scratch a caller-owned array of at least {@link #phaseCount()} elements
     * @param out receives amps per phase, measured at {@code nowNs}
     * @param nowNs the time of the measurement, from the injected clock
     */
    public void measureInto(short[][] blocks, int count, double[] scratch, PhaseReadings out, long nowNs) {
        measureBlocks(blocks, 0, count, scratch);
        for (int phase = 0; phase < phaseCount; phase++) {
            out.amps(phase, scratch[phase], nowNs);
        }
    }

    private void measureTwo(short[] a, int fromA, int strideA, short[] b, int fromB, int strideB, int count,
            double[] ampsOut) {
        double k = ratio;
        double offsetA = offsets[0];
        double offsetB = offsets[1];
        double sumA = 0;
        double sumB = 0;
        int ia = fromA;
        int ib = fromB;
        for (int n = 0; n < count; n++) {
            double sa = a[ia] & SAMPLE_MASK;
            double da = sa - offsetA;
            double sb = b[ib] & SAMPLE_MASK;
            double db = sb - offsetB;
            offsetA = offsetA * OFFSET_KEEP + sa * FILTER_STEP;
            offsetB = offsetB * OFFSET_KEEP + sb * FILTER_STEP;
            sumA += da * da;
            sumB += db * db;
            ia += strideA;
            ib += strideB;
        }
        offsets[0] = offsetA;
        offsets[1] = offsetB;
        ampsOut[0] = k * Math.sqrt(sumA * FILTERED_SQUARE_SCALE / count);
        ampsOut[1] = k * Math.sqrt(sumB * FILTERED_SQUARE_SCALE / count);
    }

    private void measureThree(short[] a, int fromA, short[] b, int fromB, short[] c, int fromC, int stride,
            int count, double[] ampsOut) {
        double k = ratio;
        double offsetA = offsets[0];
        double offsetB = offsets[1];
        double offsetC = offsets[2];
        double sumA = 0;
        double sumB = 0;
        double sumC = 0;
        int ia = fromA;
        int ib = fromB;
        int ic = fromC;
        for (int n = 0; n < count; n++) {
            double sa = a[ia] & SAMPLE_MASK;
            double da = sa - offsetA;
            double sb = b[ib] & SAMPLE_MASK;
            double db = sb - offsetB;
            double sc = c[ic] & SAMPLE_MASK;
            double dc = sc - offsetC;
            offsetA = offsetA * OFFSET_KEEP + sa * FILTER_STEP;
            offsetB = offsetB * OFFSET_KEEP + sb * FILTER_STEP;
            offsetC = offsetC * OFFSET_KEEP + sc * FILTER_STEP;
            sumA += da * da;
            sumB += db * db;
            sumC += dc * dc;
            ia += stride;
            ib += stride;
            ic += stride;
        }
        offsets[0] = offsetA;
        offsets[1] = offsetB;
        offsets[2] = offsetC;
        ampsOut[0] = k * Math.sqrt(sumA * FILTERED_SQUARE_SCALE / count);
        ampsOut[1] = k * Math.sqrt(sumB * FILTERED_SQUARE_SCALE / count);
        ampsOut[2] = k * Math.sqrt(sumC * FILTERED_SQUARE_SCALE / count);
    }
}
