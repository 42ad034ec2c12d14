package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.PhaseReadings;

/**
 * The latest mains reading per phase, written by a measurement source's thread and copied by the control loop.
 *
 * <p>The only shared state between a source and the loop; both sides lock it briefly and allocate nothing.
 */
public final class MainsReadings {

    private final PhaseReadings latest = new PhaseReadings();
    private long updates;

    /**
     * Records a reading.
     *
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @param amps RMS amps
     * @param measuredAtNs when it was measured, from the gateway's clock
     */
    public synchronized void amps(int phase, double amps, long measuredAtNs) {
        if (Double.isFinite(amps) && amps >= 0) {
            latest.amps(phase, amps, measuredAtNs);
            updates++;
        }
    }

    /**
     * Copies every phase into the loop's holder.
     *
     * @param out the loop's readings
     */
    public synchronized void copyInto(PhaseReadings out) {
        out.copyFrom(latest);
    }

    /**
     * Returns how many readings were recorded.
     *
     * @return the count
     */
    public synchronized long updates() {
        return updates;
    }
}
