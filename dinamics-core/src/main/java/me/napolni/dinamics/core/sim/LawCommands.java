package me.napolni.dinamics.core.sim;

/**
 * The commands a {@link Law} gives at one pass, written into a holder the scenario owns and clears before every
 * pass (no allocation per pass).
 *
 * <p>At most one setpoint ({@code $SC n}) and at most one {@link ChargerAction} per pass; a later call replaces
 * an earlier one of the same kind. They take effect in the same step, the setpoint first, then the action. The
 * charger accepts setpoints of 6 to 32 whole amps; others (including 0) are rejected and count for nothing:
 * only {@link #pause()} stops the car.
 */
public final class LawCommands {

    /** The value of {@link #setpointAmps()} when no setpoint was sent. */
    public static final int NO_SETPOINT = Integer.MIN_VALUE;

    private int setpointAmps = NO_SETPOINT;
    private ChargerAction action = ChargerAction.NONE;

    /** Creates an empty holder. */
    public LawCommands() {
        // empty: NO_SETPOINT and NONE
    }

    /** Forgets every command (the scenario calls it before each pass). */
    public void clear() {
        setpointAmps = NO_SETPOINT;
        action = ChargerAction.NONE;
    }

    /**
     * Sends {@code $SC amps}.
     *
     * @param amps whole amps; the charger accepts 6 to 32
     */
    public void setCurrent(int amps) {
        this.setpointAmps = amps;
    }

    /** Sends {@code $FS}: pause the car. */
    public void pause() {
        this.action = ChargerAction.PAUSE;
    }

    /** Sends {@code $FE}: resume the car. */
    public void resume() {
        this.action = ChargerAction.RESUME;
    }

    /**
     * Returns the setpoint sent at this pass.
     *
     * @return whole amps, or {@link #NO_SETPOINT}
     */
    public int setpointAmps() {
        return setpointAmps;
    }

    /**
     * Tells whether a setpoint was sent at this pass.
     *
     * @return true after {@link #setCurrent(int)}
     */
    public boolean hasSetpoint() {
        return setpointAmps != NO_SETPOINT;
    }

    /**
     * Returns the pause or resume sent at this pass.
     *
     * @return the action, {@link ChargerAction#NONE} when none
     */
    public ChargerAction action() {
        return action;
    }
}
