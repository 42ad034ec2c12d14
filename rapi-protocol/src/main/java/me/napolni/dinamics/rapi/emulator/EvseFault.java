package me.napolni.dinamics.rapi.emulator;

/** Faults a test can inject into an {@link EvseEmulator}, with the EVSE state each one reports (RAPI.md 4.1). */
public enum EvseFault {
    /** GFCI tripped (state 06); clears itself when the test clears it. */
    GFCI(0x06, false),
    /** No ground (state 07). */
    NO_GROUND(0x07, false),
    /** Stuck relay (state 08), a hard fault. */
    STUCK_RELAY(0x08, true),
    /** Over temperature, shut down (state 0a). */
    OVER_TEMPERATURE(0x0a, false),
    /** Over current (state 0b), a hard fault. */
    OVER_CURRENT(0x0b, true);

    private final int stateCode;
    private final boolean hard;

    EvseFault(int stateCode, boolean hard) {
        this.stateCode = stateCode;
        this.hard = hard;
    }

    /**
     * The EVSE state the controller reports during this fault.
     *
     * @return the state code, e.g. 0x06
     */
    public int stateCode() {
        return stateCode;
    }

    /**
     * Whether the fault sets vflag HARD_FAULT (only a restart clears it on a real controller).
     *
     * @return true for hard faults
     */
    public boolean hard() {
        return hard;
    }
}
