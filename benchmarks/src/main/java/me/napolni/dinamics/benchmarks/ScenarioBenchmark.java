package me.napolni.dinamics.benchmarks;

import java.util.concurrent.TimeUnit;

import me.napolni.dinamics.core.sim.CarProfile;
import me.napolni.dinamics.core.sim.DinamicsLaw;
import me.napolni.dinamics.core.sim.HouseholdDay;
import me.napolni.dinamics.core.sim.Law;
import me.napolni.dinamics.core.sim.LawCommands;
import me.napolni.dinamics.core.sim.LawInputs;
import me.napolni.dinamics.core.sim.LawSettings;
import me.napolni.dinamics.core.sim.Scenario;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Simulation speed of the household scenario: one {@link Scenario#run} of the {@code dinamics} law over the first
 * household day (the main run and the meter-silence run, 3p16 car, 25 A). The score counts simulated seconds, in
 * seconds of wall-clock time: it reads as "times real time" (aim: at least 50 000 on one core). The floor runs the
 * same day with a law that never acts, which measures the models and the bookkeeping alone.
 */
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScenarioBenchmark extends BenchmarkBase {

    /** Simulated seconds of one run over a whole day: the day and the silence run up to 12:05. */
    public static final int SIMULATED_SECONDS_PER_RUN =
            HouseholdDay.SECONDS_PER_DAY + Scenario.SILENCE_END_STEP / Scenario.STEPS_PER_SECOND;
    /** The breaker rating of the run. */
    public static final int BREAKER_AMPS = 25;

    private final Scenario scenario;

    /** Creates the benchmark state: loads the day. */
    public ScenarioBenchmark() {
        HouseholdDay day = SharedData.firstDay();
        scenario = Scenario.of(day, CarProfile.values()[0], BREAKER_AMPS);
        if (scenario.simulatedSecondsPerRun() != SIMULATED_SECONDS_PER_RUN) {
            throw new IllegalStateException("day " + day.name() + " is not a whole day: "
                    + scenario.simulatedSecondsPerRun() + " simulated s per run");
        }
    }

    /**
     * Floor: the day with a law that never acts (the car stays paused).
     *
     * @return the thermal peak, so that nothing is optimised away
     */
    @Benchmark
    @OperationsPerInvocation(SIMULATED_SECONDS_PER_RUN)
    public double dayFloorIdleLaw() {
        return scenario.run(new IdleLaw()).thermalPeakPct();
    }

    /**
     * The {@code dinamics} law over the day.
     *
     * @return the energy share, so that nothing is optimised away
     */
    @Benchmark
    @OperationsPerInvocation(SIMULATED_SECONDS_PER_RUN)
    @Against(baseline = "dayFloorIdleLaw", mustBeFaster = false, allocationFree = false)
    public double dayDinamicsLaw() {
        return scenario.run(new DinamicsLaw()).energySharePct();
    }

    /** A law that passes every 100 ms and sends nothing. */
    static final class IdleLaw implements Law {
        @Override
        public String name() {
            return "idle";
        }

        @Override
        public int passPeriodMs() {
            return DinamicsLaw.PASS_PERIOD_MS;
        }

        @Override
        public int carPollPeriodMs() {
            return DinamicsLaw.CAR_POLL_PERIOD_MS;
        }

        @Override
        public void powerOn(LawSettings settings, long nowNs) {
            // no state
        }

        @Override
        public void pass(LawInputs in, LawCommands out) {
            // never acts
        }
    }
}
