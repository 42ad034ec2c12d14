package me.napolni.dinamics.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import me.napolni.dinamics.core.PhaseReadings;
import me.napolni.dinamics.core.settings.FailsafeMode;
import me.napolni.dinamics.core.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class CurrentBalancerPropertiesTest {

    private static final long SEED = 0x5EEDL;
    private static final long PASS_MS = 100;
    private static final ChargerActivity[] ACTIVITIES = ChargerActivity.values();

    /**
     * A case: settings, a house load per phase, and the car's state. A charging car draws its setpoint on all three
     * phases (as in the scenario), or less when it caps its own current at {@code carMaxAmps}.
     */
    record Case(int breakerAmps, int cLimitAmps, double l1, double l2, double l3, double carMaxAmps, int setpointAmps,
            int activity, boolean strict) {

        BalancerConfig config() {
            BalancerConfig.Builder builder = BalancerConfig.defaults().toBuilder().breakerAmps(breakerAmps)
                    .cLimitAmps(cLimitAmps).raiseDelayMs(2_000).resumeDelayMs(2_000).minimumPauseMs(2_000);
            if (strict) {
                builder.overloadAllowanceMs(0).sustainFraction(0.0);
            }
            return builder.build();
        }

        double house(int phase) {
            return phase == 0 ? l1 : phase == 1 ? l2 : l3;
        }
    }

    /** What the car draws in a given state. */
    private static double carAmps(Case c, ChargerObservation charger) {
        return charger.activity() == ChargerActivity.PAUSED ? 0.0 : Math.min(c.carMaxAmps(), charger.setpointAmps());
    }

    /** The per-phase headroom over all three phases, as the law sees it before it knows the car's phases. */
    private static double headroomAmps(Case c, BalancerConfig config) {
        double lowest = Double.MAX_VALUE;
        for (int phase = 0; phase < 3; phase++) {
            lowest = Math.min(lowest, config.breakerAmps() - config.marginAmps() - c.house(phase));
        }
        return lowest;
    }

    private static Gen<Case> cases() {
        Gen<double[]> house = doubles().between(0.0, 60.0).zip(doubles().between(0.0, 60.0),
                doubles().between(0.0, 60.0), (a, b, c) -> new double[] {a, b, c});
        Gen<int[]> settings = integers().between(6, 100).zip(integers().between(6, 32), integers().between(6, 32),
                (breaker, cLimit, setpoint) -> new int[] {breaker, cLimit, setpoint});
        Gen<double[]> car = doubles().between(6.0, 32.0).zip(integers().between(0, ACTIVITIES.length - 1),
                integers().between(0, 1), (amps, activity, strict) -> new double[] {amps, activity, strict});
        return settings.zip(house, car, (s, h, c) -> new Case(s[0], s[1], h[0], h[1], h[2], c[0], s[2], (int) c[1],
                c[2] > 0.5));
    }

    /** Runs passes with steady inputs and calls the check after each, with the setpoint before the pass. */
    private static void runSteady(Case c, int passes, PassCheck check) {
        BalancerConfig config = c.config();
        CurrentBalancer balancer = new CurrentBalancer(config);
        ManualClock clock = new ManualClock();
        PhaseReadings readings = new PhaseReadings();
        ChargerObservation charger = new ChargerObservation().carConnected(true).setpointAmps(c.setpointAmps())
                .activity(ACTIVITIES[c.activity()]);
        Decision decision = new Decision();
        for (int pass = 0; pass < passes; pass++) {
            clock.advanceMs(PASS_MS);
            double car = carAmps(c, charger);
            for (int phase = 0; phase < 3; phase++) {
                readings.amps(phase, c.house(phase) + car, clock.nanoTime());
            }
            charger.carAmps(car, clock.nanoTime());
            int before = charger.setpointAmps();
            balancer.doWork(clock.nanoTime(), readings, charger, decision);
            check.after(config, decision, before);
            switch (decision.action()) {
                case SET_CURRENT -> charger.setpointAmps(decision.setpointAmps());
                case PAUSE -> charger.activity(ChargerActivity.PAUSED);
                case RESUME -> charger.setpointAmps(decision.setpointAmps()).activity(ChargerActivity.CHARGING);
                case NONE -> { }
            }
        }
    }

    @FunctionalInterface
    private interface PassCheck {
        void after(BalancerConfig config, Decision decision, int setpointBefore);
    }

    @Test
    void shouldNeverCommandAboveCapOrBelowMinimumWhenInputsAreAny() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(cases()).checkAssert(c -> runSteady(c, 100,
                (config, decision, before) -> {
                    if (decision.action() == DecisionAction.SET_CURRENT || decision.action() == DecisionAction.RESUME) {
                        assertTrue(decision.setpointAmps() <= config.cLimitAmps(), "above c_limit");
                        assertTrue(decision.setpointAmps() <= config.chargerMaximumAmps(), "above the charger's maximum");
                        assertTrue(decision.setpointAmps() >= config.minimumCurrentAmps(), "below the minimum");
                    }
                    assertTrue(decision.allowedAmps() >= 0 && decision.allowedAmps() <= config.capAmps(),
                            "allowed " + decision.allowedAmps());
                }));
    }

    @Test
    void shouldNeverRaiseOrResumeAboveHeadroomWhenInputsAreAny() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(cases()).checkAssert(c -> runSteady(c, 100,
                (config, decision, before) -> {
                    boolean raise = decision.action() == DecisionAction.SET_CURRENT && decision.setpointAmps() > before;
                    if (raise || decision.action() == DecisionAction.RESUME) {
                        double headroom = headroomAmps(c, config);
                        assertTrue(decision.setpointAmps() <= Math.floor(headroom),
                                decision.setpointAmps() + " A above the headroom " + headroom);
                        assertTrue(headroom >= config.minimumCurrentAmps(), "no raise in a shortage");
                    }
                }));
    }

    @Test
    void shouldCutToHeadroomWhenOverloadedOutsideThermalWindow() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(cases()).checkAssert(c -> {
            Case strict = new Case(c.breakerAmps(), c.cLimitAmps(), c.l1(), c.l2(), c.l3(), 32.0,
                    c.setpointAmps(), ChargerActivity.CHARGING.ordinal(), true);
            runSteady(strict, 20, (config, decision, before) -> {
                double headroom = headroomAmps(strict, config);
                if (decision.action() != DecisionAction.PAUSE && headroom >= config.minimumCurrentAmps()) {
                    assertTrue(decision.setpointAmps() <= Math.max(config.minimumCurrentAmps(), Math.floor(headroom)),
                            decision.setpointAmps() + " A held above the headroom " + headroom);
                }
                if (decision.action() != DecisionAction.PAUSE) {
                    assertTrue(decision.setpointAmps() >= config.minimumCurrentAmps(), "below the minimum unpaused");
                }
            });
        });
    }

    @Test
    void shouldFallToSafeCurrentWithinTimeoutWhenReadingsGoStale() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(cases(), integers().between(1, 60), integers().between(0, 1))
                .checkAssert((c, staleAfterS, pauseMode) -> {
                    BalancerConfig config = c.config().toBuilder().staleAfterMs(staleAfterS * 1_000L)
                            .failsafeMode(pauseMode == 1 ? FailsafeMode.PAUSE : FailsafeMode.MINIMUM).build();
                    CurrentBalancer balancer = new CurrentBalancer(config);
                    ManualClock clock = new ManualClock();
                    PhaseReadings readings = new PhaseReadings();
                    ChargerObservation charger = new ChargerObservation().carConnected(true)
                            .setpointAmps(c.setpointAmps()).activity(ChargerActivity.CHARGING);
                    double car = carAmps(c, charger);
                    for (int phase = 0; phase < 3; phase++) {
                        readings.amps(phase, c.house(phase) + car, clock.nanoTime());   // then the meter goes quiet
                    }
                    charger.carAmps(car, clock.nanoTime());
                    Decision decision = new Decision();
                    long limitMs = config.staleAfterMs() + PASS_MS;
                    for (long t = 0; t <= limitMs; t += PASS_MS) {
                        balancer.doWork(clock.nanoTime(), readings, charger, decision);
                        if (decision.action() == DecisionAction.SET_CURRENT) {
                            charger.setpointAmps(decision.setpointAmps());
                        } else if (decision.action() == DecisionAction.PAUSE) {
                            charger.activity(ChargerActivity.PAUSED);
                        }
                        clock.advanceMs(PASS_MS);
                    }
                    boolean paused = charger.activity() == ChargerActivity.PAUSED;   // safe in either mode
                    boolean safe = paused || pauseMode == 0 && charger.setpointAmps() <= config.minimumCurrentAmps();
                    assertTrue(safe, "not safe within " + limitMs + " ms");
                    assertEquals(FailsafeState.STALE, decision.failsafe());
                });
    }
}
