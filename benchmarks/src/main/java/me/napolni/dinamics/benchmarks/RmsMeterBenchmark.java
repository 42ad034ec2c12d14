package me.napolni.dinamics.benchmarks;

import me.napolni.dinamics.core.sampling.EmonLibRmsBaseline;
import me.napolni.dinamics.core.sampling.RmsMeter;
import me.napolni.dinamics.core.sampling.SyntheticCtWaveform;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * {@link RmsMeter} over three phases of 12-bit CT samples against {@link EmonLibRmsBaseline}, the straightforward
 * one-sample-at-a-time port of emonLib's {@code calcIrms}, one channel per phase. One invocation measures
 * {@value #SAMPLES_PER_PHASE} samples on each phase (emonLib's usual {@code calcIrms(1480)}); the score counts
 * samples, so it reads as samples per microsecond.
 */
public class RmsMeterBenchmark extends BenchmarkBase {

    /** Samples per phase and call: emonLib's usual {@code calcIrms(1480)}, about 6 mains cycles here. */
    public static final int SAMPLES_PER_PHASE = 1480;
    /** Phases measured together. */
    public static final int PHASES = 3;
    /** The product's calibration value used for the samples and both meters. */
    public static final int CALIBRATION = 277;
    /** The samples of one invocation, all phases: JMH's operations per invocation. */
    private static final int SAMPLES_PER_INVOCATION = PHASES * SAMPLES_PER_PHASE;

    private final short[][] blocks = threePhaseBlocks(SAMPLES_PER_PHASE);
    private final short[] interleaved = interleave(blocks, SAMPLES_PER_PHASE);
    private final RmsMeter meter = RmsMeter.create(PHASES, CALIBRATION);
    private final RmsMeter interleavedMeter = RmsMeter.create(PHASES, CALIBRATION);
    private final EmonLibRmsBaseline[] baseline = {
        new EmonLibRmsBaseline(CALIBRATION), new EmonLibRmsBaseline(CALIBRATION), new EmonLibRmsBaseline(CALIBRATION)
    };
    private final double[] amps = new double[PHASES];

    /** Creates the benchmark state. */
    public RmsMeterBenchmark() {
    }

    /**
     * Baseline: one {@code calcIrms} per phase, sample by sample, as emonLib writes it.
     *
     * @return the sum of the three currents, so that nothing is optimised away
     */
    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_INVOCATION)
    public double threePhasesBaselineEmonLib() {
        double sum = 0.0;
        for (int phase = 0; phase < PHASES; phase++) {
            sum += baseline[phase].calcIrms(blocks[phase], 0, SAMPLES_PER_PHASE);
        }
        return sum;
    }

    /**
     * The meter on per-phase blocks (the layout {@code SampleSource} delivers).
     *
     * @return the sum of the three currents
     */
    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_INVOCATION)
    @Against(baseline = "threePhasesBaselineEmonLib")
    public double threePhasesRmsMeterBlocks() {
        meter.measureBlocks(blocks, 0, SAMPLES_PER_PHASE, amps);
        return amps[0] + amps[1] + amps[2];
    }

    /**
     * The meter on interleaved frames L1, L2, L3, L1, ... (the layout of a multiplexed ADC).
     *
     * @return the sum of the three currents
     */
    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_INVOCATION)
    @Against(baseline = "threePhasesBaselineEmonLib")
    public double threePhasesRmsMeterInterleaved() {
        interleavedMeter.measureInterleaved(interleaved, 0, SAMPLES_PER_PHASE, amps);
        return amps[0] + amps[1] + amps[2];
    }

    /**
     * Makes realistic raw samples: three phases at 7.5, 16 and 23.2 A through a 50 A CT, with harmonics, DC bias
     * and noise ({@link SyntheticCtWaveform}, fixed seed).
     *
     * @param count samples per phase
     * @return one block per phase
     */
    static short[][] threePhaseBlocks(int count) {
        SyntheticCtWaveform waveform = SyntheticCtWaveform.create(PHASES, CALIBRATION, 0x5EEDL);
        waveform.amps(0, 7.5);
        waveform.amps(1, 16.0);
        waveform.amps(2, 23.2);
        short[][] out = new short[PHASES][count];
        if (waveform.read(out, count) != count) {
            throw new IllegalStateException("the synthetic waveform delivered a short block");
        }
        return out;
    }

    /**
     * Interleaves per-phase blocks into frames L1, L2, L3, L1, ...
     *
     * @param blocks one block per phase
     * @param count samples per phase
     * @return {@code PHASES × count} samples
     */
    static short[] interleave(short[][] blocks, int count) {
        short[] out = new short[PHASES * count];
        for (int n = 0; n < count; n++) {
            for (int phase = 0; phase < PHASES; phase++) {
                out[PHASES * n + phase] = blocks[phase][n];
            }
        }
        return out;
    }
}
