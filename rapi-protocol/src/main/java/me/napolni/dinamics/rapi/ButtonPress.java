package me.napolni.dinamics.rapi;

/** The front-button event of {@code $AN} (RAPI.md 3.3). */
public enum ButtonPress {
    /** 0: short press. */
    SHORT(0),
    /** 1: long press. */
    LONG(1),
    /** A value this library does not know. */
    OTHER(-1);

    private final int code;

    ButtonPress(int code) {
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
    public static ButtonPress of(int code) {
        for (ButtonPress value : values()) {
            if (value.code == code && value != OTHER) {
                return value;
            }
        }
        return OTHER;
    }
}
