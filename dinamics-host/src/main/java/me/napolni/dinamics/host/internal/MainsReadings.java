package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.LatestReadings;
import me.napolni.dinamics.core.PhaseReadings;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a measurement source leaves its readings for the control loop: the core's {@link LatestReadings}, with
 * garbage (negative, not finite) dropped at the border instead of thrown, and a counter.
 */
public final class MainsReadings {

    private final LatestReadings latest = new LatestReadings();
    private final AtomicLong updates = new AtomicLong();

    /**
     * Records a reading.
     *
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @param amps RMS amps
     * @param measuredAtNs when it was measured, from the gateway's clock
     */
    public void amps(int phase, double amps, long measuredAtNs) {
        if (Double.isFinite(amps) && amps >= 0) {
            latest.record(phase, amps, measuredAtNs);
            updates.incrementAndGet();
        }
    }

    /**
     * Copies every phase.
     *
     * @param out the caller's readings
     */
    public void copyInto(PhaseReadings out) {
        latest.copyInto(out);
    }

    /**
     * Returns the core's holder the control loop reads.
     *
     * @return the latest readings
     */
    public LatestReadings latest() {
        return latest;
    }

    /**
     * Returns how many readings were recorded.
     *
     * @return the count
     */
    public long updates() {
        return updates.get();
    }
}
