package me.napolni.dinamics.host.chaos;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChaosResultTest {

    private static final long MIB = 1L << 20;

    private static ChaosResult.ProcessSample sample(long tMs, long pid, long heapBytes, boolean afterGc, long passes,
            double p99Ms, double maxMs) {
        return new ChaosResult.ProcessSample(tMs, pid, 40, heapBytes, afterGc, passes, 250, p99Ms, maxMs);
    }

    private static ChaosResult.Check check(ChaosResult result, String prefix) {
        return result.checks.stream().filter(c -> c.name().startsWith(prefix)).findFirst().orElseThrow();
    }

    private static ChaosResult steadyProcess(long liveHeapAtEndBytes, double p99Ms, double maxMs, long lastPasses) {
        ChaosResult result = new ChaosResult(FaultSchedule.generate(7, 120_000, 17));
        result.processSamples.addAll(List.of(
                sample(5_000, 11, 30 * MIB, false, 20, 250, 251),
                sample(20_000, 11, 9 * MIB, true, 80, 251, 252),
                sample(50_000, 11, 25 * MIB, false, 200, 251, 255),
                sample(80_000, 11, liveHeapAtEndBytes, true, 320, p99Ms, maxMs),
                sample(85_000, 11, 20 * MIB, false, lastPasses, p99Ms, maxMs)));
        result.checkProcessFigures();
        return result;
    }

    @Test
    void shouldHoldEveryProcessCheckWhenLiveHeapAndPassIntervalAreSteady() {
        ChaosResult result = steadyProcess(10 * MIB, 254, 263, 340);
        assertTrue(result.passed(), result.describeFailure());
        assertEquals(263, result.worstPassMaxMs);
    }

    @Test
    void shouldFailTheHeapCheckWhenTheLiveHeapGrowsBeyondItsLimit() {
        ChaosResult result = steadyProcess(9 * MIB + ChaosResult.HEAP_LIVE_GROWTH_BYTES + MIB, 254, 263, 340);
        assertFalse(check(result, "heap flat").ok());
        assertTrue(check(result, "control-loop pass interval").ok());
    }

    @Test
    void shouldFailThePassIntervalCheckWhenP99OrMaxExceedItsBound() {
        assertFalse(check(steadyProcess(10 * MIB, ChaosResult.PASS_P99_LIMIT_MS + 1, 600, 340),
                "control-loop pass interval").ok());
        assertFalse(check(steadyProcess(10 * MIB, 254, ChaosResult.PASS_MAX_LIMIT_MS + 1, 340),
                "control-loop pass interval").ok());
    }

    @Test
    void shouldFailThePassIntervalCheckWhenTheMetricVanishesFromAProcess() {
        ChaosResult result = steadyProcess(10 * MIB, 254, 263, 0);
        assertFalse(check(result, "control-loop pass interval").ok(), result.describeFailure());
    }
}
