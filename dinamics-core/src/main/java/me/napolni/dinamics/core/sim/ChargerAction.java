package me.napolni.dinamics.core.sim;

/** What a law asks of the charger's state at a pass, besides a setpoint. */
public enum ChargerAction {
    /** Leave the charger as it is. */
    NONE,
    /** {@code $FS}: stop the car (its current falls to 0 over 1 s); a no-op when already paused. */
    PAUSE,
    /** {@code $FE}: let the car charge again (0 A for 5 s, then 6 A, then 3 A/s); a no-op while charging. */
    RESUME
}
