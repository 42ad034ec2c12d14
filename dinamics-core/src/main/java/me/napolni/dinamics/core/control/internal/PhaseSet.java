package me.napolni.dinamics.core.control.internal;

/** Phase sets as bit masks (L1 = 1, L2 = 2, L3 = 4) and their TOPICS §5 codes (1, 2, 3, 12, 13, 23, 123). */
public final class PhaseSet {

    /** No phase, or not known. */
    public static final int NONE = 0;
    /** L1, L2 and L3. */
    public static final int ALL = 0b111;

    private static final int[] CODE_BY_MASK = {0, 1, 2, 12, 3, 13, 23, 123};

    private PhaseSet() {
    }

    /**
     * Converts a mask to its code.
     *
     * @param mask bits L1 = 1, L2 = 2, L3 = 4
     * @return the TOPICS §5 code, 0 for an empty or invalid mask
     */
    public static int code(int mask) {
        return mask > 0 && mask <= ALL ? CODE_BY_MASK[mask] : 0;
    }

    /**
     * Converts a code to its mask.
     *
     * @param code a TOPICS §5 code
     * @return the mask, {@link #NONE} for 0 or an invalid code
     */
    public static int mask(int code) {
        for (int mask = 1; mask <= ALL; mask++) {
            if (CODE_BY_MASK[mask] == code) {
                return mask;
            }
        }
        return NONE;
    }

    /**
     * Tells whether a phase is in a mask.
     *
     * @param mask the phase set
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @return true when the phase belongs to the set
     */
    public static boolean contains(int mask, int phase) {
        return (mask & (1 << phase)) != 0;
    }
}
