package me.napolni.dinamics.core.sim;

/**
 * The two cars of the scenario: which phases they draw on and their maximum current.
 *
 * <p>The car's current adds arithmetically to the house's on each of its phases (230 V, power factor 1).
 */
public enum CarProfile {

    /** Three-phase car, the same current on L1, L2 and L3, 16 A max (11 kW). */
    THREE_PHASE_16A("3p16", 16, 0b111),
    /** Single-phase car on L1 only, 32 A max (7.4 kW). */
    SINGLE_PHASE_32A("1p32", 32, 0b001);

    private final String id;
    private final int maxAmps;
    private final int phaseMask;

    CarProfile(String id, int maxAmps, int phaseMask) {
        this.id = id;
        this.maxAmps = maxAmps;
        this.phaseMask = phaseMask;
    }

    /**
     * Returns the scenario's name of the profile.
     *
     * @return {@code 3p16} or {@code 1p32}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the most current the car draws per phase.
     *
     * @return amps
     */
    public int maxAmps() {
        return maxAmps;
    }

    /**
     * Returns the phases the car draws on as a bit mask.
     *
     * @return bit 0 for L1, bit 1 for L2, bit 2 for L3
     */
    public int phaseMask() {
        return phaseMask;
    }

    /**
     * Returns how many phases the car draws on.
     *
     * @return 1 or 3
     */
    public int phaseCount() {
        return Integer.bitCount(phaseMask);
    }

    /**
     * Tells whether the car draws on a phase.
     *
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @return true when the car's current flows on that phase
     */
    public boolean usesPhase(int phase) {
        return (phaseMask & (1 << phase)) != 0;
    }

    /**
     * Finds a profile by its scenario name.
     *
     * @param id {@code 3p16} or {@code 1p32}
     * @return the profile
     * @throws IllegalArgumentException if no profile has that name
     */
    public static CarProfile byId(String id) {
        for (CarProfile profile : values()) {
            if (profile.id.equals(id)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown car profile '" + id + "' (known: 3p16, 1p32)");
    }
}
