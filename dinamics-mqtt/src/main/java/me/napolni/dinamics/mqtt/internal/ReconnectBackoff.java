package me.napolni.dinamics.mqtt.internal;

/**
 * Reconnect delays of TOPICS.md section 1: 1 s, then doubling, up to {@code timer11} (at least 1 s). Not
 * thread-safe: the bridge's worker owns it.
 */
public final class ReconnectBackoff {

    /** The first delay. */
    public static final long FIRST_DELAY_MS = 1000;
    /** The floor of the cap ({@code timer11} acts as at least 1000 ms). */
    public static final long MIN_CAP_MS = 1000;

    private long nextMs = FIRST_DELAY_MS;

    /**
     * Returns the delay before the next attempt and doubles the one after.
     *
     * @param timer11Ms the configured cap
     * @return the delay, ms
     */
    public long nextDelayMs(long timer11Ms) {
        long cap = Math.max(MIN_CAP_MS, timer11Ms);
        long delay = Math.min(nextMs, cap);
        nextMs = Math.min(cap, delay * 2);
        return delay;
    }

    /** Starts again from 1 s, after a successful connect. */
    public void reset() {
        nextMs = FIRST_DELAY_MS;
    }
}
