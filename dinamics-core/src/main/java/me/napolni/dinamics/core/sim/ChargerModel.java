package me.napolni.dinamics.core.sim;

/**
 * The charger's setpoint as the scenario models it: it accepts {@code $SC} with 6 to 32 whole amps and counts
 * every accepted setpoint that differs from the one in force (also while the car is paused).
 */
public final class ChargerModel {

    /** The lowest setpoint the charger accepts (IEC 61851 minimum). */
    public static final int MIN_SETPOINT_AMPS = 6;
    /** The highest setpoint the charger accepts. */
    public static final int MAX_SETPOINT_AMPS = 32;
    /** The setpoint at power-on. */
    public static final int POWER_ON_SETPOINT_AMPS = 6;

    private int setpointAmps = POWER_ON_SETPOINT_AMPS;
    private int changes;

    /** Creates a charger in its power-on state with no change counted. */
    public ChargerModel() {
        // POWER_ON_SETPOINT_AMPS, 0 changes
    }

    /** Resets the setpoint to its power-on value; the count of changes is kept. */
    public void powerOn() {
        setpointAmps = POWER_ON_SETPOINT_AMPS;
    }

    /**
     * Handles {@code $SC amps}.
     *
     * @param amps the requested setpoint
     * @return true when accepted (6 to 32 A); a rejected value changes and counts nothing
     */
    public boolean setCurrent(int amps) {
        if (amps < MIN_SETPOINT_AMPS || amps > MAX_SETPOINT_AMPS) {
            return false;
        }
        if (amps != setpointAmps) {
            changes++;
            setpointAmps = amps;
        }
        return true;
    }

    /**
     * Returns the setpoint in force.
     *
     * @return whole amps
     */
    public int setpointAmps() {
        return setpointAmps;
    }

    /**
     * Returns how many accepted setpoints differed from the one in force.
     *
     * @return the count since construction
     */
    public int changes() {
        return changes;
    }
}
