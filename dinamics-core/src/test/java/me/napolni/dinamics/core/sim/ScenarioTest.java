package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ScenarioTest {

    private static final long STEP_NS = 100_000_000L;
    private static final double EPS = 1e-9;

    /** A day whose every phase is constant, except L1 in [fromS, toS) which is {@code l1Amps}. */
    private static HouseholdDay day(int seconds, double base, int fromS, int toS, double l1Amps) {
        double[] l1 = new double[seconds];
        double[] l2 = new double[seconds];
        double[] l3 = new double[seconds];
        Arrays.fill(l1, base);
        Arrays.fill(l2, base);
        Arrays.fill(l3, base);
        Arrays.fill(l1, Math.min(fromS, seconds), Math.min(toS, seconds), l1Amps);
        return HouseholdDay.of("synthetic", l1, l2, l3);
    }

    /** The car's current per step when a law resumes it at step 0 and holds {@code amps} from then on. */
    private static double[] carRamp(int steps, double amps) {
        double[] car = new double[steps];
        for (int k = 50; k < steps; k++) {
            car[k] = k == 50 ? 6.0 : Math.min(amps, car[k - 1] + 0.3);
        }
        return car;
    }

    @Test
    void shouldMeasureEnergyOverloadAndThermalPeakFromTheTrueCurrents() {
        HouseholdDay day = day(200, 0.0, 0, 200, 10.0);
        ScenarioMetrics metrics = Scenario.of(day, CarProfile.SINGLE_PHASE_32A, 20).run(ScriptedLaw.holding(16));
        double[] car = carRamp(2000, 16.0);
        double overload = 0.0;
        double ampSteps = 0.0;
        int chargingSteps = 0;
        BreakerModel breaker = new BreakerModel(20, 10.0, 0.0, 0.0);
        double peak = 0.0;
        for (int k = 0; k < 2000; k++) {
            overload += Math.max(0.0, 10.0 + car[k] - 20.0) * 0.1;
            ampSteps += car[k];
            chargingSteps += car[k] > 0.0 ? 1 : 0;
            breaker.step(10.0 + car[k], 0.0, 0.0);
            peak = Math.max(peak, breaker.load());
        }
        assertEquals(overload, metrics.overloadAs(), 1e-6);
        assertEquals(ampSteps * 0.1 * 230.0 / 3.6e6, metrics.energyKwh(), 1e-12);
        assertEquals(100.0 * peak, metrics.thermalPeakPct(), 1e-9);
        assertEquals(0, metrics.trips());
        assertEquals(1, metrics.setpointChanges(), "6 A to 16 A once; the same value again is not a change");
        assertEquals(1 / (chargingSteps * 0.1 / 3600.0), metrics.setpointChangesPerH(), 1e-9);
        assertEquals(0, metrics.pauses());
        assertEquals(0, metrics.reactionEpisodes(), "the episode still open at the end is not counted");
        assertEquals(Double.NaN, metrics.staleSafeS(), "a day shorter than 12:05 has no silence run");
    }

    @Test
    void shouldTimeAReactionEpisodeFromTheFirstStepAboveInToTheFirstStepAtOrBelow() {
        HouseholdDay day = day(400, 0.0, 200, 300, 12.0);
        ScenarioMetrics metrics = Scenario.of(day, CarProfile.SINGLE_PHASE_32A, 20)
                .run(ScriptedLaw.holdingThen(16, 200.0, 6));
        // step 2000: 12 + 16 = 28 A > 20; the 6 A setpoint of step 2000 reaches the car at step 2010:
        // 14, 12, 10, then 8 A at step 2013, where 12 + 8 = 20 A is no longer above In
        assertEquals(1, metrics.reactionEpisodes());
        assertEquals(1.3, metrics.reactionP99S(), EPS);
        assertEquals(0, metrics.trips());
    }

    @Test
    void shouldCountAnEpisodeEndedByATripAsInfinite() {
        HouseholdDay day = day(900, 0.0, 200, 900, 12.0);
        ScenarioMetrics metrics = Scenario.of(day, CarProfile.SINGLE_PHASE_32A, 20).run(ScriptedLaw.holding(16));
        assertEquals(1, metrics.trips());
        assertEquals(0, metrics.houseTrips());
        assertEquals(1, metrics.reactionEpisodes());
        assertEquals(Double.POSITIVE_INFINITY, metrics.reactionP99S());
        assertTrue(metrics.thermalPeakPct() > 100.0);
    }

    @Test
    void shouldNotCountAnEpisodeWhenTheHouseAloneLeavesLessThanSixAmps() {
        HouseholdDay day = day(400, 0.0, 200, 300, 15.0);
        ScenarioMetrics metrics = Scenario.of(day, CarProfile.SINGLE_PHASE_32A, 20)
                .run(ScriptedLaw.holdingThen(16, 200.0, 6));
        assertEquals(0, metrics.reactionEpisodes());
        assertEquals(0.0, metrics.reactionP99S());
    }

    @Test
    void shouldStayOffFor600sAndPowerTheLawOn400msAfterPowerReturns() {
        HouseholdDay day = day(900, 0.0, 0, 0, 0.0);   // trips near 185 s; power returns near 785 s
        ScriptedLaw law = ScriptedLaw.holding(32);
        ScenarioMetrics metrics = Scenario.of(day, CarProfile.SINGLE_PHASE_32A, 20).run(law);
        assertEquals(1, metrics.trips());
        // the main run is the second run: its passes are the last ones recorded, after its own power-on at 0
        int start = law.powerOnNs.lastIndexOf(0L);
        long returnNs = law.powerOnNs.get(start + 1);
        int firstAfter = law.passNs.indexOf(returnNs);
        long lastBefore = law.passNs.get(firstAfter - 1);
        assertEquals(6005 * STEP_NS, returnNs - lastBefore, "trip step + 600 s off + 0.4 s");
        assertEquals(returnNs, (long) law.mainsArrivalNs.get(firstAfter), "a fresh reading at the first pass");
        assertEquals(returnNs, (long) law.carSampledAtNs.get(firstAfter), "a $GG sample at t0");
        assertEquals(0.0, law.carAmps.get(firstAfter), "the car was off in the step before");
        assertEquals(returnNs + STEP_NS, (long) law.passNs.get(firstAfter + 1));
    }

    @Test
    void shouldSampleTheCarCurrentOfThePreviousStepEveryPollPeriod() {
        HouseholdDay day = day(20, 1.0, 0, 0, 0.0);
        ScriptedLaw law = ScriptedLaw.holding(16);
        Scenario.of(day, CarProfile.THREE_PHASE_16A, 20).run(law);
        int pass60 = law.passNs.lastIndexOf(60 * STEP_NS);
        assertEquals(60 * STEP_NS, (long) law.carSampledAtNs.get(pass60));
        assertEquals(6.0 + 9 * 0.3, law.carAmps.get(pass60), 1e-9, "the current of step 59");
        assertEquals(50 * STEP_NS, (long) law.carSampledAtNs.get(pass60 - 1), "held between samples");
        assertEquals(0.0, law.carAmps.get(pass60 - 1), "step 49 was still in the dead time");
    }

    @Test
    void shouldRoundThePassPeriodUpToWhole100ms() {
        ScriptedLaw law = new ScriptedLaw(250, 1000, (in, out) -> { });
        Scenario.of(day(2, 1.0, 0, 0, 0.0), CarProfile.THREE_PHASE_16A, 20).run(law);
        assertEquals(0L, (long) law.passNs.get(0));
        assertEquals(3 * STEP_NS, (long) law.passNs.get(1));
        assertEquals(6 * STEP_NS, (long) law.passNs.get(2));
    }

    @Test
    void shouldRejectACarPollFasterThanOneSecond() {
        Scenario scenario = Scenario.of(day(2, 1.0, 0, 0, 0.0), CarProfile.THREE_PHASE_16A, 20);
        assertThrows(IllegalArgumentException.class, () -> scenario.run(new ScriptedLaw(100, 999, (in, out) -> { })));
    }

    @Test
    void shouldNeitherPauseNorCountWhenASetpointBelowSixIsSent() {
        HouseholdDay day = day(100, 1.0, 0, 0, 0.0);
        ScenarioMetrics metrics = Scenario.of(day, CarProfile.THREE_PHASE_16A, 20)
                .run(new ScriptedLaw(100, 1000, (in, out) -> {
                    out.setCurrent(in.nowNs() < 50_000_000_000L ? 10 : 0);
                    out.resume();
                }));
        assertEquals(1, metrics.setpointChanges());
        assertEquals(0, metrics.pauses());
        double[] car = carRamp(1000, 10.0);
        double ampSteps = 0.0;
        for (double amps : car) {
            ampSteps += amps;
        }
        assertEquals(ampSteps * 0.1 * 230.0 * 3 / 3.6e6, metrics.energyKwh(), 1e-12, "the car kept charging");
    }

    @Test
    void shouldCountOnlyPausesThatStopTheCar() {
        HouseholdDay day = day(100, 1.0, 0, 0, 0.0);
        ScenarioMetrics metrics = Scenario.of(day, CarProfile.THREE_PHASE_16A, 20)
                .run(new ScriptedLaw(1000, 1000, (in, out) -> {
                    long s = in.nowNs() / 1_000_000_000L;
                    if (s < 5) {
                        out.pause();              // already paused at power-on: not counted
                    } else if (s == 5 || s == 30 || s == 70) {
                        out.resume();
                    } else if (s == 8 || s == 9 || s == 50) {
                        out.pause();              // 8: cancels the resume; 9: already paused; 50: stops charging
                    }
                }));
        assertEquals(2, metrics.pauses());
    }

    @Test
    void shouldFindHowLongTheLawTakesToBeSafeWhenTheMeterFallsSilentAtNoon() {
        HouseholdDay day = day(12 * 3600 + 400, 5.0, 0, 0, 0.0);
        Scenario scenario = Scenario.of(day, CarProfile.THREE_PHASE_16A, 32);
        assertEquals(11.0, scenario.run(new SmartEvseLaw()).staleSafeS(), EPS);
        assertEquals(120.0, scenario.run(new OpenEvseLaw()).staleSafeS(), EPS);
        assertEquals(Double.POSITIVE_INFINITY, scenario.run(new OriginalLaw()).staleSafeS());
        ScenarioMetrics neverResumed = scenario.run(new ScriptedLaw(1000, 1000, (in, out) -> { }));
        assertTrue(Double.isNaN(neverResumed.staleSafeS()), "already safe at 12:00: n/a");
    }

    @Test
    void shouldReportNotApplicableWhenAnOutageOverlapsTheSilence() {
        HouseholdDay day = day(12 * 3600 + 400, 0.0, 0, 0, 0.0);
        ScenarioMetrics metrics = Scenario.of(day, CarProfile.SINGLE_PHASE_32A, 20)
                .run(ScriptedLaw.holdingThen(16, 11.9 * 3600, 32));
        assertEquals(1, metrics.trips());
        assertTrue(Double.isNaN(metrics.staleSafeS()));
    }
}
