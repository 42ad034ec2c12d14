package me.napolni.dinamics.core.time;

import java.util.concurrent.TimeUnit;

/**
 * A clock that moves only when told to, for tests and simulations.
 *
 * <p>It is safe to read from other threads while one thread advances it.
 */
public final class ManualClock implements NanoClock {

    private volatile long nowNs;

    /** Creates a clock that starts at zero. */
    public ManualClock() {
        this(0L);
    }

    /**
     * Creates a clock that starts at the given time.
     *
     * @param startNs the initial reading in nanoseconds
     */
    public ManualClock(long startNs) {
        this.nowNs = startNs;
    }

    @Override
    public long nanoTime() {
        return nowNs;
    }

    /**
     * Moves the clock forward.
     *
     * @param deltaNs nanoseconds to add, not negative
     * @throws IllegalArgumentException if {@code deltaNs} is negative
     */
    public synchronized void advanceNs(long deltaNs) {
        if (deltaNs < 0) {
            throw new IllegalArgumentException("a monotonic clock cannot go back: " + deltaNs + " ns");
        }
        nowNs += deltaNs;
    }

    /**
     * Moves the clock forward by whole milliseconds.
     *
     * @param deltaMs milliseconds to add, not negative
     */
    public void advanceMs(long deltaMs) {
        advanceNs(TimeUnit.MILLISECONDS.toNanos(deltaMs));
    }

    /**
     * Sets the clock to an absolute time that is not earlier than now.
     *
     * @param timeNs the new reading in nanoseconds
     * @throws IllegalArgumentException if it is earlier than the current reading
     */
    public synchronized void setNs(long timeNs) {
        if (timeNs < nowNs) {
            throw new IllegalArgumentException("a monotonic clock cannot go back: " + timeNs + " < " + nowNs);
        }
        nowNs = timeNs;
    }
}
