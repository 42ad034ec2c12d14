package me.napolni.dinamics.rapi;

/** EVSE state ({@code $GS} field 1, {@code $AT} field 1, {@code $AB} field 1, {@code $ST}; RAPI.md 4.1). */
public enum EvseState {
    /** 00: starting (boot, POST, just after {@code $FE}). */
    STARTING(0x00, StateClass.TRANSIENT),
    /** 01: A, not connected. */
    NOT_CONNECTED(0x01, StateClass.READY),
    /** 02: B, connected, not charging. */
    CONNECTED(0x02, StateClass.READY),
    /** 03: C, charging. */
    CHARGING(0x03, StateClass.CHARGING),
    /** 04: D, vent required. */
    VENT_REQUIRED(0x04, StateClass.FAULT),
    /** 05: diode check failed. */
    DIODE_CHECK_FAILED(0x05, StateClass.FAULT),
    /** 06: GFCI fault. */
    GFCI_FAULT(0x06, StateClass.FAULT),
    /** 07: no ground. */
    NO_GROUND(0x07, StateClass.FAULT),
    /** 08: stuck relay. */
    STUCK_RELAY(0x08, StateClass.FAULT),
    /** 09: GFI self-test failed. */
    GFI_SELF_TEST_FAILED(0x09, StateClass.FAULT),
    /** 0a: over temperature (shut down). */
    OVER_TEMPERATURE(0x0A, StateClass.FAULT),
    /** 0b: over current (EU/T2 builds). */
    OVER_CURRENT(0x0B, StateClass.FAULT),
    /** 0c: reserved (pilot error). */
    PILOT_ERROR(0x0C, StateClass.FAULT),
    /** 0d: reserved (temperature sensor). */
    TEMPERATURE_SENSOR_ERROR(0x0D, StateClass.FAULT),
    /** 0e: relay closure fault. */
    RELAY_CLOSURE_FAULT(0x0E, StateClass.FAULT),
    /** 0f: PP shorted (D9 firmware only). */
    PP_SHORTED(0x0F, StateClass.FAULT),
    /** 10: PP missing (D9 firmware only). */
    PP_MISSING(0x10, StateClass.FAULT),
    /** 11: EEPROM failure (D9 firmware only). */
    EEPROM_FAILURE(0x11, StateClass.FAULT),
    /** fe: sleeping ({@code $FS}, delay timer, limit reached). */
    SLEEPING(0xFE, StateClass.OFF),
    /** ff: disabled ({@code $FD}). */
    DISABLED(0xFF, StateClass.OFF),
    /** A code this library does not know; the reply keeps the raw code. */
    OTHER(-1, StateClass.UNKNOWN);

    /** How a state is to be treated. */
    public enum StateClass {
        /** Passing through (starting). */
        TRANSIENT,
        /** Ready: A or B. */
        READY,
        /** Charging: C. */
        CHARGING,
        /** A fault (04 to 11). */
        FAULT,
        /** Switched off by the user or the gateway: sleeping or disabled. */
        OFF,
        /** Not a known state. */
        UNKNOWN
    }

    private final int code;
    private final StateClass stateClass;

    EvseState(int code, StateClass stateClass) {
        this.code = code;
        this.stateClass = stateClass;
    }

    /**
     * The wire code (hex on the wire since RAPI 5.0, decimal before).
     *
     * @return the code, or -1 for {@link #OTHER}
     */
    public int code() {
        return code;
    }

    /**
     * How the state is to be treated.
     *
     * @return the class
     */
    public StateClass stateClass() {
        return stateClass;
    }

    /**
     * Whether this is a fault state (04 to 11; unknown codes inside that range count too via {@link #isFault(int)}).
     *
     * @return true for a fault
     */
    public boolean isFault() {
        return stateClass == StateClass.FAULT;
    }

    /**
     * Whether a raw code is in the fault range 04 to 11 (the D9 codes included), known to this library or not.
     *
     * @param code the raw state code
     * @return true for a fault code
     */
    public static boolean isFault(int code) {
        return code >= 0x04 && code <= 0x11;
    }

    /**
     * The constant for a code; never fails on codes this library does not know.
     *
     * @param code the value as read from the wire
     * @return the matching constant, or {@link #OTHER}
     */
    public static EvseState of(int code) {
        for (EvseState value : values()) {
            if (value.code == code && value != OTHER) {
                return value;
            }
        }
        return OTHER;
    }
}
