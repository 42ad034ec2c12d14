package me.napolni.dinamics.core.control;

/** The failsafe state published on {@code ~/failsafe} (TOPICS.md §7.2). */
public enum FailsafeState {
    /** Readings are fresh and the link to the controller is up. */
    OFF("off"),
    /** Nothing has been measured since start, so the current is not raised. */
    NO_READINGS("no_readings"),
    /** A phase reading is older than {@code staleAfterMs}: the safe current or a pause follows. */
    STALE("stale"),
    /** The link to the controller is down and the controller's own {@code $SY} fallback holds. */
    EVSE_LINK("evse_link");

    private final String wireName;

    FailsafeState(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Returns the payload published on {@code ~/failsafe}.
     *
     * @return the lower-case word, such as {@code no_readings}
     */
    public String wireName() {
        return wireName;
    }
}
