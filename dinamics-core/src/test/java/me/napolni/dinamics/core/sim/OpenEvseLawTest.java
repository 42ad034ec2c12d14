package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenEvseLawTest {

    @Test
    void shouldResumeAtTheAvailableCurrentWhenPoweredOnWithRoom() {
        LawDriver driver = new LawDriver(new OpenEvseLaw(), 32, CarProfile.THREE_PHASE_16A);
        LawCommands out = driver.mains(5.0, 6.0, 7.0).car(0.0).pass();
        assertEquals(ChargerAction.RESUME, out.action());
        assertEquals(16, out.setpointAmps(), "floor(32 - 6 + 0) = 26, capped at the car's 16 A");
    }

    @Test
    void shouldBalanceTheMeanOfThreePhasesWithUnitGain() {
        LawDriver driver = new LawDriver(new OpenEvseLaw(), 20, CarProfile.THREE_PHASE_16A);
        driver.mains(2.0, 2.0, 2.0).car(0.0).pass();
        // 3-phase: available = floor((3 x 20 x 230 - 230 x (18 + 12 + 9)) / 690 + 8) = floor(20 - 13 + 8) = 15
        LawCommands out = driver.mains(18.0, 12.0, 9.0).car(8.0).pass();
        assertEquals(15, out.setpointAmps());
        out = driver.mains(22.0, 12.0, 14.6).car(8.0).pass();
        assertEquals(11, out.setpointAmps(), "floor(20 - 16.2 + 8) = 11, down at once");
    }

    @Test
    void shouldUseL1OnlyWhenTheCarIsSinglePhase() {
        LawDriver driver = new LawDriver(new OpenEvseLaw(), 20, CarProfile.SINGLE_PHASE_32A);
        driver.mains(2.0, 30.0, 30.0).car(0.0).pass();
        LawCommands out = driver.mains(12.5, 30.0, 30.0).car(10.0).pass();
        assertEquals(17, out.setpointAmps(), "floor(20 - 12.5 + 10)");
    }

    @Test
    void shouldPauseWhenTheLastSampleIsMoreThan120sOld() {
        LawDriver driver = new LawDriver(new OpenEvseLaw(), 32, CarProfile.THREE_PHASE_16A);
        driver.mains(5.0, 5.0, 5.0).car(0.0).pass();
        double pausedAtS = -1;
        while (driver.nowS() <= 200 && pausedAtS < 0) {
            double atS = driver.nowS();
            LawCommands out = driver.car(16.0).pass();
            if (out.action() == ChargerAction.PAUSE) {
                pausedAtS = atS;
            }
        }
        assertEquals(122.0, pausedAtS, 1e-9, "the first 2 s pass with the sample older than 120 s");
    }

    @Test
    void shouldResumeWhenSixAmpsFitOnTheSlowlyDecayingPower() {
        LawDriver driver = new LawDriver(new OpenEvseLaw(), 20, CarProfile.THREE_PHASE_16A);
        driver.mains(2.0, 2.0, 2.0).car(0.0).pass();
        LawCommands out = driver.mains(16.0, 16.0, 16.0).car(0.0).pass();
        assertEquals(ChargerAction.PAUSE, out.action(), "floor(20 - 16 + 0) = 4 < 6");
        // the house drops to 4 A: the smoothed power decays from 16 A by e^(-2/60) per sample toward 4 A
        // 6 A fits when 20 - s_n >= 6, s_n = 4 + 12 e^(-n/30): n >= 30 ln(1.2) = 5.47, so the 6th sample
        int expected = (int) Math.ceil(30.0 * Math.log(12.0 / 10.0));
        int resumedAt = -1;
        for (int sample = 1; sample <= 20 && resumedAt < 0; sample++) {
            out = driver.mains(4.0, 4.0, 4.0).car(0.0).pass();
            if (out.action() == ChargerAction.RESUME) {
                resumedAt = sample;
                assertTrue(out.setpointAmps() >= 6 || !out.hasSetpoint());
            }
        }
        assertEquals(expected, resumedAt);
    }

    @Test
    void shouldFollowAPowerRiseAtOnceWhilePaused() {
        LawDriver driver = new LawDriver(new OpenEvseLaw(), 20, CarProfile.THREE_PHASE_16A);
        driver.mains(2.0, 2.0, 2.0).car(0.0).pass();
        driver.mains(16.0, 16.0, 16.0).car(0.0).pass();
        for (int sample = 0; sample < 3; sample++) {
            assertFalse(driver.mains(4.0, 4.0, 4.0).pass().action() == ChargerAction.RESUME);
        }
        driver.mains(30.0, 30.0, 30.0).pass();   // fast up: the smoothed power jumps to 30 A
        for (int sample = 0; sample < 10; sample++) {
            assertFalse(driver.mains(4.0, 4.0, 4.0).pass().action() == ChargerAction.RESUME,
                    "30 A decays to 14 A only after n >= 30 ln(26/10) = 28.7 samples");
        }
    }
}
