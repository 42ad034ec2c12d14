package me.napolni.dinamics.core.time;

/**
 * A monotonic clock in nanoseconds, injected wherever time is read.
 *
 * <p>The core never calls {@link System#nanoTime()} itself: a gateway passes {@link #system()}, a replay or a
 * test passes a {@link ManualClock}.
 */
@FunctionalInterface
public interface NanoClock {

    /**
     * Returns the current monotonic time.
     *
     * @return nanoseconds from an arbitrary origin; only differences are meaningful
     */
    long nanoTime();

    /**
     * Returns the clock of the running JVM.
     *
     * @return a clock backed by {@link System#nanoTime()}
     */
    static NanoClock system() {
        return System::nanoTime;
    }
}
