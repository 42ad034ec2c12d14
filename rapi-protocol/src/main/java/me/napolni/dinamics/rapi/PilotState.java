package me.napolni.dinamics.rapi;

/** Pilot state as the car shows it ({@code $GS} field 3, {@code $AT} field 2; RAPI.md 4.2). */
public enum PilotState {
    /** 00: unknown. */
    UNKNOWN(0x00),
    /** 01: A, not connected (+12 V). */
    A(0x01),
    /** 02: B, connected (+9 V). */
    B(0x02),
    /** 03: C, charging (+6 V). */
    C(0x03),
    /** 04: D, vent required (+3 V). */
    D(0x04),
    /** 05: diode check failed. */
    DIODE_CHECK_FAILED(0x05),
    /** A code this library does not know; the raw code is kept by the reply. */
    OTHER(-1);

    private final int code;

    PilotState(int code) {
        this.code = code;
    }

    /**
     * The wire code (hex on the wire).
     *
     * @return the code, or -1 for {@link #OTHER}
     */
    public int code() {
        return code;
    }

    /**
     * The constant for a code; never fails on codes this library does not know.
     *
     * @param code the value as read from the wire
     * @return the matching constant, or {@link #OTHER}
     */
    public static PilotState of(int code) {
        for (PilotState value : values()) {
            if (value.code == code && value != OTHER) {
                return value;
            }
        }
        return OTHER;
    }
}
