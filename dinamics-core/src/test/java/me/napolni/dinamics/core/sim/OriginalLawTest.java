package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OriginalLawTest {

    @Test
    void shouldRunEvery600msAndPollTheCarEvery10s() {
        Law law = new OriginalLaw();
        assertEquals(600, law.passPeriodMs());
        assertEquals(10_000, law.carPollPeriodMs());
        assertEquals("original", law.name());
    }

    @Test
    void shouldPauseAfter100ConsecutivePassesBelowSixAmps() {
        LawDriver driver = new LawDriver(new OriginalLaw(), 20, CarProfile.THREE_PHASE_16A);
        int below = 0;
        int pausedAtPass = -1;
        for (int pass = 1; pass <= 150 && pausedAtPass < 0; pass++) {
            LawCommands out = driver.mains(30.0, 30.0, 30.0).car(0.0).pass();
            double average = 30.0 * Math.min(pass, 10) / 10.0;   // the buffers start at 0
            int maxCurrent = (int) Math.max(0.0, 20.0 - average);
            below = maxCurrent < 6 ? below + 1 : 0;
            if (pass == 1) {
                assertEquals(ChargerAction.RESUME, out.action(), "plug & charge resumes at the first pass");
            } else if (out.action() == ChargerAction.PAUSE) {
                pausedAtPass = pass;
            }
            assertFalse(out.hasSetpoint() && maxCurrent < 6, "nothing is sent below 6 A");
            if (below < 100) {
                assertTrue(pausedAtPass < 0, "paused after only " + below + " passes below 6 A");
            }
        }
        assertEquals(100, below);
        assertEquals(104, pausedAtPass);
    }

    @Test
    void shouldRaiseOnlyAfter50PassesWithRoomEvenWhenNotConsecutive() {
        LawDriver driver = new LawDriver(new OriginalLaw(), 20, CarProfile.SINGLE_PHASE_32A);
        for (int pass = 0; pass < 10; pass++) {
            driver.mains(10.0, 0.0, 0.0).car(0.0).pass();       // average reaches 10 A: max_current 10
        }
        // each of those 10 passes had max_current > set_current + 1 = 1: counted, nothing sent yet
        int counted = 10;
        int sentAt = -1;
        for (int pass = 0; pass < 100 && sentAt < 0; pass++) {
            LawCommands out = driver.mains(10.0, 0.0, 0.0).pass();
            counted++;
            if (out.hasSetpoint()) {
                sentAt = counted;
                assertEquals(10, out.setpointAmps());
            }
        }
        assertEquals(50, sentAt, "the 50th pass with room sends the raise");
        // now set_current is 10: a max_current of 11 is not room (needs > set + 1), 12 is
        int sentAgainAt = -1;
        int withRoom = 0;
        for (int pass = 0; pass < 200 && sentAgainAt < 0; pass++) {
            boolean room = pass % 2 == 0;
            LawCommands out = driver.mains(10.0, 0.0, 0.0).car(room ? 2.0 : 1.0).pass();
            withRoom += room ? 1 : 0;
            if (out.hasSetpoint()) {
                sentAgainAt = withRoom;
                assertEquals(12, out.setpointAmps());
            }
        }
        assertEquals(50, sentAgainAt, "passes without room in between neither count nor reset");
    }

    @Test
    void shouldDecreaseAtOnceWhenTheRoomShrinks() {
        LawDriver driver = new LawDriver(new OriginalLaw(), 20, CarProfile.SINGLE_PHASE_32A);
        for (int pass = 0; pass < 60; pass++) {
            driver.mains(4.0, 0.0, 0.0).car(0.0).pass();
        }
        assertEquals(16, driver.setpointAmps());
        LawCommands out = driver.mains(4.0, 0.0, 0.0).car(0.0).pass();
        assertFalse(out.hasSetpoint());
        // one reading of 24 A lifts the 10-pass average by 2 A: max_current 14 < 16, sent at once
        out = driver.mains(24.0, 0.0, 0.0).pass();
        assertEquals(14, out.setpointAmps());
    }

    @Test
    void shouldResumeOnAStaleCarSampleRightAfterPausing() {
        LawDriver driver = new LawDriver(new OriginalLaw(), 20, CarProfile.SINGLE_PHASE_32A);
        int pausedAt = -1;
        for (int pass = 0; pass < 200 && pausedAt < 0; pass++) {
            // house 17 A + car 10 A: max_current = trunc(20 - 27 + 10) = 3
            LawCommands out = driver.mains(27.0, 0.0, 0.0).car(10.0).pass();
            pausedAt = out.action() == ChargerAction.PAUSE ? pass : -1;
        }
        assertTrue(pausedAt > 100, "paused at pass " + pausedAt);
        // the car stops; the $GG sample still says 10 A until the next poll (10 s = 16 passes)
        int resumedAfter = -1;
        for (int pass = 1; pass <= 16 && resumedAfter < 0; pass++) {
            LawCommands out = driver.mains(17.0, 0.0, 0.0).pass();
            resumedAfter = out.action() == ChargerAction.RESUME ? pass : -1;
        }
        assertTrue(resumedAfter > 0, "plug & charge resumes on the stale sample: the flap of the device");
    }
}
