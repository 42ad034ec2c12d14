package me.napolni.dinamics.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import me.napolni.dinamics.core.session.StopReason;
import me.napolni.dinamics.core.settings.FailsafeMode;
import org.junit.jupiter.api.Test;

class CurrentBalancerTest {

    private static final int BREAKER_AMPS = 20;
    private static final int C_LIMIT_AMPS = 16;
    /** The law's defaults on a 20 A breaker with a 16 A cap. */
    private static final BalancerConfig TWENTY_AMPS = BalancerConfig.defaults().toBuilder()
            .breakerAmps(BREAKER_AMPS).cLimitAmps(C_LIMIT_AMPS).build();
    /** The same with a tighter thermal budget and sustain line (0.88), so that 21.5 A and 31 A lie beyond them. */
    private static final BalancerConfig TWENTY_AMPS_TIGHT = TWENTY_AMPS.toBuilder().overloadBudgetFraction(0.88)
            .sustainFraction(0.88).build();
    /** The same, but without carrying any overload on the breaker's tolerance. */
    private static final BalancerConfig STRICT = TWENTY_AMPS.toBuilder().overloadAllowanceMs(0).sustainFraction(0.0)
            .marginAmps(0.5).build();

    @Test
    void shouldCutAtOnceWhenMainsExceedBreaker() {
        BalancerRig rig = new BalancerRig(STRICT).charging(14).house(5, 3, 3);
        rig.run(30_000);
        assertEquals(14, rig.setpoint(), "steady before the load");

        rig.house(9, 3, 3);                                 // 9 + 14 = 23 A > 20 A on L1
        assertEquals(DecisionAction.SET_CURRENT, rig.pass(), "the cut is sent at the first pass that sees it");
        assertTrue(rig.setpoint() <= BREAKER_AMPS - 9, "cut to what fits: " + rig.setpoint());
    }

    @Test
    void shouldCutAtOnceWhenOverloadWouldSpendThermalBudget() {
        BalancerRig rig = new BalancerRig(TWENTY_AMPS_TIGHT).charging(16).house(4, 4, 4);
        rig.run(600_000);                                   // a breaker warm from 20 A

        rig.house(15, 4, 4);                                // 31 A = 1.55 In: beyond the budget
        assertEquals(DecisionAction.SET_CURRENT, rig.pass(), "cut at the first pass that sees it");
        double sustainAmps = Math.sqrt(TWENTY_AMPS_TIGHT.sustainFraction()) * 1.13 * BREAKER_AMPS;
        assertTrue(rig.setpoint() <= sustainAmps - 15, "cut to what the breaker sustains: " + rig.setpoint());
        rig.run(1_800_000);
        assertTrue(rig.thermalPeakFraction < 0.95, "thermal peak " + rig.thermalPeakFraction);
    }

    @Test
    void shouldCutToHeadroomAtOnceWhenBreakerSettingIsLowered() {
        BalancerRig rig = new BalancerRig(TWENTY_AMPS.toBuilder().breakerAmps(32).build()).charging(16)
                .house(8, 8, 8);
        rig.run(60_000);
        assertEquals(16, rig.setpoint());

        rig.balancer.config(TWENTY_AMPS);                    // the installer says 20 A: 24 A flow now
        assertEquals(DecisionAction.SET_CURRENT, rig.pass());
        assertTrue(rig.setpoint() <= BREAKER_AMPS - TWENTY_AMPS.marginAmps() - 8,
                "no tolerance for a lowered rating: " + rig.setpoint());
    }

    @Test
    void shouldCarryShortPeakWhenThermalBudgetAllows() {
        BalancerRig rig = new BalancerRig(TWENTY_AMPS_TIGHT.toBuilder().overloadAllowanceMs(20_000).build())
                .charging(16).house(2, 2, 2);
        rig.run(60_000);

        rig.house(5.5, 2, 2);                               // 21.5 A: a motor start or a hob pulse on top
        rig.run(5_000);
        assertEquals(16, rig.setpoint(), "a small, short overload rides on the breaker's tolerance");

        long waitedMs = rig.runUntil(DecisionAction.SET_CURRENT, 20_000);
        assertTrue(waitedMs > 0, "cut once the allowance is over");
        assertTrue(rig.setpoint() < 16);
        rig.run(3_000);
        assertTrue(rig.mainsAmps(0) <= Math.sqrt(TWENTY_AMPS_TIGHT.sustainFraction()) * 1.13 * BREAKER_AMPS,
                "to a current the breaker sustains: " + rig.mainsAmps(0));
    }

