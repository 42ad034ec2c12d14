package me.napolni.dinamics.core.sim;

/**
 * The installer's settings a law works with, fixed for a whole scenario run.
 *
 * @param breakerAmps the main breaker's rating {@code In} per phase, in amps
 * @param carLimitAmps the cap {@code c_limit} on the car's setpoint: the car's maximum, in amps
 * @param carPhaseMask the phases the car is wired on as the installer configured them (bit 0 for L1, bit 1
 *     for L2, bit 2 for L3); a law may use it (as OpenEVSE's shaper is configured) or detect the phases itself
 */
public record LawSettings(int breakerAmps, int carLimitAmps, int carPhaseMask) {

    /**
     * Checks the settings.
     *
     * @param breakerAmps the main breaker's rating per phase
     * @param carLimitAmps the cap on the car's setpoint
     * @param carPhaseMask the car's phases
     * @throws IllegalArgumentException if a value is out of range
     */
    public LawSettings {
        if (breakerAmps < 1) {
            throw new IllegalArgumentException("breakerAmps must be positive: " + breakerAmps);
        }
        if (carLimitAmps < ChargerModel.MIN_SETPOINT_AMPS || carLimitAmps > ChargerModel.MAX_SETPOINT_AMPS) {
            throw new IllegalArgumentException("carLimitAmps must be 6..32: " + carLimitAmps);
        }
        if (carPhaseMask < 1 || carPhaseMask > 0b111) {
            throw new IllegalArgumentException("carPhaseMask must name one to three phases: " + carPhaseMask);
        }
    }

    /**
     * Returns the settings of a scenario case.
     *
     * @param breakerAmps the main breaker's rating per phase
     * @param car the car profile, whose maximum is the cap and whose phases are the wiring
     * @return the settings
     */
    public static LawSettings of(int breakerAmps, CarProfile car) {
        return new LawSettings(breakerAmps, car.maxAmps(), car.phaseMask());
    }

    /**
     * Tells whether the car is wired on a phase.
     *
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @return true when the car draws on that phase
     */
    public boolean carUsesPhase(int phase) {
        return (carPhaseMask & (1 << phase)) != 0;
    }

    /**
     * Returns how many phases the car draws on.
     *
     * @return 1 to 3
     */
    public int carPhaseCount() {
        return Integer.bitCount(carPhaseMask);
    }
}
