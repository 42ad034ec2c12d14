package me.napolni.dinamics.core;

import java.lang.management.ManagementFactory;

/** Measures the bytes the current thread allocates while running a piece of code (HotSpot's thread counter). */
public final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /**
     * Runs the code {@code warmups} times, then {@code times} more, and returns the bytes the second round
     * allocated on this thread.
     */
    public static long bytesAllocated(Runnable code, int warmups, int times) {
        for (int i = 0; i < warmups; i++) {
            code.run();
        }
        long threadId = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < times; i++) {
            code.run();
        }
        return THREADS.getThreadAllocatedBytes(threadId) - before;
    }
}
