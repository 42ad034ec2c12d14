package me.napolni.dinamics.rapi.emulator;

/**
 * The car on an {@link EvseEmulator}'s cable. A test or a simulator plugs it in, lets it ask for a charge, and
 * sets the current it would draw; while charging it draws the smaller of that and the pilot.
 * <pre>{@code
 * emulator.car().plugIn();          // state B, then C since the car asks for a charge
 * emulator.car().draw(16);          // draws min(16, pilot) A while the relay is closed
 * }</pre>
 */
public final class SimulatedCar {
    private final EvseEmulator emulator;
    private boolean plugged;
    private boolean requesting = true;
    private int wantedAmps;

    SimulatedCar(EvseEmulator emulator) {
        this.emulator = emulator;
    }

    /**
     * Connects the car; a new session starts (elapsed time and session energy reset).
     *
     * @return this car
     */
    public SimulatedCar plugIn() {
        emulator.carChanged(() -> plugged = true);
        return this;
    }

    /**
     * Disconnects the car; the session ends and the limits are cleared.
     *
     * @return this car
     */
    public SimulatedCar unplug() {
        emulator.carChanged(() -> plugged = false);
        return this;
    }

    /**
     * Whether the car asks for a charge (state C) or only sits connected (state B).
     *
     * @param on true to ask for a charge
     * @return this car
     */
    public SimulatedCar requestCharge(boolean on) {
        emulator.carChanged(() -> requesting = on);
        return this;
    }

    /**
     * Sets the current the car would draw; the drawn current is at most the pilot, and 0 while the relay is open.
     *
     * @param amps 0 or more
     * @return this car
     * @throws IllegalArgumentException if negative
     */
    public SimulatedCar draw(int amps) {
        if (amps < 0) {
            throw new IllegalArgumentException("a car draws 0 A or more: " + amps);
        }
        emulator.carChanged(() -> wantedAmps = amps);
        return this;
    }

    /**
     * Whether the car is plugged in.
     *
     * @return true when connected
     */
    public boolean plugged() {
        synchronized (emulator) {
            return plugged;
        }
    }

    /**
     * Whether the car asks for a charge.
     *
     * @return true when requesting
     */
    public boolean requesting() {
        synchronized (emulator) {
            return requesting;
        }
    }

    /**
     * The current the car would draw if the pilot allowed it.
     *
     * @return amps
     */
    public int wantedAmps() {
        synchronized (emulator) {
            return wantedAmps;
        }
    }

    // unsynchronised reads for the emulator, which holds its own lock
    boolean isPlugged() {
        return plugged;
    }

    boolean isRequesting() {
        return requesting;
    }

    int wanted() {
        return wantedAmps;
    }

    /**
     * The current the car draws now: min(wanted, pilot) while the relay is closed, else 0.
     *
     * @return amps
     */
    public int drawnAmps() {
        return emulator.drawnAmps();
    }
}
