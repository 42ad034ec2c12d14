package me.napolni.dinamics.rapi;

/**
 * Settings of a {@link RapiClient}; immutable, start from {@link #defaults()} and change with the {@code with}
 * methods.
 * <pre>{@code
 * RapiClientOptions options = RapiClientOptions.defaults().withRequestTimeoutMs(500).withAutoReopen(true);
 * }</pre>
 *
 * @param requestTimeoutMs          how long a request waits for its reply (RAPI.md 1.7: 1 s by default)
 * @param bootTimeoutMs             how long {@code $FR} waits for the {@code $AB} that ends the restart (15 s)
 * @param sequenceIds               whether requests carry sequence ids (RAPI.md 1.4); on by default
 * @param requestQueueCapacity      callers that may wait for their turn before {@code QUEUE_FULL}
 * @param notificationQueueCapacity undelivered notifications kept before the oldest is dropped
 * @param autoReopen                whether the client reopens a failed transport by itself
 * @param reopenIntervalMs          pause between automatic reopen attempts
 * @param readPollMs                how long one transport read waits; bounds how fast close and failures are seen
 */
public record RapiClientOptions(long requestTimeoutMs, long bootTimeoutMs, boolean sequenceIds,
                                int requestQueueCapacity, int notificationQueueCapacity, boolean autoReopen,
                                long reopenIntervalMs, long readPollMs) {
    /** The default reply timeout. */
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 1_000;
    /** The default time a restart may take. */
    public static final long DEFAULT_BOOT_TIMEOUT_MS = 15_000;

    /**
     * Checks the values.
     *
     * @param requestTimeoutMs see the record description
     * @param bootTimeoutMs see the record description
     * @param sequenceIds see the record description
     * @param requestQueueCapacity see the record description
     * @param notificationQueueCapacity see the record description
     * @param autoReopen see the record description
     * @param reopenIntervalMs see the record description
     * @param readPollMs see the record description
     * @throws IllegalArgumentException if a duration or capacity is not positive
     */
    public RapiClientOptions {
        if (requestTimeoutMs < 1 || bootTimeoutMs < 1 || reopenIntervalMs < 1 || readPollMs < 1) {
            throw new IllegalArgumentException("RAPI client durations must be at least 1 ms");
        }
        if (requestQueueCapacity < 1 || notificationQueueCapacity < 1) {
            throw new IllegalArgumentException("RAPI client queue capacities must be at least 1");
        }
    }

    /**
     * 1 s reply timeout, 15 s boot timeout, sequence ids on, queues of 16 requests and 64 notifications, no
     * automatic reopen (1 s between attempts when enabled), 100 ms read polls.
     *
     * @return the defaults
     */
    public static RapiClientOptions defaults() {
        return new RapiClientOptions(DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_BOOT_TIMEOUT_MS, true, 16, 64, false,
                1_000, 100);
    }

    /**
     * A copy with another reply timeout.
     *
     * @param timeoutMs at least 1
     * @return the new options
     */
    public RapiClientOptions withRequestTimeoutMs(long timeoutMs) {
        return new RapiClientOptions(timeoutMs, bootTimeoutMs, sequenceIds, requestQueueCapacity,
                notificationQueueCapacity, autoReopen, reopenIntervalMs, readPollMs);
    }

    /**
     * A copy with another boot timeout.
     *
     * @param timeoutMs at least 1
     * @return the new options
     */
    public RapiClientOptions withBootTimeoutMs(long timeoutMs) {
        return new RapiClientOptions(requestTimeoutMs, timeoutMs, sequenceIds, requestQueueCapacity,
                notificationQueueCapacity, autoReopen, reopenIntervalMs, readPollMs);
    }

    /**
     * A copy with sequence ids on or off.
     *
     * @param on false for controllers before RAPI 3.0
     * @return the new options
     */
    public RapiClientOptions withSequenceIds(boolean on) {
        return new RapiClientOptions(requestTimeoutMs, bootTimeoutMs, on, requestQueueCapacity,
                notificationQueueCapacity, autoReopen, reopenIntervalMs, readPollMs);
    }

    /**
     * A copy with other queue capacities.
     *
     * @param requests      waiting callers, at least 1
     * @param notifications undelivered notifications, at least 1
     * @return the new options
     */
    public RapiClientOptions withQueueCapacities(int requests, int notifications) {
        return new RapiClientOptions(requestTimeoutMs, bootTimeoutMs, sequenceIds, requests, notifications,
                autoReopen, reopenIntervalMs, readPollMs);
    }

    /**
     * A copy with automatic reopening on or off.
     *
     * @param on true to reopen a failed transport every {@link #reopenIntervalMs()}
     * @return the new options
     */
    public RapiClientOptions withAutoReopen(boolean on) {
        return new RapiClientOptions(requestTimeoutMs, bootTimeoutMs, sequenceIds, requestQueueCapacity,
                notificationQueueCapacity, on, reopenIntervalMs, readPollMs);
    }

    /**
     * A copy with another pause between automatic reopen attempts.
     *
     * @param intervalMs at least 1
     * @return the new options
     */
    public RapiClientOptions withReopenIntervalMs(long intervalMs) {
        return new RapiClientOptions(requestTimeoutMs, bootTimeoutMs, sequenceIds, requestQueueCapacity,
                notificationQueueCapacity, autoReopen, intervalMs, readPollMs);
    }
}
