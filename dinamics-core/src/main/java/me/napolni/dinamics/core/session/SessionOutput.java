package me.napolni.dinamics.core.session;

/**
 * What {@link ChargingSession} decided in one pass; a mutable holder the caller owns and reuses.
 *
 * <p>{@link #state()} is where the charger should be; {@link #changed()} is true on the one pass where it
 * differs from the previous pass, which is when the caller sends {@code $FE}, {@code $FS} or {@code $FD}.
 */
public final class SessionOutput {

    private StationState state = StationState.ENABLED;
    private StopReason stopReason;
    private boolean changed;

    /** Creates an output that says enabled, unchanged. */
    public SessionOutput() {
        // defaults above
    }

    /**
     * Returns the state the charger should be in.
     *
     * @return enabled, asleep or disabled
     */
    public StationState state() {
        return state;
    }

    /**
     * Returns why the charger should not charge.
     *
     * @return the reason, or null when enabled
     */
    public StopReason stopReason() {
        return stopReason;
    }

    /**
     * Tells whether the state changed in this pass, so a command is due.
     *
     * @return true on the pass of a change
     */
    public boolean changed() {
        return changed;
    }

    void set(StationState newState, StopReason newReason, boolean newChanged) {
        state = newState;
        stopReason = newReason;
        changed = newChanged;
    }
}
