package me.napolni.dinamics.core;

import java.util.List;
import java.util.concurrent.TimeUnit;
import me.napolni.dinamics.core.control.FailsafeState;
import me.napolni.dinamics.core.settings.Settings;

/**
 * What the control loop saw and decided in one pass, published for adapters to read; immutable.
 */
public final class ControlSnapshot {

    private final long takenAtNs;
    private final long passCount;
    private final Settings settings;
    private final double[] mainsAmps;
    private final long[] measuredAtNs;
    private final FailsafeState failsafe;
    private final List<ChargerSnapshot> chargers;

    /**
     * Creates a snapshot.
     *
     * @param takenAtNs the pass's time, from the injected clock
     * @param passCount the number of the pass, from 1
     * @param settings the settings in force
     * @param readings the mains readings used (copied)
     * @param failsafe the site's failsafe state
     * @param chargers one entry per charger, in configuration order (copied)
     */
    public ControlSnapshot(long takenAtNs, long passCount, Settings settings, PhaseReadings readings,
            FailsafeState failsafe, List<ChargerSnapshot> chargers) {
        this.takenAtNs = takenAtNs;
        this.passCount = passCount;
        this.settings = settings;
        this.mainsAmps = new double[PhaseReadings.MAX_PHASES];
        this.measuredAtNs = new long[PhaseReadings.MAX_PHASES];
        for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
            mainsAmps[phase] = readings.amps(phase);
            measuredAtNs[phase] = readings.measuredAtNs(phase);
        }
        this.failsafe = failsafe;
        this.chargers = List.copyOf(chargers);
    }

    /**
     * Returns when the pass ran.
     *
     * @return nanoseconds of the injected clock
     */
    public long takenAtNs() {
        return takenAtNs;
    }

    /**
     * Returns the pass number.
     *
     * @return from 1
     */
    public long passCount() {
        return passCount;
    }

    /**
     * Returns the settings in force during the pass.
     *
     * @return the settings
     */
    public Settings settings() {
        return settings;
    }

    /**
     * Tells whether a phase has been measured.
     *
     * @param phase 0..2
     * @return true once a reading arrived
     */
    public boolean hasReading(int phase) {
        return measuredAtNs[phase] != PhaseReadings.NEVER;
    }

    /**
     * Returns a phase's mains current.
     *
     * @param phase 0..2
     * @return amps, 0 without a reading
     */
    public double mainsAmps(int phase) {
        return mainsAmps[phase];
    }

    /**
     * Returns the age of a phase's reading at the pass.
     *
     * @param phase 0..2
     * @return milliseconds, or -1 without a reading
     */
    public long mainsAgeMs(int phase) {
        return hasReading(phase) ? TimeUnit.NANOSECONDS.toMillis(takenAtNs - measuredAtNs[phase]) : -1;
    }

    /**
     * Returns the site's failsafe state.
     *
     * @return off, no readings, stale or EVSE link
     */
    public FailsafeState failsafe() {
        return failsafe;
    }

    /**
     * Returns every charger.
     *
     * @return one entry per charger, the primary first
     */
    public List<ChargerSnapshot> chargers() {
        return chargers;
    }

    /**
     * Returns the primary charger.
     *
     * @return the first charger
     */
    public ChargerSnapshot primary() {
        return chargers.get(0);
    }
}