    @Test
    void shouldRaiseOnlyAfterDelayAndInStepsWhenHeadroomReturns() {
        BalancerConfig config = STRICT.toBuilder().raiseDelayMs(10_000).raiseStepAmps(2).raiseStepIntervalMs(3_000)
                .build();
        BalancerRig rig = new BalancerRig(config).charging(6).house(13, 3, 3);
        rig.run(30_000);
        assertEquals(6, rig.setpoint());

        rig.house(2, 2, 2);                                  // 17.5 A fits now
        rig.run(9_500);
        assertEquals(6, rig.setpoint(), "no raise before the raise delay");

        long firstMs = rig.runUntil(DecisionAction.SET_CURRENT, 2_000);
        assertTrue(firstMs > 0, "raised once the headroom held for the delay");
        assertEquals(8, rig.setpoint(), "one step of 2 A");
        long secondMs = rig.runUntil(DecisionAction.SET_CURRENT, 10_000);
        assertTrue(secondMs >= 3_000, "the next step waits for the step interval: " + secondMs);
        assertEquals(10, rig.setpoint());
        rig.run(120_000);
        assertEquals(C_LIMIT_AMPS, rig.setpoint(), "and so on up to the cap");
    }

    @Test
    void shouldNotHuntWhenInductionHobPulses() {
        BalancerRig rig = new BalancerRig(TWENTY_AMPS).charging(10).house(3, 3, 3);
        rig.run(60_000);
        int changesBefore = rig.setpointChanges;
        for (int period = 0; period < 75; period++) {        // 5 minutes of 4 s pulses, 2.5 kW on L2
            rig.house(3, 14, 3).run(2_000);
            rig.house(3, 3, 3).run(2_000);
        }
        assertTrue(rig.setpointChanges - changesBefore <= 3,
                "settles below the pulses instead of following them: " + (rig.setpointChanges - changesBefore));
    }

    @Test
    void shouldHoldMinimumThenPauseWhenShortageOutlastsThermalBudget() {
        BalancerRig rig = new BalancerRig(TWENTY_AMPS).charging(6).house(2, 2, 2);
        rig.run(300_000);                                   // a cool breaker

        rig.house(17, 2, 2);                                // 3 A fits: less than the minimum, 23 A with the car
        rig.run(60_000);
        assertEquals(6, rig.setpoint(), "the minimum is held on the breaker's tolerance");
        assertEquals(ChargerActivity.CHARGING, rig.charger.activity());
        assertEquals((int) Math.floor(BREAKER_AMPS - TWENTY_AMPS.marginAmps() - 17), rig.decision.allowedAmps(),
                "what fits is still published");

        long waitedMs = rig.runUntil(DecisionAction.PAUSE, 900_000);
        assertTrue(waitedMs > 0, "paused before the budget is spent");
        assertEquals(StopReason.THERMAL, rig.decision.stopReason());
        assertTrue(rig.pauses == 1);
    }

    @Test
    void shouldPauseForNoHeadroomWhenFarLessThanMinimumFitsForTimer4() {
        BalancerConfig config = TWENTY_AMPS.toBuilder().thermalPauseFraction(1.0).build();
        BalancerRig rig = new BalancerRig(config).charging(6).house(13, 2, 2);
        rig.run(300_000);
        assertEquals(6, rig.setpoint(), "the car holds still before the load");

        rig.house(19, 2, 2);                                 // 1 A fits: far below the minimum
        long waitedMs = rig.runUntil(DecisionAction.PAUSE, 30_000);
        assertTrue(waitedMs >= config.deepShortagePauseMs(), "not before timer4: " + waitedMs);
        // the car's measured current lags its drop from 7 A to 6 A by up to two seconds
        assertTrue(waitedMs <= config.deepShortagePauseMs() + 2_500, "but right after it: " + waitedMs);
        assertEquals(StopReason.NO_HEADROOM, rig.decision.stopReason());
    }

