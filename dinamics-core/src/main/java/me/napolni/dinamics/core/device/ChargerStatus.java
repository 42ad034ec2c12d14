package me.napolni.dinamics.core.device;

/**
 * One charger's part of a {@link DeviceStatus}. Unknown values are null.
 *
 * @param id the charger id from the configuration ({@code 1} on a single-charger install)
 * @param priority sharing priority 1..10, higher is served first
 * @param enable the last state the charger acknowledged: 1 off, 2 enabled, 3 asleep
 * @param enableIntent the operator's stored choice: 1, 2, 3 or null
 * @param state 0 no car, 1 car connected, 2 unknown (link down, charger disabled)
 * @param evseState the EVSE state code (0–14, 254 sleeping, 255 disabled)
 * @param connection {@code OK} or {@code CON_ERROR}
 * @param chargingCurrent the car's current in amps as the charger measures it
 * @param pilotCurrent the setpoint the car sees, whole amps
 * @param maxChargingCurrent the current allowed now, whole amps (this charger's share)
 * @param activePhases 0 (unknown), 1, 2, 3, 12, 13, 23 or 123
 * @param noOfPhases the number of digits in {@code activePhases}
 * @param power watts drawn by the car
 * @param energy session energy in Wh
 * @param cLimit the cap on the car's current, amps
 * @param cMinLimit the minimum charging current, amps
 * @param tLimit the session time limit in 15 min units, or null
 * @param eLimit the session energy limit as sent ({@code $SH}), or null
 * @param eLimitKwh the energy limit in kWh for the car's phases, or null
 * @param delayTimer {@code HH:MM-HH:MM} or {@code off}
 * @param stopReason why the charger is held off ({@code no_headroom}, {@code thermal}, ...), or null
 */
public record ChargerStatus(
        String id,
        int priority,
        Integer enable,
        Integer enableIntent,
        int state,
        Integer evseState,
        String connection,
        Double chargingCurrent,
        Integer pilotCurrent,
        Integer maxChargingCurrent,
        int activePhases,
        int noOfPhases,
        Long power,
        Long energy,
        int cLimit,
        int cMinLimit,
        Integer tLimit,
        Integer eLimit,
        Double eLimitKwh,
        String delayTimer,
        String stopReason) {
}
