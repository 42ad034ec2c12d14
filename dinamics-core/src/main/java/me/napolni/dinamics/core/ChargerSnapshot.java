package me.napolni.dinamics.core;

import me.napolni.dinamics.core.session.StationState;
import me.napolni.dinamics.core.session.StopReason;

/**
 * One charger as the control loop saw and commanded it in a pass.
 *
 * @param id the charger's id
 * @param priority its priority among chargers on the breaker
 * @param allowedAmps the current it may draw now ({@code max_charging_current}: its share), whole amps, 0..c_limit
 * @param setpointAmps the setpoint last commanded, or {@link #UNKNOWN_AMPS} before the first
 * @param state the state last commanded: enabled, asleep or disabled
 * @param stopReason why it is not charging, or null
 * @param activePhases the phases the car draws on as digits (0 unknown, 1, 2, 3, 12, 13, 23, 123)
 * @param carAmps the car's current as last observed
 * @param carConnected whether a car is plugged in
 * @param linkOk whether the link to the charger is up
 */
public record ChargerSnapshot(String id, int priority, int allowedAmps, int setpointAmps, StationState state,
        StopReason stopReason, int activePhases, double carAmps, boolean carConnected, boolean linkOk) {

    /** The setpoint before one has been commanded or observed. */
    public static final int UNKNOWN_AMPS = -1;
}
