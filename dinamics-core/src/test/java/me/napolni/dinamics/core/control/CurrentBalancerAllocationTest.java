package me.napolni.dinamics.core.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import me.napolni.dinamics.core.PhaseReadings;
import org.junit.jupiter.api.Test;

/** A coarse guard until the JMH benchmark: a day of passes through every branch allocates (almost) nothing. */
class CurrentBalancerAllocationTest {

    private static final long PASS_NS = 100_000_000L;
    /** Room for the JIT's own bookkeeping; one boxed value per pass would be megabytes. */
    private static final long ALLOWED_BYTES = 64 * 1024;

    @Test
    void shouldNotAllocateWhenPassingThroughEveryBranch() {
        CurrentBalancer balancer = new CurrentBalancer(BalancerConfig.defaults().toBuilder().breakerAmps(20).build());
        PhaseReadings readings = new PhaseReadings();
        ChargerObservation charger = new ChargerObservation().carConnected(true).setpointAmps(6);
        Decision decision = new Decision();
        long nowNs = run(balancer, readings, charger, decision, 0L, 200_000);    // warm up, let the JIT compile
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        run(balancer, readings, charger, decision, nowNs, 864_000);              // a day at 10 passes a second
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < ALLOWED_BYTES, allocated + " bytes for a day of passes");
    }

    /** House loads that cycle through raises, cuts, carries, shortages, pauses, resumes and stale readings. */
    private static long run(CurrentBalancer balancer, PhaseReadings readings, ChargerObservation charger,
            Decision decision, long startNs, int passes) {
        long nowNs = startNs;
        for (int pass = 0; pass < passes; pass++) {
            nowNs += PASS_NS;
            int phaseOfCycle = pass % 6_000;
            double house = phaseOfCycle < 2_000 ? 3.0 : phaseOfCycle < 4_000 ? 12.0 + (pass % 40 < 20 ? 5 : 0) : 17.5;
            boolean meterOn = phaseOfCycle < 5_700;
            double car = charger.activity() == ChargerActivity.PAUSED ? 0.0 : charger.setpointAmps();
            if (meterOn) {
                readings.amps(0, house + car, nowNs);
                readings.amps(1, 2.0 + car, nowNs);
                readings.amps(2, 1.0 + car, nowNs);
            }
            if (pass % 10 == 0) {
                charger.carAmps(car, nowNs);
            }
            balancer.doWork(nowNs, readings, charger, decision);
            switch (decision.action()) {
                case SET_CURRENT -> charger.setpointAmps(decision.setpointAmps());
                case PAUSE -> charger.activity(ChargerActivity.PAUSED);
                case RESUME -> charger.setpointAmps(decision.setpointAmps()).activity(ChargerActivity.CHARGING);
                case NONE -> { }
            }
        }
        return nowNs;
    }
}
