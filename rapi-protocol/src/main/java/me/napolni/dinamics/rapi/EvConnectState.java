package me.napolni.dinamics.rapi;

/** EV connect state ({@code $G0}; RAPI.md 4.10). */
public enum EvConnectState {
    /** 0: not connected. */
    NOT_CONNECTED(0),
    /** 1: connected. */
    CONNECTED(1),
    /** 2: unknown (the pilot is at -12 V, which since 8.1.0 happens only while disabled). */
    UNKNOWN(2),
    /** A value this library does not know. */
    OTHER(-1);

    private final int code;

    EvConnectState(int code) {
        this.code = code;
    }

    /**
     * The wire value.
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
    public static EvConnectState of(int code) {
        for (EvConnectState value : values()) {
            if (value.code == code && value != OTHER) {
                return value;
            }
        }
        return OTHER;
    }
}
