package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmartEvseLawTest {

    /** A driver whose car was resumed at 6 A on the first pass (t = 0 s). */
    private static LawDriver charging(int breakerAmps) {
        LawDriver driver = new LawDriver(new SmartEvseLaw(), breakerAmps, CarProfile.THREE_PHASE_16A);
        LawCommands out = driver.mains(2.0, 2.0, 2.0).car(0.0).pass();
        assertEquals(ChargerAction.RESUME, out.action());
        return driver;
    }

    @Test
    void shouldRiseByAQuarterOfTheHeadroomEveryTwoSeconds() {
        LawDriver driver = charging(20);
        // pass at 1 s: no balancing; at 2 s: headroom 20 - 10 = 10, setpoint 6 + 2.5 = 8.5, sends floor 8
        assertFalse(driver.mains(10.0, 8.0, 8.0).car(6.0).pass().hasSetpoint());
        assertEquals(8, driver.mains(10.0, 8.0, 8.0).car(6.0).pass().setpointAmps());
        assertFalse(driver.mains(10.0, 8.0, 8.0).car(6.0).pass().hasSetpoint());
        // at 4 s: headroom 20 - 12.5 = 7.5, setpoint 8.5 + 1.875 = 10.375
        assertEquals(10, driver.mains(12.5, 8.0, 8.0).car(8.5).pass().setpointAmps());
        driver.mains(12.5, 8.0, 8.0).pass();
        // at 6 s: deficit 20 - 23 = -3: the full deficit, 7.375
        assertEquals(7, driver.mains(23.0, 8.0, 8.0).car(10.0).pass().setpointAmps());
    }

    @Test
    void shouldHoldSixAmpsWhenSixAmpsDoNotFitButTheBaseLoadLeavesRoom() {
        LawDriver driver = charging(20);
        driver.mains(4.0, 4.0, 4.0).car(6.0).pass();
        for (int pass = 0; pass < 10; pass++) {
            driver.mains(4.0, 4.0, 4.0).car(6.0).pass();
        }
        assertTrue(driver.setpointAmps() >= 10, "risen to " + driver.setpointAmps());
        // the car draws 16 A, the house 12 A: deficit 8 A takes the setpoint below 6 A; base load 12 A leaves 8 A
        for (int pass = 0; pass < 10; pass++) {
            LawCommands out = driver.mains(28.0, 20.0, 20.0).car(16.0).pass();
            assertFalse(out.action() == ChargerAction.PAUSE, "a soft shortage does not pause");
        }
        assertEquals(6, driver.setpointAmps());
    }

    @Test
    void shouldPauseAfterThreeSecondsOfHardShortage() {
        LawDriver driver = charging(20);
        for (int pass = 0; pass < 9; pass++) {
            driver.mains(8.0, 8.0, 8.0).car(6.0).pass();
        }
        // from t = 10 s the house alone leaves 20 - 16 = 4 A < 6 A
        double pausedAtS = -1;
        while (driver.nowS() <= 30 && pausedAtS < 0) {
            double atS = driver.nowS();
            if (driver.mains(22.0, 8.0, 8.0).car(6.0).pass().action() == ChargerAction.PAUSE) {
                pausedAtS = atS;
            }
        }
        assertEquals(13.0, pausedAtS, 1e-9);
    }

    @Test
    void shouldPauseAtOnceAboveTwiceTheRating() {
        LawDriver driver = charging(20);
        driver.mains(8.0, 8.0, 8.0).car(6.0).pass();
        assertEquals(ChargerAction.PAUSE, driver.mains(41.0, 8.0, 8.0).car(6.0).pass().action());
    }

    @Test
    void shouldRetryAtSixAmps60sAfterSixAmpsLastFailedToFit() {
        LawDriver driver = charging(20);
        double pausedAtS = -1;
        while (pausedAtS < 0) {
            double atS = driver.nowS();
            if (driver.mains(22.0, 8.0, 8.0).car(6.0).pass().action() == ChargerAction.PAUSE) {
                pausedAtS = atS;
            }
        }
        // the shortage lasts 20 s more (car stopped: the readings are the house alone), then 10 A of room
        double lastFailS = -1;
        while (driver.nowS() < pausedAtS + 20) {
            lastFailS = driver.nowS();
            assertFalse(driver.mains(16.0, 8.0, 8.0).car(0.0).pass().action() == ChargerAction.RESUME);
        }
        double resumedAtS = -1;
        while (driver.nowS() < lastFailS + 100 && resumedAtS < 0) {
            double atS = driver.nowS();
            LawCommands out = driver.mains(10.0, 8.0, 8.0).car(0.0).pass();
            if (out.action() == ChargerAction.RESUME) {
                resumedAtS = atS;
                assertEquals(6, driver.setpointAmps());
            }
        }
        assertEquals(lastFailS + 60.0, resumedAtS, 1e-9);
    }

    @Test
    void shouldPauseWhenReadingsAreElevenSecondsOld() {
        LawDriver driver = charging(32);
        double pausedAtS = -1;
        while (driver.nowS() < 30 && pausedAtS < 0) {
            double atS = driver.nowS();
            if (driver.car(6.0).pass().action() == ChargerAction.PAUSE) {
                pausedAtS = atS;
            }
        }
        assertEquals(11.0, pausedAtS, 1e-9);
    }
}
