package me.napolni.dinamics.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import me.napolni.dinamics.core.control.DecisionAction;
import org.junit.jupiter.api.Test;

/** The replayed minute makes the balancer work: it resumes, changes the setpoint and the car charges. */
class CurrentBalancerBenchmarkTest {

    private static final int MINUTES = 20;

    @Test
    void shouldExerciseResumeAndSetpointChangesWhenReplayingTheMinute() {
        CurrentBalancerBenchmark benchmark = new CurrentBalancerBenchmark();
        Set<DecisionAction> seen = EnumSet.noneOf(DecisionAction.class);
        int chargingPasses = 0;
        int lowest = Integer.MAX_VALUE;
        int highest = Integer.MIN_VALUE;
        for (int pass = 0; pass < MINUTES * CurrentBalancerBenchmark.PASSES_PER_MINUTE; pass++) {
            int setpoint = benchmark.doWork();
            seen.add(benchmark.lastDecision().action());
            if (benchmark.carAmps() > 0.0) {
                chargingPasses++;
                lowest = Math.min(lowest, setpoint);
                highest = Math.max(highest, setpoint);
            }
        }
        assertTrue(seen.contains(DecisionAction.RESUME), "actions seen: " + seen);
        assertTrue(seen.contains(DecisionAction.SET_CURRENT), "actions seen: " + seen);
        assertTrue(chargingPasses > MINUTES * CurrentBalancerBenchmark.PASSES_PER_MINUTE / 2,
                "the car charges most of the time: " + chargingPasses);
        assertTrue(highest > lowest, "the setpoint moves: " + lowest + ".." + highest);
    }
}
