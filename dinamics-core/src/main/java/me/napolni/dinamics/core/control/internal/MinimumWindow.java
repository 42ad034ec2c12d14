package me.napolni.dinamics.core.control.internal;

/**
 * The lowest value seen over a sliding time window, kept in fixed time buckets (no allocation after
 * construction).
 *
 * <p>"The headroom has held for the raise delay" is {@code covers(now, delay) && minimum(now, delay) >= x}.
 * A value stands for the time since the previous one; a gap of more than 5 s counts as no data, so the window
 * must be filled again.
 */
public final class MinimumWindow {

    private static final long NO_TIME = Long.MIN_VALUE;
    /** Values further apart than this leave a gap; closer ones stand for the time between them. */
    private static final long MAX_GAP_NS = 5_000_000_000L;

    private final long bucketNs;
    private final double[] minimumByBucket;
    private long lastBucket = NO_TIME;
    private long filledSinceNs = NO_TIME;

    /**
     * Creates a window.
     *
     * @param bucketNs the resolution
     * @param longestWindowNs the longest window that will be asked for
     */
    public MinimumWindow(long bucketNs, long longestWindowNs) {
        this.bucketNs = bucketNs;
        this.minimumByBucket = new double[(int) (longestWindowNs / bucketNs) + 2];
    }

    /** Forgets every value. */
    public void clear() {
        lastBucket = NO_TIME;
        filledSinceNs = NO_TIME;
    }

    /**
     * Adds a value at a time not earlier than the previous one.
     *
     * @param nowNs the time of the value
     * @param value the value
     */
    public void add(long nowNs, double value) {
        long bucket = Math.floorDiv(nowNs, bucketNs);
        int slot = (int) Math.floorMod(bucket, (long) minimumByBucket.length);
        if (lastBucket == NO_TIME || bucket < lastBucket || (bucket - lastBucket) * bucketNs > MAX_GAP_NS) {
            filledSinceNs = nowNs;           // a gap: the window starts again
            minimumByBucket[slot] = value;
        } else if (bucket > lastBucket) {
            for (long skipped = lastBucket + 1; skipped <= bucket; skipped++) {
                minimumByBucket[(int) Math.floorMod(skipped, (long) minimumByBucket.length)] = value;
            }
        } else {
            minimumByBucket[slot] = Math.min(minimumByBucket[slot], value);
        }
        lastBucket = bucket;
    }

    /**
     * Tells whether values have come without a gap for at least the window.
     *
     * @param nowNs the current time
     * @param windowNs the window
     * @return true when the window is covered
     */
    public boolean covers(long nowNs, long windowNs) {
        return filledSinceNs != NO_TIME && nowNs - filledSinceNs >= windowNs;
    }

    /**
     * Returns the lowest value over the window ending now (at bucket resolution, never shorter than asked).
     *
     * @param nowNs the current time
     * @param windowNs the window, at most the longest given at construction
     * @return the minimum, or {@link Double#NaN} when there is no value
     */
    public double minimum(long nowNs, long windowNs) {
        if (lastBucket == NO_TIME) {
            return Double.NaN;
        }
        long newest = lastBucket;
        long oldest = Math.max(Math.floorDiv(nowNs - windowNs, bucketNs), newest - minimumByBucket.length + 1);
        double lowest = Double.POSITIVE_INFINITY;
        for (long bucket = oldest; bucket <= newest; bucket++) {
            lowest = Math.min(lowest, minimumByBucket[(int) Math.floorMod(bucket, (long) minimumByBucket.length)]);
        }
        return lowest;
    }
}
