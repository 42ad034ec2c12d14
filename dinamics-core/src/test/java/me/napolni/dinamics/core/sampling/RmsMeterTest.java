package me.napolni.dinamics.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import me.napolni.dinamics.core.AllocationMeter;
import me.napolni.dinamics.core.PhaseReadings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RmsMeterTest {

    private static final double TOLERANCE = 1e-12;

    static Stream<CtFile> ctFiles() {
        return CtFile.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ctFiles")
    void shouldMatchEmonLibWhenBaselineReadsCorpusFile(CtFile file) {
        EmonLibRmsBaseline baseline = new EmonLibRmsBaseline(file.calibration());
        for (int call = 0; call < file.calls(); call++) {
            double got = baseline.calcIrms(file.samples(), call * file.samplesPerCall(), file.samplesPerCall());
            assertWithin(file, call, got);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ctFiles")
    void shouldMatchEmonLibWhenMeterReadsCorpusFile(CtFile file) {
        RmsMeter meter = RmsMeter.create(1, file.calibration());
        double[] amps = new double[1];
        short[][] blocks = {file.samples()};
        for (int call = 0; call < file.calls(); call++) {
            int from = call * file.samplesPerCall();
            if (call % 2 == 0) {
                assertWithin(file, call, meter.measure(0, file.samples(), from, file.samplesPerCall()));
            } else {
                meter.measureBlocks(blocks, from, file.samplesPerCall(), amps);
                assertWithin(file, call, amps[0]);
            }
        }
    }

    @Test
    void shouldMatchEveryFileWhenThreeFilesAreMeasuredAtOnce() {
        List<CtFile> files = CtFile.all();
        int groups = 0;
        for (int first = 0; first < files.size(); first++) {
            for (int count = 2; count <= 3; count++) {
                CtFile[] group = pickSameShape(files, first, count);
                if (group.length == count) {
                    checkBlocks(group);
                    checkInterleaved(group);
                    groups++;
                }
            }
        }
        assertTrue(groups > 0, "the corpus has no files of equal n and calibration to measure together");
    }

    @Test
    void shouldApplyNewCalibrationAtOnceWhenChangedBetweenCalls() {
        CtFile file = CtFile.all().get(0);
        RmsMeter meter = RmsMeter.create(1, file.calibration());
        EmonLibRmsBaseline other = new EmonLibRmsBaseline(544);
        int n = file.samplesPerCall();
        assertWithin(file, 0, meter.measure(0, file.samples(), 0, n));
        other.calcIrms(file.samples(), 0, n);
        meter.calibration(544);
        double expected = other.calcIrms(file.samples(), n, n);
        assertEquals(expected, meter.measure(0, file.samples(), n, n), Math.abs(expected) * TOLERANCE);
        assertEquals(544, meter.calibration());
    }

    @Test
    void shouldKeepOffsetAcrossCallsWhenMeasuring() {
        CtFile file = CtFile.all().get(0);
        RmsMeter meter = RmsMeter.create(1, file.calibration());
        meter.measure(0, file.samples(), 0, file.samplesPerCall());
        assertTrue(meter.offsetCounts(0) != RmsMeter.INITIAL_OFFSET_COUNTS);
        meter.reset();
        assertEquals(RmsMeter.INITIAL_OFFSET_COUNTS, meter.offsetCounts(0));
    }

    @Test
    void shouldNotAllocateWhenMeasuring() {
        CtFile file = CtFile.all().get(0);
        RmsMeter meter = RmsMeter.create(3, file.calibration());
        short[][] blocks = {file.samples(), file.samples(), file.samples()};
        double[] amps = new double[3];
        int n = file.samplesPerCall();
        long bytes = AllocationMeter.bytesAllocated(() -> {
            meter.measureBlocks(blocks, 0, n, amps);
            meter.measureInterleaved(file.samples(), 0, n / 3, amps);
        }, 2_000, 1_000);
        assertTrue(bytes < 1024, "allocated " + bytes + " bytes in 1000 passes");
    }

    /** Up to {@code count} files from {@code first} on with the same n, calibration and number of calls. */
    private static CtFile[] pickSameShape(List<CtFile> files, int first, int count) {
        CtFile head = files.get(first);
        return files.stream().skip(first)
                .filter(f -> f.samplesPerCall() == head.samplesPerCall() && f.calls() == head.calls())
                .limit(count).toArray(CtFile[]::new);
    }

    /** One meter has one calibration: a file with another one is compared through the ratio of the two. */
    private static void checkBlocks(CtFile[] group) {
        int phases = group.length;
        int n = group[0].samplesPerCall();
        RmsMeter meter = RmsMeter.create(phases, group[0].calibration());
        short[][] blocks = new short[phases][];
        for (int p = 0; p < phases; p++) {
            blocks[p] = group[p].samples();
        }
        double[] amps = new double[phases];
        for (int call = 0; call < group[0].calls(); call++) {
            meter.measureBlocks(blocks, call * n, n, amps);
            for (int p = 0; p < phases; p++) {
                assertWithin(group[p], call, rescaled(amps[p], group[0], group[p]));
            }
        }
    }

    private static void checkInterleaved(CtFile[] group) {
        int phases = group.length;
        int n = group[0].samplesPerCall();
        RmsMeter meter = RmsMeter.create(phases, group[0].calibration());
        short[] frames = new short[n * phases];
        double[] amps = new double[phases];
        for (int call = 0; call < group[0].calls(); call++) {
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < phases; p++) {
                    frames[i * phases + p] = group[p].samples()[call * n + i];
                }
            }
            meter.measureInterleaved(frames, 0, n, amps);
            for (int p = 0; p < phases; p++) {
                assertWithin(group[p], call, rescaled(amps[p], group[0], group[p]));
            }
        }
    }

    private static double rescaled(double amps, CtFile measuredAs, CtFile actual) {
        return amps / RmsMeter.ratio(measuredAs.calibration()) * RmsMeter.ratio(actual.calibration());
    }

    private static void assertWithin(CtFile file, int call, double got) {
        double expected = file.expected()[call];
        double error = CtFile.relativeError(got, expected);
        assertTrue(error <= TOLERANCE, file + " call " + call + ": got " + got + ", expected " + expected
                + ", relative error " + error);
    }

    @Test
    void shouldRecordReadingsWithTheirTimeWhenMeasuringInto() {
        CtFile file = CtFile.all().get(0);
        RmsMeter meter = RmsMeter.create(2, file.calibration());
        EmonLibRmsBaseline baseline = new EmonLibRmsBaseline(file.calibration());
        short[][] blocks = {file.samples(), file.samples()};
        PhaseReadings readings = new PhaseReadings();
        meter.measureInto(blocks, file.samplesPerCall(), new double[2], readings, 42L);
        double expected = baseline.calcIrms(file.samples(), 0, file.samplesPerCall());
        assertEquals(expected, readings.amps(0), Math.abs(expected) * TOLERANCE);
        assertEquals(expected, readings.amps(1), Math.abs(expected) * TOLERANCE);
        assertEquals(42L, readings.measuredAtNs(1));
        assertTrue(!readings.hasReading(2));
    }
}
