package me.napolni.dinamics.core.session;

/** The state a charger should be in, and the RAPI command that brings it there. */
public enum StationState {
    /** Enabled ({@code $FE}): charges when a car asks and the control law allows. */
    ENABLED,
    /** Asleep ({@code $FS}): an automatic or operator stop that can be undone. */
    ASLEEP,
    /** Disabled ({@code $FD}): the operator's off, undone only by {@code set_enable 2}. */
    DISABLED
}
