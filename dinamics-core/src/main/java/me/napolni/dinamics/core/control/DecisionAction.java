package me.napolni.dinamics.core.control;

/** What the caller should do with the charger after a balancer pass. */
public enum DecisionAction {
    /** Nothing to send. */
    NONE,
    /** Send the setpoint ({@code $SC n V}). */
    SET_CURRENT,
    /** Pause the car ({@code $FS}). */
    PAUSE,
    /** Send the setpoint if the charger's differs ({@code $SC n V}), then resume the car ({@code $FE}). */
    RESUME
}
