package me.napolni.dinamics.host.update;

import me.napolni.dinamics.core.time.NanoClock;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a response body that delivers no byte for too long: the HTTP client's timeouts end at the response
 * headers, and a server that stalls mid-body would otherwise hold the update (and {@code busy}) forever. Closing the
 * stream from the watchdog thread makes the blocked read throw.
 */
final class StallGuard extends FilterInputStream {

    /** How often the watchdog looks, ms of real time. */
    static final long CHECK_PERIOD_MS = 100;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "update-stall-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final NanoClock clock;
    private final long stallNs;
    private final ScheduledFuture<?> check;
    private volatile long lastByteNs;
    private volatile boolean stalled;

    /**
     * Guards a stream.
     *
     * @param in the response body
     * @param stallMs how long without a byte counts as a stall
     * @param clock the clock the stall is measured on
     */
    StallGuard(InputStream in, long stallMs, NanoClock clock) {
        super(in);
        this.clock = clock;
        this.stallNs = stallMs * 1_000_000L;
        this.lastByteNs = clock.nanoTime();
        this.check = WATCHDOG.scheduleWithFixedDelay(this::check, CHECK_PERIOD_MS, CHECK_PERIOD_MS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Tells whether the watchdog closed the stream.
     *
     * @return true after a stall
     */
    boolean stalled() {
        return stalled;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        lastByteNs = clock.nanoTime();
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        lastByteNs = clock.nanoTime();
        return n;
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }

    private void check() {
        if (clock.nanoTime() - lastByteNs > stallNs) {
            stalled = true;
            check.cancel(false);
            try {
                in.close();
            } catch (IOException e) {
                // the blocked read fails either way
            }
        }
    }
}
