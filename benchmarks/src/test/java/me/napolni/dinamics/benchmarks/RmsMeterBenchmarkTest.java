package me.napolni.dinamics.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import me.napolni.dinamics.core.sampling.EmonLibRmsBaseline;
import me.napolni.dinamics.core.sampling.RmsMeter;
import me.napolni.dinamics.core.sampling.SyntheticCtWaveform;
import org.junit.jupiter.api.Test;

/** The optimised meter gives emonLib's results, to 1e-12 relative, on what the benchmark measures and beyond. */
class RmsMeterBenchmarkTest {

    private static final double RELATIVE = 1e-12;
    private static final long SEED = 0x5EEDL;
    private static final int CALLS = 20;

    @Test
    void shouldEqualEmonLibWhenMeasuringTheBenchmarkSamplesRepeatedly() {
        int count = RmsMeterBenchmark.SAMPLES_PER_PHASE;
        short[][] blocks = RmsMeterBenchmark.threePhaseBlocks(count);
        short[] interleaved = RmsMeterBenchmark.interleave(blocks, count);
        RmsMeter blockMeter = RmsMeter.create(RmsMeterBenchmark.PHASES, RmsMeterBenchmark.CALIBRATION);
        RmsMeter interleavedMeter = RmsMeter.create(RmsMeterBenchmark.PHASES, RmsMeterBenchmark.CALIBRATION);
        EmonLibRmsBaseline[] baseline = new EmonLibRmsBaseline[RmsMeterBenchmark.PHASES];
        for (int phase = 0; phase < baseline.length; phase++) {
            baseline[phase] = new EmonLibRmsBaseline(RmsMeterBenchmark.CALIBRATION);
        }
        double[] blockAmps = new double[RmsMeterBenchmark.PHASES];
        double[] interleavedAmps = new double[RmsMeterBenchmark.PHASES];
        for (int call = 0; call < CALLS; call++) {            // the offsets carry over from call to call
            blockMeter.measureBlocks(blocks, 0, count, blockAmps);
            interleavedMeter.measureInterleaved(interleaved, 0, count, interleavedAmps);
            for (int phase = 0; phase < baseline.length; phase++) {
                double expected = baseline[phase].calcIrms(blocks[phase], 0, count);
                assertTrue(expected > 1.0, "the benchmark's samples carry a real current");
                assertEquals(expected, blockAmps[phase], RELATIVE * expected, "blocks, phase " + phase);
                assertEquals(expected, interleavedAmps[phase], RELATIVE * expected, "interleaved, phase " + phase);
                assertEquals(baseline[phase].offsetCounts(), blockMeter.offsetCounts(phase),
                        RELATIVE * baseline[phase].offsetCounts(), "offset, phase " + phase);
            }
        }
    }

    @Test
    void shouldEqualEmonLibWhenCurrentsAndBlockLengthsVary() {
        qt().withFixedSeed(SEED)
                .forAll(doubles().between(0.0, 45.0), doubles().between(0.0, 45.0), integers().between(1, 3000))
                .checkAssert((l1Amps, l2Amps, count) -> {
                    SyntheticCtWaveform waveform = SyntheticCtWaveform.create(3, RmsMeterBenchmark.CALIBRATION, SEED);
                    waveform.amps(0, l1Amps);
                    waveform.amps(1, l2Amps);
                    waveform.amps(2, (l1Amps + l2Amps) / 2);
                    short[][] blocks = new short[3][count];
                    waveform.read(blocks, count);
                    RmsMeter meter = RmsMeter.create(3, RmsMeterBenchmark.CALIBRATION);
                    double[] amps = new double[3];
                    meter.measureBlocks(blocks, 0, count, amps);
                    for (int phase = 0; phase < 3; phase++) {
                        double expected = new EmonLibRmsBaseline(RmsMeterBenchmark.CALIBRATION)
                                .calcIrms(blocks[phase], 0, count);
                        assertEquals(expected, amps[phase], RELATIVE * Math.max(expected, Double.MIN_NORMAL));
                    }
                });
    }
}
