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

    private static final long BOUND_MS = FaultKind.Bound.INPUT.overRatingMs;

    private static ChaosResult withSnapshots(int allowedAmps, int pilotAmps, long fromMs, long toMs) {
        ChaosResult result = new ChaosResult(FaultSchedule.generate(7, 120_000, 17));
        for (long t = fromMs; t <= toMs; t += 500) {
            result.gatewaySamples.add(new ChaosResult.GatewaySample(t, allowedAmps, pilotAmps));
        }
        return result;
    }

    @Test
    void shouldJudgeAnEpisodeWithinItsBoundWhateverTheGatewaySaid() {
        ChaosResult result = withSnapshots(16, 12, 10_000, 14_000);
        ChaosResult.Episode episode = new ChaosResult.Episode(10_000, 10_000 + BOUND_MS, 29.0, 99.0);
        assertEquals(ChaosResult.Verdict.WITHIN_BOUND, result.judge(episode, BOUND_MS));
    }

    @Test
    void shouldJudgeALongEpisodeAThermalRideWhenDeclaredAndWithinTheThermalMargin() {
        ChaosResult result = withSnapshots(12, 14, 10_000, 20_000);
        ChaosResult.Episode episode = new ChaosResult.Episode(10_000, 20_000, 27.0, 80.0);
        assertEquals(ChaosResult.Verdict.THERMAL_RIDE, result.judge(episode, BOUND_MS));
        result.episodes.add(episode);
        result.checkEpisodes();
        assertTrue(result.passed(), result.describeFailure());
        assertEquals(List.of(episode), result.rideEpisodes);
    }

    @Test
    void shouldJudgeALongEpisodeAViolationWhenTheGatewayThoughtTheCarFitted() {
        ChaosResult result = withSnapshots(12, 14, 10_000, 15_000);
        result.gatewaySamples.addAll(withSnapshots(14, 14, 15_500, 20_000).gatewaySamples);
        ChaosResult.Episode episode = new ChaosResult.Episode(10_000, 20_000, 27.0, 80.0);
        assertEquals(ChaosResult.Verdict.VIOLATION, result.judge(episode, BOUND_MS));
        result.episodes.add(episode);
        result.checkEpisodes();
        assertFalse(check(result, "over-rating episode").ok());
    }

    @Test
    void shouldJudgeALongEpisodeAViolationWhenTheBreakerGotHotterThanTheRideMargin() {
        ChaosResult result = withSnapshots(12, 14, 10_000, 20_000);
        ChaosResult.Episode hot = new ChaosResult.Episode(10_000, 20_000, 27.0,
                ChaosResult.RIDE_THERMAL_LIMIT_PCT + 0.1);
        assertEquals(ChaosResult.Verdict.VIOLATION, result.judge(hot, BOUND_MS));
    }

    @Test
    void shouldJudgeALongEpisodeAViolationWhenNoSnapshotSaysWhy() {
        ChaosResult result = withSnapshots(12, 14, 30_000, 40_000);
        ChaosResult.Episode episode = new ChaosResult.Episode(10_000, 20_000, 27.0, 80.0);
        assertEquals(ChaosResult.Verdict.VIOLATION, result.judge(episode, BOUND_MS));
    }
}
