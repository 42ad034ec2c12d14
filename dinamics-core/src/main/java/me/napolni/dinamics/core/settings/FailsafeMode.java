package me.napolni.dinamics.core.settings;

/** What the loop does when readings are stale (DESIGN.md 4.4): the value of {@link SettingKey#FAILSAFE_MODE}. */
public enum FailsafeMode {
    /** 0: hold the charger at its minimum current ({@code c_min_limit}). */
    MINIMUM(0),
    /** 1: pause the charger. */
    PAUSE(1);

    private final int code;

    FailsafeMode(int code) {
        this.code = code;
    }

    /**
     * Returns the stored value.
     *
     * @return 0 or 1
     */
    public int code() {
        return code;
    }

    /**
     * Returns the mode with a code.
     *
     * @param code 0 or 1
     * @return the mode
     * @throws IllegalArgumentException for any other code
     */
    public static FailsafeMode ofCode(long code) {
        if (code == 0) {
            return MINIMUM;
        }
        if (code == 1) {
            return PAUSE;
        }
        throw new IllegalArgumentException("no failsafe mode has code " + code);
    }
}
