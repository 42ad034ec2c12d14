package me.napolni.dinamics.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import me.napolni.dinamics.core.settings.EnableIntent;
import me.napolni.dinamics.core.time.ManualClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChargingSessionTest {

    private final ManualClock clock = new ManualClock(1_000_000_000L);
    private final SessionInputs in = new SessionInputs()
            .timerMs(1, 50_000).timerMs(2, 10_000).timerMs(3, 7_000).timerMs(4, 12_000);
    private final SessionOutput out = new SessionOutput();
    private ChargingSession session = ChargingSession.start(EnableIntent.ENABLED);

    private void charging() {
        in.carConnected(true).carAmps(16).pilotAmps(16).allowedAmps(16).minimumAmps(6).plugAndCharge(false);
    }

    /** Sets up the condition of a timer: 1 no current, 2 no car, 3 over current, 4 too little allowed. */
    private void condition(int timer) {
        charging();
        switch (timer) {
            case 1 -> in.carAmps(0.2);
            case 2 -> in.carConnected(false).carAmps(0);
            case 3 -> in.carAmps(17.0);
            default -> in.allowedAmps(2.5);
        }
    }

    private void pass() {
        session.doWork(clock.nanoTime(), in, out);
    }

    @ParameterizedTest(name = "timer{0}")
    @CsvSource({"1,no_current", "2,no_car", "3,over_current", "4,no_headroom"})
    void shouldFireExactlyAfterDelayWhenConditionHolds(int timer, String reason) {
        charging();
        pass();
        condition(timer);
        pass();
        clock.advanceMs(in.timerMs(timer) - 1);
        pass();
        assertEquals(StationState.ENABLED, out.state(), "not yet, 1 ms before the delay");
        clock.advanceMs(1);
        pass();
        assertEquals(StationState.ASLEEP, out.state());
        assertTrue(out.changed());
        assertEquals(reason, out.stopReason().word());
        clock.advanceMs(1);
        pass();
        assertFalse(out.changed(), "a change is reported once");
    }

    @ParameterizedTest(name = "timer{0}")
    @CsvSource({"1,50000", "2,10000", "3,7000", "4,12000"})
    void shouldCountFromZeroWhenATimerIsSwitchedBackOn(int timer, long delayMs) {
        charging();
        pass();
        condition(timer);
        in.timerMs(timer, SessionInputs.TIMER_OFF);     // e.g. while the control law has the charger paused
        pass();
        clock.advanceMs(delayMs * 3);
        pass();
        assertEquals(ChargingSession.NOT_SINCE, session.conditionSinceNs(timer), "an off timer counts nothing");
        in.timerMs(timer, delayMs);
        pass();
        assertEquals(StationState.ENABLED, out.state(), "the delay starts when the timer is on again");
        clock.advanceMs(delayMs);
        pass();
        assertEquals(StationState.ASLEEP, out.state());
    }

    @ParameterizedTest(name = "timer{0}")
    @CsvSource({"1", "2", "3", "4"})
    void shouldRestartTimerWhenConditionBreaks(int timer) {
        charging();
        pass();
        condition(timer);
        pass();
        clock.advanceMs(in.timerMs(timer) - 10);
        pass();
        charging();
        clock.advanceMs(5);
        pass();
        condition(timer);
        clock.advanceMs(5);
        pass();
        clock.advanceMs(in.timerMs(timer) - 1);
        pass();
        assertEquals(StationState.ENABLED, out.state(), "the break restarted the delay");
        clock.advanceMs(1);
        pass();
        assertEquals(StationState.ASLEEP, out.state());
    }

    @Test
    void shouldNotStopForNoCurrentOrNoCarWhenPlugAndChargeIsOn() {
        charging();
        in.plugAndCharge(true).carConnected(false).carAmps(0);
        for (int i = 0; i < 100; i++) {
            pass();
            clock.advanceMs(1_000);
        }
        assertEquals(StationState.ENABLED, out.state());
    }

    @Test
    void shouldStayStoppedUntilEnableWhenPlugAndChargeIsOff() {
        condition(3);
        pass();
        clock.advanceMs(in.timerMs(3));
        pass();
        assertEquals(StopReason.OVER_CURRENT, out.stopReason());
        in.carConnected(false);
        pass();
        charging();
        pass();
        assertEquals(StationState.ASLEEP, out.state(), "P&C off: a plug-in does not start charging");
        session.operator(EnableIntent.ENABLED);
        pass();
        assertEquals(StationState.ENABLED, out.state());
        assertTrue(out.changed());
        assertNull(out.stopReason());
    }

    @Test
    void shouldWakeOnNextPlugInWhenSleepingWithPlugAndCharge() {
        charging();
        in.plugAndCharge(true);
        pass();
        session.operator(EnableIntent.SLEEP);
        pass();
        assertEquals(StopReason.OPERATOR_SLEEP, out.stopReason());
        pass();
        assertEquals(StationState.ASLEEP, out.state(), "sleep holds while the car stays");
        in.carConnected(false);
        pass();
        in.carConnected(true);
        pass();
        assertEquals(StationState.ENABLED, out.state());
        assertTrue(out.changed());
    }

    @Test
    void shouldStayDisabledWhenOperatorSwitchedOffEvenWithPlugAndCharge() {
        session = ChargingSession.start(EnableIntent.OFF);
        charging();
        in.plugAndCharge(true);
        pass();
        assertEquals(StationState.DISABLED, out.state());
        assertTrue(out.changed(), "a stored 1 is applied again at start");
        in.carConnected(false);
        pass();
        in.carConnected(true);
        pass();
        assertEquals(StationState.DISABLED, out.state());
        assertEquals(StopReason.OPERATOR_OFF, out.stopReason());
    }

    @Test
    void shouldSendNothingAtStartWhenStoredIntentIsEnabled() {
        charging();
        pass();
        assertEquals(StationState.ENABLED, out.state());
        assertFalse(out.changed());
    }

    @Test
    void shouldWaitForHeadroomWhenEnabledBelowMinimum() {
        session = ChargingSession.start(EnableIntent.SLEEP);
        charging();
        pass();
        in.allowedAmps(4);
        session.operator(EnableIntent.ENABLED);
        pass();
        assertEquals(StationState.ASLEEP, out.state());
        assertEquals(StopReason.NO_HEADROOM, out.stopReason());
        in.allowedAmps(6);
        pass();
        assertEquals(StationState.ENABLED, out.state());
        assertTrue(out.changed());
    }

    @Test
    void shouldResumeByItselfWhenHeadroomReturnsAfterTimer4() {
        condition(4);
        pass();
        clock.advanceMs(in.timerMs(4));
        pass();
        assertEquals(StopReason.NO_HEADROOM, out.stopReason());
        in.allowedAmps(5);
        pass();
        assertEquals(StationState.ASLEEP, out.state(), "below the minimum it stays asleep");
        in.allowedAmps(6);
        pass();
        assertEquals(StationState.ENABLED, out.state());
    }

    @Test
    void shouldSleepOutsideWindowUnlessOperatorEnables() {
        charging();
        in.plugAndCharge(true).insideDelayWindow(false);
        pass();
        assertEquals(StopReason.DELAY_TIMER, out.stopReason());
        session.operator(EnableIntent.ENABLED);
        pass();
        assertEquals(StationState.ENABLED, out.state(), "set_enable 2 outside the window charges at once");
        pass();
        assertEquals(StationState.ENABLED, out.state());
        in.insideDelayWindow(true);
        pass();
        in.insideDelayWindow(false);
        pass();
        assertEquals(StopReason.DELAY_TIMER, out.stopReason(), "the window applies again the next day");
        in.insideDelayWindow(true);
        pass();
        assertEquals(StationState.ENABLED, out.state(), "P&C on with a car: the window opening starts charging");
    }
}
