package me.napolni.dinamics.rapi;

/** WiFi mode requested by a very long button press ({@code $WF}; RAPI.md 4.9). */
public enum WifiMode {
    /** 00: access point. */
    ACCESS_POINT(0x00),
    /** 01: client. */
    CLIENT(0x01),
    /** 02: access point with defaults. */
    ACCESS_POINT_DEFAULTS(0x02),
    /** A mode this library does not know. */
    OTHER(-1);

    private final int code;

    WifiMode(int code) {
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
    public static WifiMode of(int code) {
        for (WifiMode value : values()) {
            if (value.code == code && value != OTHER) {
                return value;
            }
        }
        return OTHER;
    }
}
