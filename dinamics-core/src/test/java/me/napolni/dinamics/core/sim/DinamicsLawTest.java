package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DinamicsLawTest {

    @Test
    void shouldPassEvery100MsAndPollEverySecondWhenRegistered() {
        Law law = Laws.byName(DinamicsLaw.NAME);
        assertEquals(DinamicsLaw.NAME, law.name());
        assertEquals(100, law.passPeriodMs());
        assertEquals(1000, law.carPollPeriodMs());
        assertTrue(Laws.names().contains(DinamicsLaw.NAME));
    }

    @Test
    void shouldResumeWithSetpointThatFitsWhenPoweredOnWithRoom() {
        LawDriver driver = new LawDriver(new DinamicsLaw(), 25, CarProfile.THREE_PHASE_16A);
        boolean resumed = false;
        for (int pass = 0; pass < 100 && !resumed; pass++) {
            driver.mains(4, 4, 4).car(0);
            LawCommands out = driver.pass();
            resumed = out.action() == ChargerAction.RESUME;
            if (resumed) {
                assertTrue(out.hasSetpoint(), "the setpoint goes with the resume");
                assertEquals(16, out.setpointAmps(), "the cap: 21 A would fit");
            }
        }
        assertTrue(resumed, "the law resumes the car itself after power-on");
    }

    @Test
    void shouldStayPausedWhenMinimumDoesNotFit() {
        LawDriver driver = new LawDriver(new DinamicsLaw(), 20, CarProfile.SINGLE_PHASE_32A);
        for (int pass = 0; pass < 600; pass++) {
            driver.mains(16, 2, 2).car(0);
            assertEquals(ChargerAction.NONE, driver.pass().action(), "4 A fit: no resume");
        }
    }

    @Test
    void shouldCutSameStepWhenMainsJumpFarAboveBreaker() {
        LawDriver driver = new LawDriver(new DinamicsLaw(), 20, CarProfile.THREE_PHASE_16A);
        for (int pass = 0; pass < 600; pass++) {
            driver.mains(2 + (driver.setpointAmps() > 6 ? 16 : 0), 18, 18).car(16);
            driver.pass();
        }
        assertEquals(16, driver.setpointAmps());
        driver.mains(40, 18, 18).car(16);                     // 24 A of house on L1: 2·In with the car
        LawCommands out = driver.pass();
        assertTrue(out.hasSetpoint() || out.action() == ChargerAction.PAUSE, "acts at once");
    }
}
