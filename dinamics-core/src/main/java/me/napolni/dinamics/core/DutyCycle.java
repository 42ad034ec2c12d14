package me.napolni.dinamics.core;

/**
 * A piece of work that a {@link LoopRunner} calls again and again on its one thread.
 * <pre>
 *   onStart()                       once, on the runner's thread
 *   doWork(nowNs) ... doWork(nowNs)  every period; an exception is counted, logged and followed by onError
 *   onClose()                       once, when the runner is closed
 * </pre>
 */
public interface DutyCycle {

    /**
     * Returns a short name for the thread and the log.
     *
     * @return for example {@code control-loop}
     */
    String roleName();

    /** Called once on the runner's thread before the first pass. */
    default void onStart() {
    }

    /**
     * Does one pass of work.
     *
     * @param nowNs the current time, from the runner's injected clock
     * @return how much work was done (0 when idle), for statistics
     */
    int doWork(long nowNs);

    /**
     * Called after {@link #doWork} threw, so that the cycle can hold its outputs on the safe side.
     *
     * @param error what was thrown
     */
    default void onError(RuntimeException error) {
    }

    /** Called once on the runner's thread after the last pass. */
    default void onClose() {
    }
}
