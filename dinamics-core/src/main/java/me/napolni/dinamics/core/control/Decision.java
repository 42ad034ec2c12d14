package me.napolni.dinamics.core.control;

import me.napolni.dinamics.core.session.StopReason;

/**
 * The outcome of one balancer pass, written into a holder that the caller owns and reuses.
 *
 * <p>Only {@link CurrentBalancer} writes it; the caller reads it and acts on {@link #action()}. Not thread-safe.
 */
public final class Decision {

    private DecisionAction action = DecisionAction.NONE;
    private int setpointAmps;
    private int allowedAmps;
    private FailsafeState failsafe = FailsafeState.NO_READINGS;
    private StopReason stopReason;
    private int activePhases;

    /** Creates an empty decision: no action, nothing allowed, no readings yet. */
    public Decision() {
        // defaults above
    }

    /**
     * Returns what the caller should do.
     *
     * @return the action of this pass
     */
    public DecisionAction action() {
        return action;
    }

    /**
     * Returns the setpoint the balancer wants: the value to send with {@link DecisionAction#SET_CURRENT} and
     * {@link DecisionAction#RESUME}; otherwise the setpoint it holds.
     *
     * @return whole amps
     */
    public int setpointAmps() {
        return setpointAmps;
    }

    /**
     * Returns the car current allowed now ({@code max_charging_current}): the headroom rounded down, capped by
     * {@code c_limit}.
     *
     * @return whole amps, not negative
     */
    public int allowedAmps() {
        return allowedAmps;
    }

    /**
     * Returns the failsafe state ({@code ~/failsafe}).
     *
     * @return the state of this pass
     */
    public FailsafeState failsafe() {
        return failsafe;
    }

    /**
     * Returns why the balancer paused the car, while it keeps it paused.
     *
     * @return the reason, or null when the balancer is not holding the car paused
     */
    public StopReason stopReason() {
        return stopReason;
    }

    /**
     * Returns the phases the car draws on, as the balancer knows them.
     *
     * @return a TOPICS §5 code: 0 (unknown or not charging), 1, 2, 3, 12, 13, 23 or 123
     */
    public int activePhases() {
        return activePhases;
    }

    /**
     * Copies another decision, for example into a snapshot for other threads.
     *
     * @param other the decision to copy
     */
    public void copyFrom(Decision other) {
        action = other.action;
        setpointAmps = other.setpointAmps;
        allowedAmps = other.allowedAmps;
        failsafe = other.failsafe;
        stopReason = other.stopReason;
        activePhases = other.activePhases;
    }

    void set(DecisionAction newAction, int newSetpointAmps, int newAllowedAmps, FailsafeState newFailsafe,
            StopReason newStopReason, int newActivePhases) {
        action = newAction;
        setpointAmps = newSetpointAmps;
        allowedAmps = newAllowedAmps;
        failsafe = newFailsafe;
        stopReason = newStopReason;
        activePhases = newActivePhases;
    }
}
