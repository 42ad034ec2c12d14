package me.napolni.dinamics.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

class SyntheticCtWaveformTest {

    /** 2400 samples at 12 kHz are exactly 10 cycles of 50 Hz. */
    private static final int SAMPLES = 2400;
    private static final int SETTLING_CALLS = 8;

    @Test
    void shouldReadGeneratedAmpsWithinTwoPercentWhenMeasured() {
        qt().withFixedSeed(0x5EEDL)
            .forAll(doubles().between(3.0, 25.0), doubles().between(3.0, 25.0), longs().all(),
                    integers().between(0, 1))
            .checkAssert((l1, l2, seed, useLargeCt) -> {
                int calibration = useLargeCt == 1 ? 544 : 277;
                SyntheticCtWaveform source = SyntheticCtWaveform.create(3, calibration, seed);
                source.amps(0, l1);
                source.amps(1, l2);
                source.amps(2, 0.0);
                RmsMeter meter = RmsMeter.create(3, calibration);
                short[][] blocks = new short[3][SAMPLES];
                double[] amps = new double[3];
                for (int call = 0; call < SETTLING_CALLS; call++) {
                    assertEquals(SAMPLES, source.read(blocks, SAMPLES));
                    meter.measureBlocks(blocks, 0, SAMPLES, amps);
                }
                assertEquals(l1, amps[0], l1 * 0.02 + 0.1, "L1");
                assertEquals(l2, amps[1], l2 * 0.02 + 0.1, "L2");
                assertTrue(amps[2] < 0.3, "idle L3 reads only the noise: " + amps[2]);
            });
    }

    @Test
    void shouldStayInAdcRangeWhenCurrentClips() {
        SyntheticCtWaveform source = SyntheticCtWaveform.create(1, 277, 1L);
        source.amps(0, 200.0);
        short[][] blocks = new short[1][SAMPLES];
        source.read(blocks, SAMPLES);
        boolean clippedLow = false;
        boolean clippedHigh = false;
        for (short sample : blocks[0]) {
            assertTrue(sample >= 0 && sample <= SyntheticCtWaveform.MAX_COUNT, "sample " + sample);
            clippedLow |= sample == 0;
            clippedHigh |= sample == SyntheticCtWaveform.MAX_COUNT;
        }
        assertTrue(clippedLow && clippedHigh);
    }

    @Test
    void shouldRepeatSamplesWhenSeedIsTheSame() {
        short[][] first = new short[2][500];
        short[][] second = new short[2][500];
        SyntheticCtWaveform a = SyntheticCtWaveform.create(2, 277, 42L);
        SyntheticCtWaveform b = SyntheticCtWaveform.create(2, 277, 42L);
        a.amps(0, 10);
        b.amps(0, 10);
        a.read(first, 500);
        b.read(second, 500);
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < 500; i++) {
                assertEquals(first[p][i], second[p][i]);
            }
        }
    }
}
