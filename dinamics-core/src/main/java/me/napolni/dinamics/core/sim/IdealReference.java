package me.napolni.dinamics.core.sim;

/**
 * The ideal reference of SCENARIO.md §3: per second, in continuous amps, min(car max, min over the car's phases
 * of (limit − house)), or 0 when that is below 6 A; the limit is In for the ideal and 1.13·In for
 * {@code bound_113_pct}. It ignores trips, outages and the meter silence.
 */
public final class IdealReference {

    /** The ideal's limit as a multiple of In. */
    public static final double IDEAL_FACTOR = 1.0;
    /** The steady-current upper bound's limit as a multiple of In. */
    public static final double BOUND_FACTOR = BreakerModel.NON_TRIP_FACTOR;

    private IdealReference() {
    }

    /**
     * Returns the ideal car current of one second.
     *
     * @param day the house
     * @param car the car profile
     * @param limitAmps the per-phase limit (In, or 1.13·In for the bound)
     * @param second the second of the day
     * @return amps per car phase, 0 or at least 6
     */
    public static double amps(HouseholdDay day, CarProfile car, double limitAmps, int second) {
        double room = car.maxAmps();
        for (int phase = 0; phase < 3; phase++) {
            if (car.usesPhase(phase)) {
                room = Math.min(room, limitAmps - day.amps(phase, second));
            }
        }
        return room < ChargerModel.MIN_SETPOINT_AMPS ? 0.0 : room;
    }

    /**
     * Returns the energy of the reference over the whole day.
     *
     * @param day the house
     * @param car the car profile
     * @param limitAmps the per-phase limit (In, or 1.13·In for the bound)
     * @return kWh into the car (amps × 230 V × car phases × 1 s per second)
     */
    public static double energyKwh(HouseholdDay day, CarProfile car, double limitAmps) {
        double ampSeconds = 0.0;
        for (int second = 0; second < day.seconds(); second++) {
            ampSeconds += amps(day, car, limitAmps, second);
        }
        return ampSeconds * Scenario.VOLTS * car.phaseCount() / Scenario.JOULES_PER_KWH;
    }
}