    @Test
    void shouldKeepMinimumPauseAndResumeMarginWhenResuming() {
        BalancerConfig config = TWENTY_AMPS.toBuilder().minimumPauseMs(60_000).resumeDelayMs(10_000)
                .resumeMarginAmps(2.0).build();
        BalancerRig rig = new BalancerRig(config).charging(6).house(2, 2, 2);
        rig.run(60_000);
        rig.house(19.5, 2, 2);
        assertTrue(rig.runUntil(DecisionAction.PAUSE, 60_000) > 0);
        long pausedAtMs = rig.nowMs();

        rig.house(13.5, 2, 2);                               // 6.5 + margin: the minimum fits, not the margin
        rig.run(70_000);
        assertEquals(0, rig.resumes, "the minimum without the resume margin is not enough");

        rig.house(2, 2, 2);
        long waitedMs = rig.runUntil(DecisionAction.RESUME, 60_000);
        assertTrue(waitedMs > 0);
        assertTrue(rig.nowMs() - pausedAtMs >= config.minimumPauseMs());
        assertTrue(waitedMs >= config.resumeDelayMs(), "the headroom must hold for the resume delay: " + waitedMs);
        assertNull(rig.decision.stopReason());
    }

    @Test
    void shouldNotResumeBeforeMinimumPauseWhenHeadroomReturnsAtOnce() {
        BalancerConfig config = TWENTY_AMPS.toBuilder().minimumPauseMs(120_000).build();
        BalancerRig rig = new BalancerRig(config).charging(6).house(2, 2, 2);
        rig.run(60_000);
        rig.house(19.5, 2, 2);
        assertTrue(rig.runUntil(DecisionAction.PAUSE, 60_000) > 0);
        long pausedAtMs = rig.nowMs();
        rig.house(2, 2, 2);
        assertTrue(rig.runUntil(DecisionAction.RESUME, 300_000) > 0);
        assertTrue(rig.nowMs() - pausedAtMs >= 120_000, "resumed after " + (rig.nowMs() - pausedAtMs) + " ms");
    }

    @Test
    void shouldFallToMinimumWithinStaleAfterWhenReadingsStop() {
        BalancerRig rig = new BalancerRig(TWENTY_AMPS).charging(16).house(2, 2, 2);
        rig.run(60_000);
        assertEquals(16, rig.setpoint());

        rig.meterOn = false;
        long waitedMs = rig.runUntil(DecisionAction.SET_CURRENT, 20_000);
        assertTrue(waitedMs > 0 && waitedMs <= TWENTY_AMPS.staleAfterMs() + BalancerRig.PASS_MS,
                "safe current within staleAfterMs: " + waitedMs);
        assertEquals(TWENTY_AMPS.minimumCurrentAmps(), rig.setpoint());
        assertEquals(FailsafeState.STALE, rig.decision.failsafe());
        rig.run(60_000);
        assertEquals(TWENTY_AMPS.minimumCurrentAmps(), rig.setpoint(), "held while stale, never raised");
    }

    @Test
    void shouldPauseWithinStaleAfterWhenReadingsStopAndFailsafeIsPause() {
        BalancerConfig config = TWENTY_AMPS.toBuilder().failsafeMode(FailsafeMode.PAUSE).build();
        BalancerRig rig = new BalancerRig(config).charging(16).house(2, 2, 2);
        rig.run(60_000);

        rig.meterOn = false;
        long waitedMs = rig.runUntil(DecisionAction.PAUSE, 20_000);
        assertTrue(waitedMs > 0 && waitedMs <= config.staleAfterMs() + BalancerRig.PASS_MS, "paused after " + waitedMs);
        assertEquals(StopReason.FAILSAFE, rig.decision.stopReason());
        rig.run(60_000);
        assertEquals(0, rig.resumes, "no resume while stale");
    }

    @Test
    void shouldHoldSafeCurrentWhenReadingIsNotANumber() {
        BalancerRig rig = new BalancerRig(TWENTY_AMPS).charging(16).house(2, 2, 2);
        rig.run(30_000);
        rig.meterOn = false;
        rig.readings.amps(1, Double.NaN, rig.clock.nanoTime() + BalancerRig.PASS_MS * 1_000_000L);
        assertEquals(DecisionAction.SET_CURRENT, rig.pass(), "garbage is no reading: the safe side at once");
        assertEquals(TWENTY_AMPS.minimumCurrentAmps(), rig.setpoint());
        assertEquals(FailsafeState.STALE, rig.decision.failsafe());
    }

    @Test
    void shouldNotRaiseOrResumeWhenNoReadingHasArrived() {
        BalancerRig rig = new BalancerRig(TWENTY_AMPS);
        rig.meterOn = false;
        rig.run(60_000);
        assertEquals(0, rig.resumes);
        assertEquals(FailsafeState.NO_READINGS, rig.decision.failsafe());
        assertEquals(TWENTY_AMPS.minimumCurrentAmps(), rig.decision.allowedAmps(), "the failsafe's minimum");

        BalancerRig charging = new BalancerRig(TWENTY_AMPS).charging(10);
        charging.meterOn = false;
        charging.run(60_000);
        assertTrue(charging.setpoint() <= 10, "never raised without a reading: " + charging.setpoint());

        rig.meterOn = true;
        rig.house(2, 2, 2);
        assertTrue(rig.runUntil(DecisionAction.RESUME, 10_000) > 0, "the first readings let it start");
        assertEquals(FailsafeState.OFF, rig.decision.failsafe());
    }

