package me.napolni.dinamics.core.control;

/**
 * What the caller knows about the charger, handed to {@link CurrentBalancer#doWork} at every pass.
 *
 * <p>A mutable holder that the caller owns and reuses (no allocation per pass). After acting on a
 * {@link DecisionAction#SET_CURRENT}, {@link DecisionAction#PAUSE} or {@link DecisionAction#RESUME}, the caller
 * reflects the new setpoint and activity here before the next pass. Not thread-safe.
 */
public final class ChargerObservation {

    /** The time of a car current that has never been measured. */
    public static final long NEVER = Long.MIN_VALUE;
    /** The phases code when the caller does not know on which phases the car draws. */
    public static final int PHASES_UNKNOWN = 0;

    private double carAmps;
    private long carMeasuredAtNs = NEVER;
    private int activePhases = PHASES_UNKNOWN;
    private int setpointAmps;
    private ChargerActivity activity = ChargerActivity.PAUSED;
    private boolean carConnected;
    private boolean linkOk = true;

    /** Creates an observation of a paused charger with no car, no measurement and an unknown setpoint (0). */
    public ChargerObservation() {
        // defaults above
    }

    /**
     * Returns the car's current per phase, as the charger measured it ({@code $GG} mA / 1000).
     *
     * @return amps, not negative
     */
    public double carAmps() {
        return carAmps;
    }

    /**
     * Returns when the car's current was measured.
     *
     * @return the clock reading of the measurement, or {@link #NEVER}
     */
    public long carMeasuredAtNs() {
        return carMeasuredAtNs;
    }

    /**
     * Records a measurement of the car's current.
     *
     * @param amps the car's current per phase, not negative
     * @param measuredAtNs when it was measured, from the injected clock
     * @return this observation
     */
    public ChargerObservation carAmps(double amps, long measuredAtNs) {
        this.carAmps = amps > 0.0 ? amps : 0.0;
        this.carMeasuredAtNs = measuredAtNs;
        return this;
    }

    /**
     * Returns the phases the car draws on, when the caller knows them (configured, or reported by the charger).
     *
     * @return a TOPICS §5 code (1, 2, 3, 12, 13, 23, 123), or {@link #PHASES_UNKNOWN} to let the balancer detect them
     */
    public int activePhases() {
        return activePhases;
    }

    /**
     * Sets the phases the car draws on.
     *
     * @param code a TOPICS §5 code, or {@link #PHASES_UNKNOWN}; an invalid code counts as unknown
     * @return this observation
     */
    public ChargerObservation activePhases(int code) {
        this.activePhases = code;
        return this;
    }

    /**
     * Returns the charger's current setpoint: the last {@code $SC} sent (or acknowledged), else {@code $GC}'s.
     *
     * @return whole amps
     */
    public int setpointAmps() {
        return setpointAmps;
    }

    /**
     * Sets the charger's current setpoint.
     *
     * @param amps whole amps
     * @return this observation
     */
    public ChargerObservation setpointAmps(int amps) {
        this.setpointAmps = amps;
        return this;
    }

    /**
     * Returns what the charger is doing.
     *
     * @return paused, resuming or charging
     */
    public ChargerActivity activity() {
        return activity;
    }

    /**
     * Sets what the charger is doing.
     *
     * @param value paused, resuming or charging; null counts as paused
     * @return this observation
     */
    public ChargerObservation activity(ChargerActivity value) {
        this.activity = value == null ? ChargerActivity.PAUSED : value;
        return this;
    }

    /**
     * Tells whether a car is connected.
     *
     * @return true when the charger reports a car
     */
    public boolean carConnected() {
        return carConnected;
    }

    /**
     * Sets whether a car is connected.
     *
     * @param value true when the charger reports a car
     * @return this observation
     */
    public ChargerObservation carConnected(boolean value) {
        this.carConnected = value;
        return this;
    }

    /**
     * Tells whether the link to the controller is up (not {@code CON_ERROR}).
     *
     * @return true while valid replies arrive
     */
    public boolean linkOk() {
        return linkOk;
    }

    /**
     * Sets whether the link to the controller is up.
     *
     * @param value false while the link is {@code CON_ERROR}
     * @return this observation
     */
    public ChargerObservation linkOk(boolean value) {
        this.linkOk = value;
        return this;
    }

    /**
     * Copies everything from another observation.
     *
     * @param other the observation to copy
     */
    public void copyFrom(ChargerObservation other) {
        carAmps = other.carAmps;
        carMeasuredAtNs = other.carMeasuredAtNs;
        activePhases = other.activePhases;
        setpointAmps = other.setpointAmps;
        activity = other.activity;
        carConnected = other.carConnected;
        linkOk = other.linkOk;
    }
}
