package me.napolni.dinamics.host.chaos;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReliabilityReportTest {

    @Test
    void shouldShowTheSeedAndTheFaultListWhenACheckFails() {
        FaultSchedule schedule = FaultSchedule.generate(99, 120_000, 18);
        ChaosResult result = new ChaosResult(schedule);
        result.check("the breaker never tripped (house-alone trips excluded)", true, "0 trips");
        result.check("over-rating episode at 5000 ms within its bound", false, "12000 ms, peak 31.0 A, bound 4000 ms");
        result.injections.add(new ChaosResult.Injection(schedule.faults().get(0), 15_000));

        String md = ReliabilityReport.render(List.of(result), "cmd", "params");

        assertFalse(result.passed());
        assertTrue(md.contains("| 99 |"), md);
        assertTrue(md.contains("**FAIL**"), md);
        assertTrue(md.contains("seed 99: 12000 ms, peak 31.0 A"), md);
        assertTrue(md.contains("## Failure of seed 99"), md);
        assertTrue(md.contains(schedule.describe()), md);
        assertTrue(md.contains("| " + schedule.faults().get(0).kind() + " | 1 |"), md);
    }

    @Test
    void shouldPassOnlyWhenEveryCheckHolds() {
        ChaosResult result = new ChaosResult(FaultSchedule.generate(1, 120_000, 17));
        assertFalse(result.passed(), "no check at all is no pass");
        result.check("a", true, "1");
        assertTrue(result.passed());
        result.check("b", false, "2");
        assertFalse(result.passed());
    }
}
