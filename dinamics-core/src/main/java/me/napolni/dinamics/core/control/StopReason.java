package me.napolni.dinamics.core.control;

/** Why the balancer paused the car (the {@code stop_reason} of TOPICS.md). */
public enum StopReason {
    /** Less than the minimum current fits for too long ({@code timer4}), or not even the minimum plus a margin. */
    NO_HEADROOM("no_headroom"),
    /** Holding the minimum current would have spent the breaker's thermal budget. */
    THERMAL("thermal"),
    /** Stale readings with {@link FailsafeMode#PAUSE}. */
    FAILSAFE("failsafe");

    private final String wireName;

    StopReason(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Returns the word published as the stop reason.
     *
     * @return the lower-case word, such as {@code no_headroom}
     */
    public String wireName() {
        return wireName;
    }
}
