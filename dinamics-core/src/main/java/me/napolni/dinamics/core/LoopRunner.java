package me.napolni.dinamics.core;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
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
 *
 * <p>The interval between the starts of two passes (on the injected clock) is counted in a fixed histogram of
 * log-spaced buckets ({@value #SUB_BUCKETS} linear sub-buckets per power of two of microseconds, so a
 * percentile is at most 1/{@value #SUB_BUCKETS} above the true value; the maximum is exact). Recording does not
 * allocate; {@link #passIntervals()} reads p50, p99 and the maximum from any thread.
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

    /** Linear sub-buckets per power of two in the pass-interval histogram. */
    public static final int SUB_BUCKETS = 128;

    private static final int SUB_BUCKET_BITS = 7;
    /** Enough buckets for intervals up to 2^40 µs (about 12 days); longer ones land in the last bucket. */
    private static final int MAX_EXPONENT = 40;
    private static final int BUCKETS = SUB_BUCKETS + (MAX_EXPONENT - SUB_BUCKET_BITS + 1) * SUB_BUCKETS;
    private static final long NS_PER_US = 1_000L;
    private static final System.Logger LOG = System.getLogger(LoopRunner.class.getName());
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(MAX_PARK_MS);
    private static final long JOIN_TIMEOUT_MS = 10_000;

    private final DutyCycle cycle;
    private final NanoClock clock;
    private final long periodNs;
    private final Thread thread;
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLongArray intervalBuckets = new AtomicLongArray(BUCKETS);
    private final AtomicLong intervalCount = new AtomicLong();
    private final AtomicLong intervalMaxNs = new AtomicLong();
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
     * The intervals between the starts of consecutive passes since the start, on the runner's clock.
     *
     * @param count the number of intervals counted (one less than the passes)
     * @param p50Ns the median interval, ns (the upper edge of its bucket, at most the maximum); 0 when none
     * @param p99Ns the 99th percentile, ns (likewise); 0 when none
     * @param maxNs the longest interval, ns, exact; 0 when none
     */
    public record PassIntervals(long count, long p50Ns, long p99Ns, long maxNs) {

        /** None counted yet. */
        public static final PassIntervals NONE = new PassIntervals(0, 0, 0, 0);
    }

    /**
     * Returns the distribution of the intervals between pass starts so far (a consistent-enough view while the loop
     * runs: each figure is read once).
     *
     * @return count, p50, p99 and maximum
     */
    public PassIntervals passIntervals() {
        long count = intervalCount.get();
        if (count == 0) {
            return PassIntervals.NONE;
        }
        long[] counts = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] = intervalBuckets.get(i);
            total += counts[i];
        }
        long maxNs = intervalMaxNs.get();
        return new PassIntervals(total, percentileNs(counts, total, 50, maxNs), percentileNs(counts, total, 99, maxNs),
                maxNs);
    }

    private static long percentileNs(long[] counts, long total, int percent, long maxNs) {
        long rank = Math.max(1, (total * percent + 99) / 100);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(maxNs, bucketUpperUs(i) * NS_PER_US);
            }
        }
        return maxNs;
    }

    /** The bucket of an interval: exact below {@value #SUB_BUCKETS} µs, then as many per power of two. */
    static int bucketOf(long intervalNs) {
        long us = Math.max(0, intervalNs / NS_PER_US);
        if (us < SUB_BUCKETS) {
            return (int) us;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(us);
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int sub = (int) ((us >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1));
        return SUB_BUCKETS + (exponent - SUB_BUCKET_BITS) * SUB_BUCKETS + sub;
    }

    /** The largest whole µs value that falls into the bucket. */
    static long bucketUpperUs(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int exponent = (bucket - SUB_BUCKETS) / SUB_BUCKETS + SUB_BUCKET_BITS;
        int sub = (bucket - SUB_BUCKETS) % SUB_BUCKETS;
        long width = 1L << (exponent - SUB_BUCKET_BITS);
        return ((long) (SUB_BUCKETS + sub) << (exponent - SUB_BUCKET_BITS)) + width - 1;
    }

    private void recordInterval(long intervalNs) {
        intervalBuckets.incrementAndGet(bucketOf(intervalNs));
        intervalCount.incrementAndGet();
        if (intervalNs > intervalMaxNs.get()) {
            intervalMaxNs.set(intervalNs);      // one writer: the loop thread
        }
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
        long lastPassNs = 0;
        boolean anyPass = false;
        while (running) {
            long nowNs = clock.nanoTime();
            if (nowNs - nextNs >= 0) {
                if (anyPass) {
                    recordInterval(nowNs - lastPassNs);
                }
                anyPass = true;
                lastPassNs = nowNs;
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
