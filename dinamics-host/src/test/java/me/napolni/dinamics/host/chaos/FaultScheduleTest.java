package me.napolni.dinamics.host.chaos;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultScheduleTest {

    @Test
    void shouldGiveTheSameScheduleWhenTheSeedIsTheSame() {
        assertEquals(FaultSchedule.generate(42, 180_000, 30).describe(),
                FaultSchedule.generate(42, 180_000, 30).describe());
        assertNotEquals(FaultSchedule.generate(42, 180_000, 30).describe(),
                FaultSchedule.generate(43, 180_000, 30).describe());
    }

    @Test
    void shouldCoverEveryKindInsideTheWindowWhenTheCountAllows() {
        FaultSchedule schedule = FaultSchedule.generate(7, 150_000, FaultKind.values().length + 5);
        Set<FaultKind> seen = EnumSet.noneOf(FaultKind.class);
        long previous = 0;
        for (Fault fault : schedule.faults()) {
            seen.add(fault.kind());
            assertTrue(fault.atMs() >= FaultSchedule.WARM_UP_MS, fault.toString());
            assertTrue(fault.endMs() <= 150_000 - FaultSchedule.QUIET_TAIL_MS, fault.toString());
            assertTrue(fault.durationMs() >= fault.kind().minMs && fault.durationMs() <= fault.kind().maxMs,
                    fault.toString());
            assertTrue(fault.atMs() >= previous, "ordered by time");
            previous = fault.atMs();
        }
        assertEquals(EnumSet.allOf(FaultKind.class), seen);
    }

    @Test
    void shouldKeepIdsWhenShrunk() {
        FaultSchedule schedule = FaultSchedule.generate(3, 150_000, 20);
        FaultSchedule odd = schedule.only(f -> f.id() % 2 == 1);
        assertEquals(10, odd.faults().size());
        assertTrue(odd.faults().stream().allMatch(f -> schedule.faults().contains(f)));
    }
}
