package me.napolni.dinamics.core;

/**
 * The latest mains current per phase, each with the time it was measured.
 *
 * <p>A mutable holder that the caller owns and reuses, so that the sampling and control path does not allocate.
 * A phase that has never been measured has no reading: {@link #hasReading(int)} is false and it counts as stale.
 * Not thread-safe: one writer (the control loop thread) owns it; other threads read published snapshots.
 */
public final class PhaseReadings {

    /** The most phases a supply has. */
    public static final int MAX_PHASES = 3;
    /** The time of a phase that has never been measured. */
    public static final long NEVER = Long.MIN_VALUE;

    private final double[] amps = new double[MAX_PHASES];
    private final long[] measuredAtNs = new long[MAX_PHASES];

    /** Creates readings with no phase measured yet. */
    public PhaseReadings() {
        clear();
    }

    /** Forgets every reading. */
    public void clear() {
        for (int phase = 0; phase < MAX_PHASES; phase++) {
            amps[phase] = 0.0;
            measuredAtNs[phase] = NEVER;
        }
    }

    /**
     * Returns the current of a phase.
     *
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @return RMS amps of the latest reading, 0 when there is none
     */
    public double amps(int phase) {
        return amps[phase];
    }

    /**
     * Records a reading of one phase.
     *
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @param value RMS amps, finite and not negative
     * @param nowNs the time the reading was measured, from the injected clock
     */
    public void amps(int phase, double value, long nowNs) {
        amps[phase] = value;
        measuredAtNs[phase] = nowNs;
    }

    /**
     * Returns when a phase was last measured.
     *
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @return the clock reading of the measurement, or {@link #NEVER}
     */
    public long measuredAtNs(int phase) {
        return measuredAtNs[phase];
    }

    /**
     * Tells whether a phase has been measured at all.
     *
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @return true once a reading was recorded
     */
    public boolean hasReading(int phase) {
        return measuredAtNs[phase] != NEVER;
    }

    /**
     * Tells whether a phase's reading is too old to act on.
     *
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @param nowNs the current time from the injected clock
     * @param staleAfterNs the age beyond which a reading is stale
     * @return true when the phase was never measured or its reading is older than {@code staleAfterNs}
     */
    public boolean isStale(int phase, long nowNs, long staleAfterNs) {
        long at = measuredAtNs[phase];
        return at == NEVER || nowNs - at > staleAfterNs;
    }

    /**
     * Tells whether any phase is stale.
     *
     * @param nowNs the current time from the injected clock
     * @param staleAfterNs the age beyond which a reading is stale
     * @return true when at least one phase is stale
     */
    public boolean anyStale(long nowNs, long staleAfterNs) {
        for (int phase = 0; phase < MAX_PHASES; phase++) {
            if (isStale(phase, nowNs, staleAfterNs)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Copies every reading from another holder.
     *
     * @param other the readings to copy
     */
    public void copyFrom(PhaseReadings other) {
        System.arraycopy(other.amps, 0, amps, 0, MAX_PHASES);
        System.arraycopy(other.measuredAtNs, 0, measuredAtNs, 0, MAX_PHASES);
    }
}
