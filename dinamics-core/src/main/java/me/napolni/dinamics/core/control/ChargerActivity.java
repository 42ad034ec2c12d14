package me.napolni.dinamics.core.control;

/** What the charger is doing, as far as the caller knows. */
public enum ChargerActivity {
    /** Paused ({@code $FS}, sleeping) or not yet started: the car draws nothing. */
    PAUSED,
    /** Asked to resume ({@code $FE}) but the car is not drawing yet. */
    RESUMING,
    /** Enabled and charging, or ready to charge at the setpoint. */
    CHARGING
}
