package me.napolni.dinamics.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import me.napolni.dinamics.core.PhaseReadings;
import me.napolni.dinamics.core.control.BalancerConfig;
import me.napolni.dinamics.core.control.ChargerActivity;
import me.napolni.dinamics.core.control.ChargerObservation;
import me.napolni.dinamics.core.control.CurrentBalancer;
import me.napolni.dinamics.core.control.Decision;
import me.napolni.dinamics.core.sim.HouseholdDay;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * One pass of the control law ({@link CurrentBalancer#doWork}) on a replayed household minute: the busiest minute
 * of the first household day (where the current moves most), read every 100 ms with SCENARIO.md's meter noise, a
 * 3-phase 16 A car that follows the decisions at once, a 25 A breaker. The minute repeats while time runs on, so
 * the balancer resumes, raises, then holds through the peaks (most passes of a real day decide nothing). The floor
 * is a trivial pass over the same inputs (copying the readings and the observation): it shows the scale, it is
 * not a competitor.
 */
public class CurrentBalancerBenchmark extends BenchmarkBase {

    /** Passes per replayed minute (one every 100 ms). */
    public static final int PASSES_PER_MINUTE = 600;
    /** The breaker rating of the replay. */
    public static final int BREAKER_AMPS = 25;
    /** The car's maximum, on all three phases. */
    public static final int CAR_MAX_AMPS = 16;

    private static final long PASS_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int PASSES_PER_CAR_POLL = 10;
    private static final int PHASES = PhaseReadings.MAX_PHASES;

    private final double[] houseAmps;
    private final double[] noise;
    private final CurrentBalancer balancer;
    private final PhaseReadings readings = new PhaseReadings();
    private final PhaseReadings readingsCopy = new PhaseReadings();
    private final ChargerObservation charger = new ChargerObservation();
    private final ChargerObservation chargerCopy = new ChargerObservation();
    private final Decision decision = new Decision();
    private long nowNs;
    private int pass;
    private double carAmps;

    /** Creates the benchmark state: loads the day and prepares the minute. */
    public CurrentBalancerBenchmark() {
        houseAmps = busiestMinute(SharedData.firstDay());
        noise = new double[PASSES_PER_MINUTE * PHASES];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 2.0 * random.nextDouble() - 1.0;
        }
        balancer = new CurrentBalancer(BalancerConfig.defaults().toBuilder()
                .breakerAmps(BREAKER_AMPS).cLimitAmps(CAR_MAX_AMPS).build());
        charger.carAmps(0.0, ChargerObservation.NEVER)
                .activePhases(ChargerObservation.PHASES_UNKNOWN)
                .setpointAmps(6)
                .activity(ChargerActivity.PAUSED)
                .carConnected(true)
                .linkOk(true);
    }

    /**
     * Floor: the same inputs, and a pass that only copies the readings and the observation.
     *
     * @return a value derived from the copies, so that nothing is optimised away
     */
    @Benchmark
    public double passFloorCopyReadings() {
        advance();
        readingsCopy.copyFrom(readings);
        chargerCopy.copyFrom(charger);
        return readingsCopy.amps(0) + chargerCopy.setpointAmps();
    }

    /**
     * The control law's pass, with its decision applied to the replayed charger.
     *
     * @return the setpoint decided
     */
    @Benchmark
    @Against(baseline = "passFloorCopyReadings", mustBeFaster = false)
    public int doWork() {
        advance();
        balancer.doWork(nowNs, readings, charger, decision);
        switch (decision.action()) {
            case SET_CURRENT -> charger.setpointAmps(decision.setpointAmps());
            case PAUSE -> charger.activity(ChargerActivity.PAUSED);
            case RESUME -> charger.setpointAmps(decision.setpointAmps()).activity(ChargerActivity.CHARGING);
            case NONE -> {
                // nothing sent
            }
        }
        carAmps = charger.activity() == ChargerActivity.PAUSED ? 0.0 : Math.min(CAR_MAX_AMPS, charger.setpointAmps());
        return decision.setpointAmps();
    }

    /**
     * Returns the decision of the latest pass, for tests.
     *
     * @return the reused holder
     */
    Decision lastDecision() {
        return decision;
    }

    /**
     * Returns the replayed car's current, for tests.
     *
     * @return amps per phase
     */
    double carAmps() {
        return carAmps;
    }

    /** Moves to the next pass: time, the meter's noisy readings of house plus car, and every second a car poll. */
    private void advance() {
        nowNs += PASS_NS;
        pass = pass + 1 == PASSES_PER_MINUTE ? 0 : pass + 1;
        int second = pass / PASSES_PER_CAR_POLL;
        for (int phase = 0; phase < PHASES; phase++) {
            double trueAmps = houseAmps[second * PHASES + phase] + carAmps;
            double u = noise[pass * PHASES + phase];
            readings.amps(phase, Math.max(0.0, trueAmps + u * (0.005 * trueAmps + 0.05)), nowNs);
        }
        if (pass % PASSES_PER_CAR_POLL == 0) {
            charger.carAmps(carAmps, nowNs);
        }
    }

    /**
     * Finds the busiest minute of a day: the one whose house current moves most (the sum over the phases of the
     * changes from second to second), such as a pulsing hob on top of the oven.
     *
     * @param day the day
     * @return its 60 seconds, three phases each: {@code [second * 3 + phase]}
     */
    static double[] busiestMinute(HouseholdDay day) {
        int best = 0;
        double bestSum = -1.0;
        for (int start = 0; start + 60 <= day.seconds(); start += 60) {
            double sum = 0.0;
            for (int second = start + 1; second < start + 60; second++) {
                for (int phase = 0; phase < PHASES; phase++) {
                    sum += Math.abs(day.amps(phase, second) - day.amps(phase, second - 1));
                }
            }
            if (sum > bestSum) {
                bestSum = sum;
                best = start;
            }
        }
        double[] out = new double[60 * PHASES];
        for (int second = 0; second < 60; second++) {
            for (int phase = 0; phase < PHASES; phase++) {
                out[second * PHASES + phase] = day.amps(phase, best + second);
            }
        }
        return out;
    }
}
