package me.napolni.dinamics.core;

/**
 * Hands the latest mains readings from the measuring threads (RMS meter, MQTT or Modbus meter) to the control
 * loop, without allocating.
 *
 * <p>Writers record one phase or a whole set; the loop copies everything into its own {@link PhaseReadings} at
 * the start of a pass. A short lock guards the copy, so a reader never sees a half-written set.
 */
public final class LatestReadings {

    private final PhaseReadings readings = new PhaseReadings();
    private final int phaseCount;

    /** Creates an exchange for a three-phase supply, with no reading yet. */
    public LatestReadings() {
        this(PhaseReadings.MAX_PHASES);
    }

    /**
     * Creates an exchange, with no reading yet.
     *
     * @param phaseCount the phases the supply has, 1..3; the others are reported as 0 A, always fresh, by
     *     {@link #copyInto(PhaseReadings, long)}, so that a single-phase site is not stale for want of L2 and L3
     * @throws IllegalArgumentException for a count outside 1..3
     */
    public LatestReadings(int phaseCount) {
        if (phaseCount < 1 || phaseCount > PhaseReadings.MAX_PHASES) {
            throw new IllegalArgumentException("phase count must be 1..3: " + phaseCount);
        }
        this.phaseCount = phaseCount;
    }

    /**
     * Returns the phases the supply has.
     *
     * @return 1..3
     */
    public int phaseCount() {
        return phaseCount;
    }

    /**
     * Records the reading of one phase.
     *
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @param amps RMS amps, finite and not negative
     * @param measuredAtNs when it was measured, from the injected clock
     * @throws IllegalArgumentException for a negative or non-finite value, which is not recorded
     */
    public void record(int phase, double amps, long measuredAtNs) {
        if (!(amps >= 0) || Double.isInfinite(amps)) {
            throw new IllegalArgumentException("amps must be finite and not negative: " + amps);
        }
        synchronized (readings) {
            readings.amps(phase, amps, measuredAtNs);
        }
    }

    /**
     * Records every phase that has a reading in a set.
     *
     * @param source readings from a meter
     */
    public void recordAll(PhaseReadings source) {
        synchronized (readings) {
            for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
                if (source.hasReading(phase)) {
                    readings.amps(phase, source.amps(phase), source.measuredAtNs(phase));
                }
            }
        }
    }

    /**
     * Copies the latest readings.
     *
     * @param out the reader's own holder
     */
    public void copyInto(PhaseReadings out) {
        synchronized (readings) {
            out.copyFrom(readings);
        }
    }

    /**
     * Copies the latest readings; phases the supply does not have read 0 A measured now, once any phase has a
     * reading (before that, nothing is measured and the loop does not raise).
     *
     * @param out the reader's own holder
     * @param nowNs the current time, from the injected clock
     */
    public void copyInto(PhaseReadings out, long nowNs) {
        synchronized (readings) {
            out.copyFrom(readings);
        }
        boolean anyReading = false;
        for (int phase = 0; phase < phaseCount; phase++) {
            anyReading |= out.hasReading(phase);
        }
        if (anyReading) {
            for (int phase = phaseCount; phase < PhaseReadings.MAX_PHASES; phase++) {
                out.amps(phase, 0.0, nowNs);
            }
        }
    }
}
