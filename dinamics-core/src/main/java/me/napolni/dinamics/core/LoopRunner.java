package me.napolni.dinamics.core;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import me.napolni.dinamics.core.time.NanoClock;

/**
 * Owns one thread that calls a {@link DutyCycle} at a fixed period of an injected clock.
 *
 * <p>A pass is due when the clock reaches the next deadline; between passes the thread parks (at most
 * {@value #MAX_PARK_MS} ms at a time, so that it also follows a {@code ManualClock} moved by a test). A pass
 * that falls behind by more than a period skips the missed ones rather than running a burst. An exception from
 * {@code doWork} is counted, logged (the first {@value #FULLY_LOGGED_ERRORS} in full, then every
 * {@value #LOG_EVERY_NTH_ERROR}th) and handed to {@link DutyCycle#onError}; the loop goes on.
 * <pre>
 *   try (LoopRunner runner = LoopRunner.start(controlLoop, NanoClock.system(), TimeUnit.MILLISECONDS.toNanos(250))) {
 *       ...                              // the loop runs until close()
 *   }
 * </pre>
 */
public final class LoopRunner implements AutoCloseable {

    /** The longest the thread parks before looking at the clock again. */
    public static final long MAX_PARK_MS = 10;
    /** How many errors are logged with their stack trace. */
    public static final int FULLY_LOGGED_ERRORS = 10;
    /** After that, one error in this many is logged. */
    public static final int LOG_EVERY_NTH_ERROR = 1000;

    private static final System.Logger LOG = System.getLogger(LoopRunner.class.getName());
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(MAX_PARK_MS);
    private static final long JOIN_TIMEOUT_MS = 10_000;

    private final DutyCycle cycle;
    private final NanoClock clock;
    private final long periodNs;
    private final Thread thread;
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean running = true;
    private volatile RuntimeException lastError;

    private LoopRunner(DutyCycle cycle, NanoClock clock, long periodNs) {
        this.cycle = cycle;
        this.clock = clock;
        this.periodNs = periodNs;
        this.thread = new Thread(this::run, "dinamics-" + cycle.roleName());
        this.thread.setDaemon(true);
    }

    /**
     * Starts a thread that runs the cycle.
     *
     * @param cycle the work
     * @param clock the clock that decides when a pass is due and that {@code doWork} receives
     * @param periodNs the time between passes, positive
     * @return the running runner
     * @throws IllegalArgumentException when the period is not positive
     */
    public static LoopRunner start(DutyCycle cycle, NanoClock clock, long periodNs) {
        if (periodNs <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodNs + " ns");
        }
        LoopRunner runner = new LoopRunner(cycle, clock, periodNs);
        runner.thread.start();
        return runner;
    }

    /**
     * Returns the number of passes done so far, including those that threw.
     *
     * @return passes
     */
    public long passCount() {
        return passes.get();
    }

    /**
     * Returns the number of passes that threw.
     *
     * @return errors
     */
    public long errorCount() {
        return errors.get();
    }

    /**
     * Returns the last exception a pass threw.
     *
     * @return the exception, or null
     */
    public RuntimeException lastError() {
        return lastError;
    }

    /**
     * Tells whether the thread is still running.
     *
     * @return true until closed
     */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Stops the loop after the pass in progress, waits for {@code onClose} and the thread's end. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(JOIN_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            cycle.onStart();
        } catch (RuntimeException e) {
            recordError(e, "onStart");
        }
        long nextNs = clock.nanoTime();
        while (running) {
            long nowNs = clock.nanoTime();
            if (nowNs - nextNs >= 0) {
                try {
                    cycle.doWork(nowNs);
                } catch (RuntimeException e) {
                    recordError(e, "doWork");
                    try {
                        cycle.onError(e);
                    } catch (RuntimeException again) {
                        recordError(again, "onError");
                    }
                }
                passes.incrementAndGet();
                nextNs += periodNs;
                if (nowNs - nextNs >= 0) {
                    nextNs = nowNs + periodNs;
                }
            } else {
                LockSupport.parkNanos(this, Math.min(nextNs - nowNs, MAX_PARK_NS));
            }
        }
        try {
            cycle.onClose();
        } catch (RuntimeException e) {
            recordError(e, "onClose");
        }
    }

    private void recordError(RuntimeException e, String where) {
        lastError = e;
        long count = errors.incrementAndGet();
        if (count <= FULLY_LOGGED_ERRORS) {
            LOG.log(Level.ERROR, cycle.roleName() + ": " + where + " failed (error " + count + "), going on", e);
        } else if (count % LOG_EVERY_NTH_ERROR == 0) {
            LOG.log(Level.ERROR, cycle.roleName() + ": " + count + " errors so far, latest: " + e);
        }
    }
}
