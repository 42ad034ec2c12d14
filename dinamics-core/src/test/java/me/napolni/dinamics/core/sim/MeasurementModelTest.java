package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MeasurementModelTest {

    /** A current that differs every step, so that a wrong delay or window shows. */
    private static double current(int step, int phase) {
        return step < 0 ? 2.0 + phase : 3.0 * step + phase + 1.0;
    }

    @Test
    void shouldReadTheRmsOfSteps4And3AgoWithTheSeededNoise() {
        MeasurementModel meter = new MeasurementModel(current(-1, 0), current(-1, 1), current(-1, 2));
        SplittableRandom noise = new SplittableRandom(1);
        double[] reading = new double[3];
        for (int k = 0; k < 50; k++) {
            meter.read(reading);
            for (int phase = 0; phase < 3; phase++) {
                double older = current(k - 4, phase);
                double newer = current(k - 3, phase);
                double trueRms = Math.sqrt((older * older + newer * newer) / 2.0);
                double u = 2.0 * noise.nextDouble() - 1.0;
                double expected = Math.max(0.0, trueRms + u * (0.005 * trueRms + 0.05));
                assertEquals(expected, reading[phase], 1e-12, "step " + k + ", L" + (phase + 1));
                assertTrue(Math.abs(reading[phase] - trueRms) <= 0.005 * trueRms + 0.05 + 1e-12);
            }
            meter.record(current(k, 0), current(k, 1), current(k, 2));
        }
    }

    @Test
    void shouldClampAtZeroWhenTheCurrentIsZero() {
        MeasurementModel meter = new MeasurementModel(0.0, 0.0, 0.0);
        double[] reading = new double[3];
        int zeros = 0;
        for (int k = 0; k < 1000; k++) {
            meter.read(reading);
            for (double value : reading) {
                assertTrue(value >= 0.0 && value <= 0.05);
                zeros += value == 0.0 ? 1 : 0;
            }
            meter.record(0.0, 0.0, 0.0);
        }
        assertTrue(zeros > 1000, "about half of the draws are negative and clamp to 0: " + zeros);
    }

    @Test
    void shouldDrawThreeValuesEveryStepInOrder() {
        MeasurementModel meter = new MeasurementModel(10.0, 10.0, 10.0);
        SplittableRandom noise = new SplittableRandom(MeasurementModel.NOISE_SEED);
        double[] reading = new double[3];
        for (int k = 0; k < 1000; k++) {
            meter.read(reading);
            meter.record(10.0, 10.0, 10.0);
        }
        for (int i = 0; i < 3000; i++) {
            noise.nextDouble();
        }
        meter.read(reading);
        double u3 = 2.0 * noise.nextDouble() - 1.0;
        assertEquals(10.0 + u3 * (0.05 + 0.05), reading[0], 1e-12, "the 3001st draw belongs to L1 of step 1000");
    }
}
