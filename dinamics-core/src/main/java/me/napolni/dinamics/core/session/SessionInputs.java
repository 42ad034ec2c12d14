package me.napolni.dinamics.core.session;

import me.napolni.dinamics.core.settings.Settings;

/**
 * What {@link ChargingSession} looks at in one pass; a mutable holder the caller owns and reuses.
 *
 * <p>Setters return the holder so that one pass reads as one statement. Timer delays are in real milliseconds.
 */
public final class SessionInputs {

    /** A timer delay that never fires and counts nothing, so its delay starts afresh once it is on again (for a
     *  caller that leaves a condition to someone else, as the control loop leaves timer4 to the control law, or
     *  that suspends timer1..3 while the charger is not enabled). */
    public static final long TIMER_OFF = Long.MAX_VALUE;

    private double carAmps;
    private int pilotAmps;
    private boolean carConnected;
    private double allowedAmps;
    private int minimumAmps = 6;
    private boolean plugAndCharge;
    private boolean insideDelayWindow = true;
    private final long[] timerMs = {0, 50_000, 10_000, 10_000, 10_000};

    /** Creates inputs with no car, nothing allowed, the seed's timer1..4 and no delay window. */
    public SessionInputs() {
        // defaults above
    }

    /**
     * Sets the car's current, from {@code $GG}.
     *
     * @param amps amps
     * @return this holder
     */
    public SessionInputs carAmps(double amps) {
        this.carAmps = amps;
        return this;
    }

    /**
     * Sets the pilot setpoint the car sees.
     *
     * @param amps whole amps
     * @return this holder
     */
    public SessionInputs pilotAmps(int amps) {
        this.pilotAmps = amps;
        return this;
    }

    /**
     * Sets whether a car is connected ({@code $G0}, or a pilot state other than A).
     *
     * @param connected true when a car is plugged in
     * @return this holder
     */
    public SessionInputs carConnected(boolean connected) {
        this.carConnected = connected;
        return this;
    }

    /**
     * Sets the current the control law allows this charger now.
     *
     * @param amps amps, 0 when nothing fits
     * @return this holder
     */
    public SessionInputs allowedAmps(double amps) {
        this.allowedAmps = amps;
        return this;
    }

    /**
     * Sets the minimum charging current ({@code c_min_limit}).
     *
     * @param amps amps
     * @return this holder
     */
    public SessionInputs minimumAmps(int amps) {
        this.minimumAmps = amps;
        return this;
    }

    /**
     * Sets whether plug &amp; charge acts as on (the setting, or {@code nwpc} while the broker is unreachable).
     *
     * @param on true for P&amp;C on
     * @return this holder
     */
    public SessionInputs plugAndCharge(boolean on) {
        this.plugAndCharge = on;
        return this;
    }

    /**
     * Sets whether the delay timer allows charging now.
     *
     * @param inside true when the timer is off or the local time is inside its window
     * @return this holder
     */
    public SessionInputs insideDelayWindow(boolean inside) {
        this.insideDelayWindow = inside;
        return this;
    }

    /**
     * Sets an auto-stop delay.
     *
     * @param number 1..4 for timer1..timer4
     * @param delayMs the delay in real milliseconds, or {@link #TIMER_OFF}
     * @return this holder
     * @throws IllegalArgumentException for another number
     */
    public SessionInputs timerMs(int number, long delayMs) {
        if (number < 1 || number > 4) {
            throw new IllegalArgumentException("session timers are 1..4: " + number);
        }
        timerMs[number] = delayMs;
        return this;
    }

    /**
     * Copies the timers, the minimum and plug &amp; charge from settings, for the primary charger.
     *
     * @param settings the settings in force
     * @return this holder
     */
    public SessionInputs from(Settings settings) {
        for (int number = 1; number <= 4; number++) {
            timerMs[number] = settings.timerMs(number);
        }
        minimumAmps = settings.cMinLimitAmps();
        plugAndCharge = settings.plugAndCharge();
        return this;
    }

    /**
     * Returns the car's current.
     *
     * @return amps
     */
    public double carAmps() {
        return carAmps;
    }

    /**
     * Returns the pilot setpoint.
     *
     * @return amps
     */
    public int pilotAmps() {
        return pilotAmps;
    }

    /**
     * Returns whether a car is connected.
     *
     * @return true when plugged in
     */
    public boolean carConnected() {
        return carConnected;
    }

    /**
     * Returns the allowed current.
     *
     * @return amps
     */
    public double allowedAmps() {
        return allowedAmps;
    }

    /**
     * Returns the minimum current.
     *
     * @return amps
     */
    public int minimumAmps() {
        return minimumAmps;
    }

    /**
     * Returns whether plug &amp; charge acts as on.
     *
     * @return true for on
     */
    public boolean plugAndCharge() {
        return plugAndCharge;
    }

    /**
     * Returns whether the delay timer allows charging now.
     *
     * @return true when allowed
     */
    public boolean insideDelayWindow() {
        return insideDelayWindow;
    }

    /**
     * Returns an auto-stop delay.
     *
     * @param number 1..4
     * @return milliseconds
     */
    public long timerMs(int number) {
        return timerMs[number];
    }
}
