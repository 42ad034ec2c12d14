package me.napolni.dinamics.core.sim;

import me.napolni.dinamics.core.PhaseReadings;

/**
 * Everything a {@link Law} may know at a pass, and nothing more (SCENARIO.md §3).
 *
 * <ul>
 *   <li>{@link #nowNs()}: the time of the pass;</li>
 *   <li>{@link #mains()}: the latest meter reading per phase (house plus car, RMS over 200 ms, 200 ms old, with
 *       noise), each stamped with its <em>arrival</em> time; during a meter silence the law keeps the last
 *       reading and its arrival time, and after a power return a phase may have no reading at all
 *       ({@link PhaseReadings#hasReading(int)} false, {@link PhaseReadings#NEVER}), which a law must treat as
 *       stale;</li>
 *   <li>{@link #carAmps()}: the car's per-phase current as the charger last reported it ({@code $GG}), polled
 *       at the law's own {@link Law#carPollPeriodMs()}, with {@link #carSampledAtNs()};</li>
 *   <li>{@link #setpointAmps()}: the charger's current setpoint ({@code $GE}), 6 to 32 A;</li>
 *   <li>{@link #settings()}: {@code In}, {@code c_limit} and the car's wiring.</li>
 * </ul>
 *
 * <p>A mutable holder that the scenario owns and refills before every pass, so that the loop does not allocate.
 * A law must not keep a reference to {@link #mains()} across passes expecting it to stay unchanged.
 */
public final class LawInputs {

    private final LawSettings settings;
    private final PhaseReadings mains = new PhaseReadings();
    private long nowNs;
    private double carAmps;
    private long carSampledAtNs = PhaseReadings.NEVER;
    private int setpointAmps = ChargerModel.POWER_ON_SETPOINT_AMPS;

    private LawInputs(LawSettings settings) {
        this.settings = settings;
    }

    /**
     * Creates inputs with no reading, no car sample and the charger's power-on setpoint.
     *
     * @param settings the settings of the run
     * @return a new holder
     */
    public static LawInputs of(LawSettings settings) {
        return new LawInputs(settings);
    }

    /**
     * Returns the settings of the run.
     *
     * @return {@code In}, {@code c_limit} and the car's wiring
     */
    public LawSettings settings() {
        return settings;
    }

    /**
     * Returns the time of the pass.
     *
     * @return nanoseconds since the start of the simulated day (in a scenario, a multiple of 100 ms)
     */
    public long nowNs() {
        return nowNs;
    }

    /**
     * Sets the time of the pass.
     *
     * @param timeNs nanoseconds since the start of the simulated day
     */
    public void nowNs(long timeNs) {
        this.nowNs = timeNs;
    }

    /**
     * Returns the latest reading per phase with its arrival time (the holder is refilled by the scenario).
     *
     * @return the readings; {@link PhaseReadings#measuredAtNs(int)} is the arrival time
     */
    public PhaseReadings mains() {
        return mains;
    }

    /**
     * Returns the car's current as the charger last reported it.
     *
     * @return amps per car phase (the same on each phase the car uses), 0 before the first sample
     */
    public double carAmps() {
        return carAmps;
    }

    /**
     * Returns when the car's current was last sampled.
     *
     * @return nanoseconds since the start of the day, or {@link PhaseReadings#NEVER}
     */
    public long carSampledAtNs() {
        return carSampledAtNs;
    }

    /**
     * Records a {@code $GG} sample.
     *
     * @param amps the car's current per phase
     * @param sampledAtNs when it was sampled
     */
    public void carAmps(double amps, long sampledAtNs) {
        this.carAmps = amps;
        this.carSampledAtNs = sampledAtNs;
    }

    /**
     * Returns the charger's setpoint.
     *
     * @return whole amps, 6 to 32
     */
    public int setpointAmps() {
        return setpointAmps;
    }

    /**
     * Sets the charger's setpoint as reported.
     *
     * @param amps whole amps
     */
    public void setpointAmps(int amps) {
        this.setpointAmps = amps;
    }

    /** Forgets the readings and the car sample, as a gateway that has just been powered on. */
    public void clearReadings() {
        mains.clear();
        carAmps = 0.0;
        carSampledAtNs = PhaseReadings.NEVER;
    }
}
