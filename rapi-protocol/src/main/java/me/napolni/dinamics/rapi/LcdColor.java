package me.napolni.dinamics.rapi;

/** LCD backlight colours of {@code $FB} (RAPI.md 4.8). */
public enum LcdColor {
    /** 0: off. */
    BACKLIGHT_OFF(0),
    /** 1: red. */
    RED(1),
    /** 2: green. */
    GREEN(2),
    /** 3: yellow. */
    YELLOW(3),
    /** 4: blue. */
    BLUE(4),
    /** 5: violet. */
    VIOLET(5),
    /** 6: teal. */
    TEAL(6),
    /** 7: white. */
    WHITE(7),
    /** Not a colour; refused by {@link RapiRequests#backlight(LcdColor)}. */
    OTHER(-1);

    private final int code;

    LcdColor(int code) {
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
    public static LcdColor of(int code) {
        for (LcdColor value : values()) {
            if (value.code == code && value != OTHER) {
                return value;
            }
        }
        return OTHER;
    }
}