    @Test
    void shouldCapAtCLimitWhenHeadroomIsLarge() {
        BalancerConfig config = TWENTY_AMPS.toBuilder().breakerAmps(63).cLimitAmps(10).build();
        BalancerRig rig = new BalancerRig(config).house(1, 1, 1);
        rig.run(120_000);
        assertEquals(10, rig.setpoint());
        assertEquals(10, rig.decision.allowedAmps(), "max_charging_current is capped too");

        rig.balancer.config(config.toBuilder().cLimitAmps(8).build());
        assertEquals(DecisionAction.SET_CURRENT, rig.pass(), "a lower cap cuts at once");
        assertEquals(8, rig.setpoint());
    }

    @Test
    void shouldHoldCLimitWhenStaticMode() {
        BalancerConfig config = TWENTY_AMPS.toBuilder().staticMode(true).cLimitAmps(13).build();
        BalancerRig rig = new BalancerRig(config).house(25, 25, 25);   // readings are ignored
        rig.meterOn = false;
        rig.run(30_000);
        assertEquals(1, rig.resumes);
        assertEquals(13, rig.setpoint());
        assertEquals(13, rig.decision.allowedAmps());
        assertEquals(FailsafeState.OFF, rig.decision.failsafe());
        assertEquals(0, rig.pauses);
    }

    @Test
    void shouldLimitByL2OnlyWhenSinglePhaseCarOnL2IsDetected() {
        BalancerConfig config = STRICT.toBuilder().breakerAmps(25).cLimitAmps(32).build();
        BalancerRig rig = new BalancerRig(config).carOn(0b010).house(15, 3, 3);
        rig.run(20_000);
        assertEquals(0, rig.decision.activePhases(), "unknown at first");

        // a few rises of the car's current later the balancer knows the car is on L2 only
        for (int cycle = 0; cycle < 4 && rig.decision.activePhases() != 2; cycle++) {
            rig.house(15, 14, 3).run(30_000);                 // L2 busy: the car drops
            rig.house(15, 3, 3).run(60_000);                  // and rises again
        }
        assertEquals(2, rig.decision.activePhases(), "detected on L2");

        rig.house(26, 3, 3).run(300_000);                     // L1 above the breaker, by the house alone
        assertEquals(2, rig.decision.activePhases());
        assertTrue(rig.setpoint() >= 20, "L1 does not limit a car on L2: " + rig.setpoint());
        assertTrue(rig.mainsAmps(1) <= 25.5, "L2 stays at the breaker: " + rig.mainsAmps(1));
    }

    @Test
    void shouldKeepAllPhasesWhenThreePhaseCarStartsDuringHousePulses() {
        BalancerConfig config = STRICT.toBuilder().breakerAmps(32).build();
        BalancerRig rig = new BalancerRig(config).house(3, 3, 3);
        for (int second = 0; second < 600; second++) {       // a hob pulsing on L2 while the car starts and runs
            rig.house(3, second % 4 < 2 ? 9 : 3, 3).run(1_000);
            assertTrue(rig.decision.activePhases() == 0 || rig.decision.activePhases() == 123,
                    "never narrowed: " + rig.decision.activePhases());
        }
    }

    @Test
    void shouldReportEvseLinkAndSendNothingWhenLinkIsDown() {
        BalancerRig rig = new BalancerRig(TWENTY_AMPS).charging(16).house(2, 2, 2);
        rig.run(10_000);
        rig.charger.linkOk(false);
        rig.house(15, 2, 2);
        assertEquals(DecisionAction.NONE, rig.pass());
        assertEquals(FailsafeState.EVSE_LINK, rig.decision.failsafe());
    }

    @Test
    void shouldResetWhenCarIsDisconnected() {
        BalancerRig rig = new BalancerRig(TWENTY_AMPS).charging(16).house(2, 2, 2);
        rig.run(10_000);
        rig.charger.carConnected(false);
        assertEquals(DecisionAction.NONE, rig.pass());
        assertEquals(0, rig.decision.activePhases());
        assertFalse(rig.decision.allowedAmps() > C_LIMIT_AMPS);
    }
}
