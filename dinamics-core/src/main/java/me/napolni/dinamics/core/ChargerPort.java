package me.napolni.dinamics.core;

import me.napolni.dinamics.core.control.ChargerObservation;

/**
 * How the control loop commands one charger and learns its state; the host supplies one backed by a RAPI client.
 *
 * <p>The loop calls these on its own thread, only when something changes (and again after a while if the
 * charger's observed state does not follow). Implementations must not block the loop: they queue the request
 * (for example {@code $SC 16 V}) and return; the reply shows up later in {@link #observe}. A failed request is the
 * port's to report (log, {@code ~/error}); the loop sees the charger's state as observed.
 */
public interface ChargerPort {

    /**
     * Sets the current the car may draw ({@code $SC n V}, volatile: no EEPROM wear).
     *
     * @param amps whole amps, within the charger's range
     */
    void setCurrent(int amps);

    /** Pauses charging, an automatic sleep that can be undone ({@code $FS}). */
    void pause();

    /** Enables the charger, or resumes it after a pause ({@code $FE}). */
    void enable();

    /** Disables the charger on the operator's order ({@code $FD}). */
    void disable();

    /**
     * Fills in what is known about the charger now; called once per pass, so it must not block either.
     *
     * @param out the loop's reused observation: car current and its time, phases if known, setpoint, activity,
     *     car connected, link state
     */
    void observe(ChargerObservation out);
}
