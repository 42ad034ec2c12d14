package me.napolni.dinamics.core.settings;

/**
 * The operator's stored choice from {@code set_enable} (TOPICS.md 4.2).
 *
 * <p>Only the intent is persisted; automatic sleeps (timers, no headroom, delay timer) are not.
 */
public enum EnableIntent {
    /** Nothing stored yet (or cleared by {@code delete_settings}); nothing is sent at start. */
    NONE(0),
    /** 1: the station is disabled ({@code $FD}) until the operator enables it again. */
    OFF(1),
    /** 2: enabled; charging follows the control law, plug &amp; charge and the timers. */
    ENABLED(2),
    /** 3: asleep ({@code $FS}) until {@code set_enable 2} or, with plug &amp; charge on, the next plug-in. */
    SLEEP(3);

    private final int code;

    EnableIntent(int code) {
        this.code = code;
    }

    /**
     * Returns the MQTT payload value.
     *
     * @return 1, 2 or 3, or 0 for {@link #NONE}
     */
    public int code() {
        return code;
    }

    /**
     * Returns the intent with a code.
     *
     * @param code 0..3
     * @return the intent
     * @throws IllegalArgumentException for any other code
     */
    public static EnableIntent ofCode(long code) {
        for (EnableIntent intent : values()) {
            if (intent.code == code) {
                return intent;
            }
        }
        throw new IllegalArgumentException("no enable intent has code " + code);
    }
}
