package me.napolni.dinamics.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import me.napolni.dinamics.core.control.BalancerConfig;
import me.napolni.dinamics.core.control.FailsafeState;
import me.napolni.dinamics.core.session.StationState;
import me.napolni.dinamics.core.session.StopReason;
import me.napolni.dinamics.core.settings.EnableIntent;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.Settings;
import me.napolni.dinamics.core.time.LocalMinuteClock;
import me.napolni.dinamics.core.time.ManualClock;
import org.junit.jupiter.api.Test;

class ControlLoopTest {

    private static final long PASS_MS = 1_000;

    private final ManualClock clock = new ManualClock(TimeUnit.HOURS.toNanos(1));
    private final LatestReadings latest = new LatestReadings();
    private final FakeChargerPort port = new FakeChargerPort(clock);
    private final Settings settings = Settings.defaults().with(SettingKey.BREAKER, 40);
    private final ControlLoop loop = ControlLoop.create(settings, latest, List.of(port), LocalMinuteClock.fixed(600));
    private double houseAmps = 2.0;

    /** One pass a second, with fresh readings: mains = house + car. */
    private void passes(int count, boolean measure) {
        for (int n = 0; n < count; n++) {
            clock.advanceMs(PASS_MS);
            if (measure) {
                for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
                    latest.record(phase, houseAmps + port.carAmps(), clock.nanoTime());
                }
            }
            loop.doWork(clock.nanoTime());
        }
    }

    @Test
    void shouldSendNothingWhenNothingChanges() {
        passes(30, true);
        assertEquals(16, port.setpointAmps);
        int before = port.calls.size();
        passes(100, true);
        assertEquals(before, port.calls.size(), "calls after steady state: " + port.calls);
        assertEquals(16, loop.snapshot().primary().setpointAmps());
        assertEquals(FailsafeState.OFF, loop.snapshot().failsafe());
    }

    @Test
    void shouldApplySettingsSwapAtNextPass() {
        passes(30, true);
        Settings lower = loop.settings().with(SettingKey.C_LIMIT, 10);
        assertTrue(loop.submit(new ControlCommand.ApplySettings(lower)));
        assertEquals(16, loop.settings().cLimitAmps(), "not before the next pass");
        passes(1, true);
        assertSame(lower, loop.settings());
        assertSame(lower, loop.snapshot().settings());
        assertEquals("SC 10", port.lastCall());
        int before = port.calls.size();
        passes(20, true);
        assertEquals(before, port.calls.size(), "sent once: " + port.calls);
    }

    @Test
    void shouldCutAtOnceWhenBreakerIsLowered() {
        passes(30, true);
        houseAmps = 8;
        assertTrue(loop.submit(new ControlCommand.ApplySettings(loop.settings().with(SettingKey.BREAKER, 20))));
        passes(1, true);
        assertTrue(port.setpointAmps <= 20 - 8, "setpoint " + port.setpointAmps);
    }

    @Test
    void shouldFallToSafeCurrentWithinStaleAfterWhenReadingsStop() {
        passes(30, true);
        long lastReadingNs = clock.nanoTime();
        long staleAfterNs = TimeUnit.MILLISECONDS.toNanos(settings.staleAfterMs());
        long safeAtNs = -1;
        for (int n = 0; n < 30 && safeAtNs < 0; n++) {
            passes(1, false);
            if (port.setpointAmps == settings.cMinLimitAmps()) {
                safeAtNs = clock.nanoTime();
            }
        }
        assertTrue(safeAtNs > 0, "never fell to the safe current: " + port.calls);
        assertTrue(safeAtNs - lastReadingNs <= staleAfterNs + TimeUnit.MILLISECONDS.toNanos(PASS_MS),
                "safe current after " + (safeAtNs - lastReadingNs) / 1_000_000 + " ms");
        assertTrue(safeAtNs - lastReadingNs > staleAfterNs, "not before the readings were stale");
        assertEquals(FailsafeState.STALE, loop.snapshot().failsafe());
    }

    @Test
    void shouldPauseWhenReadingsStopAndFailsafeModeIsPause() {
        assertTrue(loop.submit(new ControlCommand.ApplySettings(settings.with(SettingKey.FAILSAFE_MODE, 1))));
        passes(30, true);
        passes(12, false);
        assertTrue(port.paused, "calls " + port.calls);
        assertEquals(StopReason.FAILSAFE, loop.snapshot().primary().stopReason());
    }

    @Test
    void shouldDisableOnceAndEnableAgainWhenOperatorSaysSo() {
        passes(5, true);
        assertTrue(loop.submit(new ControlCommand.Operator("1", EnableIntent.OFF)));
        passes(1, true);
        assertEquals("FD", port.lastCall());
        passes(10, true);
        assertEquals(1, port.calls.stream().filter("FD"::equals).count());
        assertEquals(StationState.DISABLED, loop.snapshot().primary().state());
        assertEquals(StopReason.OPERATOR_OFF, loop.snapshot().primary().stopReason());
        assertTrue(loop.submit(new ControlCommand.Operator("1", EnableIntent.ENABLED)));
        passes(1, true);
        assertEquals("FE", port.lastCall());
        assertFalse(port.disabled);
    }

    @Test
    void shouldResendSetupWhenLinkComesBack() {
        passes(30, true);
        port.linkOk = false;
        passes(5, true);
        int before = port.calls.size();
        port.linkOk = true;
        passes(1, true);
        assertTrue(port.calls.size() > before, "the setpoint and state are sent again: " + port.calls);
    }

    @Test
    void shouldShareBreakerByPriorityWhenTwoChargersRun() {
        FakeChargerPort low = new FakeChargerPort(clock);
        FakeChargerPort high = new FakeChargerPort(clock);
        Settings two = Settings.defaults(List.of("low", "high")).with(SettingKey.BREAKER, 20)
                .with(SettingKey.MIN_PAUSE, 30_000).with(SettingKey.BREAKER_MARGIN, 3)
                .with("high", SettingKey.PRIORITY, 9);
        ControlLoop shared = ControlLoop.create(two, latest, List.of(low, high), LocalMinuteClock.fixed(600));
        double limit = 20 - two.breakerMarginDeciAmps() / 10.0;
        for (int n = 0; n < 240; n++) {
            clock.advanceMs(PASS_MS);
            for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
                latest.record(phase, low.carAmps() + high.carAmps(), clock.nanoTime());
            }
            shared.doWork(clock.nanoTime());
            if (n > 5) {
                assertTrue(low.carAmps() + high.carAmps() <= limit,
                        "pass " + n + ": " + low.carAmps() + " + " + high.carAmps());
            }
        }
        assertEquals(6, low.setpointAmps, "low " + low.calls);
        assertEquals(13, high.setpointAmps, "high " + high.calls);
        assertEquals(13, shared.snapshot().chargers().get(1).allowedAmps());
    }

    /** A loop over {@link #port} with the given settings, the charger asleep at power-on (state 254). */
    private ControlLoop startAsleep(Settings start) {
        port.paused = true;
        return ControlLoop.create(start, latest, List.of(port), LocalMinuteClock.fixed(600));
    }

    private void passes(ControlLoop on, int count) {
        for (int n = 0; n < count; n++) {
            clock.advanceMs(PASS_MS);
            for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
                latest.record(phase, houseAmps + port.carAmps(), clock.nanoTime());
            }
            on.doWork(clock.nanoTime());
        }
    }

    @Test
    void shouldNotEnableAtStartWhenPlugAndChargeIsOffAndNoIntentIsStored() {
        ControlLoop started = startAsleep(settings);
        passes(started, 120);
        assertFalse(port.calls.contains("FE"), "P&C 0 starts charging only on set_enable 2: " + port.calls);
        assertFalse(port.calls.contains("FD"), "never disabled at start: " + port.calls);
        assertTrue(port.paused);
        assertEquals(StationState.ASLEEP, started.snapshot().primary().state());
        assertTrue(started.submit(new ControlCommand.Operator("1", EnableIntent.ENABLED)));
        passes(started, 1);
        assertEquals("FE", port.lastCall(), "set_enable 2 starts it: " + port.calls);
        assertEquals(StationState.ENABLED, started.snapshot().primary().state());
    }

    @Test
    void shouldNotEnableAtStartWhenTheStoredIntentIsTwo() {
        ControlLoop started = startAsleep(settings.with("1", SettingKey.ENABLE, EnableIntent.ENABLED.code()));
        passes(started, 120);
        assertFalse(port.calls.contains("FE"), "a stored 2 sends nothing: " + port.calls);
        assertFalse(port.calls.contains("FS") || port.calls.contains("FD"), port.calls.toString());
    }

    @Test
    void shouldNotEnableWhenTheLinkComesUpAfterStart() {
        port.linkOk = false;
        ControlLoop started = startAsleep(settings);
        passes(started, 5);
        port.linkOk = true;
        passes(started, 60);
        assertFalse(port.calls.contains("FE"), "a link that comes up is no reason to charge: " + port.calls);
    }

    @Test
    void shouldApplyAStoredSleepAgainAndNotEnableLater() {
        ControlLoop started = startAsleep(settings.with("1", SettingKey.ENABLE, EnableIntent.SLEEP.code()));
        passes(started, 60);
        assertEquals(List.of("FS"), port.calls.stream().filter(c -> c.startsWith("F")).toList());
        assertEquals(StopReason.OPERATOR_SLEEP, started.snapshot().primary().stopReason());
    }

    @Test
    void shouldEnableAtStartWhenPlugAndChargeIsOnAndACarIsConnected() {
        ControlLoop started = startAsleep(settings.with(SettingKey.PLUGANDCHARGE, 1));
        passes(started, 5);
        assertTrue(port.calls.contains("FE"), "P&C 1 with a car: " + port.calls);
        assertFalse(port.paused);
    }

    @Test
    void shouldNotEnableWithPlugAndChargeWhenTheMinimumDoesNotFit() {
        houseAmps = 37;
        ControlLoop started = startAsleep(settings.with(SettingKey.PLUGANDCHARGE, 1));
        passes(started, 30);
        assertFalse(port.calls.contains("FE"), "no headroom: " + port.calls);
        houseAmps = 2;
        passes(started, 60);
        assertTrue(port.calls.contains("FE"), "once the minimum fits: " + port.calls);
    }

    @Test
    void shouldWaitForTheMinimumWhenEnableIsTwoAndNoHeadroomIsLeft() {
        houseAmps = 37;
        ControlLoop started = startAsleep(settings);
        passes(started, 5);
        assertTrue(started.submit(new ControlCommand.Operator("1", EnableIntent.ENABLED)));
        passes(started, 30);
        assertFalse(port.calls.contains("FE"), "stays asleep until the minimum fits: " + port.calls);
        assertEquals(StopReason.NO_HEADROOM, started.snapshot().primary().stopReason());
        houseAmps = 2;
        passes(started, 60);
        assertTrue(port.calls.contains("FE"), "then set_enable 2 takes effect: " + port.calls);
        assertFalse(port.paused);
    }

    @Test
    void shouldEnableAgainAfterALinkLossWhenTheOperatorHadEnabled() {
        ControlLoop started = startAsleep(settings);
        passes(started, 3);
        assertTrue(started.submit(new ControlCommand.Operator("1", EnableIntent.ENABLED)));
        passes(started, 3);
        port.linkOk = false;
        port.paused = true;             // the controller rebooted asleep while the link was down
        passes(started, 5);
        port.linkOk = true;
        passes(started, 3);
        assertEquals(2, port.calls.stream().filter("FE"::equals).count(), "the intent is set up again: " + port.calls);
        assertFalse(port.paused);
    }

    @Test
    void shouldNotCountNoCurrentWhileTheChargerIsLeftAsleep() {
        ControlLoop started = startAsleep(settings);
        passes(started, (int) (settings.timerMs(1) / PASS_MS) * 2);
        assertFalse(port.calls.contains("FS"), "timer1 does not run for a charger the gateway did not enable: "
                + port.calls);
        assertEquals(null, started.snapshot().primary().stopReason());
    }

    @Test
    void shouldResumeItsOwnPauseWhenPlugAndChargeIsOff() {
        ControlLoop started = ControlLoop.create(settings, latest, List.of(port), LocalMinuteClock.fixed(600));
        passes(started, 30);
        assertFalse(port.calls.contains("FE"), "a charging car is taken as it is: " + port.calls);
        houseAmps = 45;
        passes(started, 60);
        assertTrue(port.paused, "no headroom: " + port.calls);
        houseAmps = 2;
        passes(started, 300);
        assertFalse(port.paused, "the gateway resumes its own pause: " + port.calls);
        assertEquals("FE", port.calls.stream().filter(c -> c.startsWith("F")).reduce((a, b) -> b).orElse(""));
    }

    @Test
    void shouldRefuseCommandsWhenQueueIsFull() {
        for (int i = 0; i < ControlLoop.COMMAND_QUEUE_CAPACITY; i++) {
            assertTrue(loop.submit(new ControlCommand.Operator("1", EnableIntent.ENABLED)));
        }
        assertFalse(loop.submit(new ControlCommand.Operator("1", EnableIntent.ENABLED)));
        passes(1, true);
        assertTrue(loop.submit(new ControlCommand.Operator("1", EnableIntent.ENABLED)));
    }

    @Test
    void shouldStartAtWhatFitsWhenCarIsPluggedInWithPlugAndCharge() {
        assertTrue(loop.submit(new ControlCommand.ApplySettings(settings.with(SettingKey.PLUGANDCHARGE, 1))));
        passes(5, true);
        assertTrue(loop.submit(new ControlCommand.Operator("1", EnableIntent.SLEEP)));
        passes(1, true);
        assertEquals("FS", port.lastCall());
        port.carConnected = false;
        passes(3, true);
        houseAmps = 30;
        port.carConnected = true;
        passes(1, true);
        int fits = (int) Math.floor(40 - 30 - settings.breakerMarginDeciAmps() / 10.0);
        assertEquals(List.of("SC " + fits, "FE"), port.calls.subList(port.calls.size() - 2, port.calls.size()));
        assertEquals(StationState.ENABLED, loop.snapshot().primary().state());
    }

    @Test
    void shouldSleepOutsideDelayWindow() {
        Settings night = settings.with("1", SettingKey.DELAY_TIMER, me.napolni.dinamics.core.settings.DelayTimer
                .of(22 * 60, 6 * 60).encode());
        ControlLoop timed = ControlLoop.create(night, latest, List.of(port), LocalMinuteClock.fixed(12 * 60));
        clock.advanceMs(PASS_MS);
        timed.doWork(clock.nanoTime());
        assertEquals("FS", port.lastCall());
        assertEquals(StopReason.DELAY_TIMER, timed.snapshot().primary().stopReason());
    }

    @Test
    void shouldHoldMinimumWhenPassFails() {
        passes(30, true);
        assertEquals(16, port.setpointAmps);
        loop.onError(new IllegalStateException("a pass failed"));
        assertEquals("SC 6", port.lastCall());
        passes((int) (settings.raiseDelayMs() / PASS_MS) + 5, true);
        assertEquals(16, port.setpointAmps, "the control law raises it again: " + port.calls);
    }

    @Test
    void shouldAllocateOnlyTheSnapshotWhenPassing() {
        // about 280 bytes: the snapshot, its arrays and one charger entry
        passes(30, true);
        long bytes = AllocationMeter.bytesAllocated(() -> passes(1, true), 2_000, 1_000);
        assertTrue(bytes / 1000 < 400, bytes / 1000 + " bytes per pass");
    }

    @Test
    void shouldChargeOnSinglePhaseSiteWhenOnlyL1IsMeasured() {
        LatestReadings single = new LatestReadings(1);
        port.activePhases = 1;
        ControlLoop onePhase = ControlLoop.create(settings, single, List.of(port), LocalMinuteClock.fixed(600));
        for (int n = 0; n < 30; n++) {
            clock.advanceMs(PASS_MS);
            single.record(0, houseAmps + port.carAmps(), clock.nanoTime());
            onePhase.doWork(clock.nanoTime());
        }
        assertEquals(FailsafeState.OFF, onePhase.snapshot().failsafe());
        assertEquals(16, port.setpointAmps);
        for (int n = 0; n < 12; n++) {
            clock.advanceMs(PASS_MS);
            onePhase.doWork(clock.nanoTime());
        }
        assertEquals(FailsafeState.STALE, onePhase.snapshot().failsafe(), "L1 itself still goes stale");
    }

    @Test
    void shouldRunTheScenarioTunedLawWhenSettingsAreDefaults() {
        // docs/scenario.md measures BalancerConfig.defaults(); a gateway with default settings must run that law
        BalancerConfig tuned = BalancerConfig.defaults();
        Settings settings = Settings.defaults();
        BalancerConfig deployed = ControlLoop.balancerConfig(settings, settings.chargers().get(0));
        assertEquals(tuned.marginAmps(), deployed.marginAmps(), 1e-9, "breaker_margin");
        assertEquals(tuned.raiseDelayMs(), deployed.raiseDelayMs(), "raise_delay");
        assertEquals(tuned.raiseStepAmps(), deployed.raiseStepAmps(), "raise_step");
        assertEquals(tuned.resumeMarginAmps(), deployed.resumeMarginAmps(), 1e-9, "resume_margin");
        assertEquals(tuned.resumeDelayMs(), deployed.resumeDelayMs(), "resume_delay");
        assertEquals(tuned.minimumPauseMs(), deployed.minimumPauseMs(), "min_pause");
        assertEquals(tuned.staleAfterMs(), deployed.staleAfterMs(), "stale_after");
        assertEquals(tuned.failsafeMode(), deployed.failsafeMode(), "failsafe_mode");
        assertEquals(tuned.deepShortagePauseMs(), deployed.deepShortagePauseMs(), "timer4");
    }
}
