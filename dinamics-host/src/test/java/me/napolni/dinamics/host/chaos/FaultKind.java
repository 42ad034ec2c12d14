package me.napolni.dinamics.host.chaos;

/**
 * What the chaos run can do to the gateway, with the wall-clock duration range of one injection and how long the
 * true current may stay above the breaker's rating while it lasts (the failsafe and reaction bound of SCENARIO.md
 * and TOPICS.md 7.2 for the harness's fast timers).
 */
enum FaultKind {
    /** socat killed: the serial link vanishes, then a new socat comes up on the same paths. */
    SERIAL_UNPLUG(1_000, 12_000, Bound.LINK),
    /** Random bytes and corrupted frames written into both ends of the pty. */
    LINE_NOISE(1_000, 6_000, Bound.LINK),
    /** The controller answers every frame 0.2–1.5 s late. */
    EVSE_LATE(2_000, 8_000, Bound.LINK),
    /** The controller answers {@code $NK} to everything. */
    EVSE_NK(1_000, 6_000, Bound.LINK),
    /** The controller hangs (bytes in, nothing out). */
    EVSE_SILENT(2_000, 10_000, Bound.LINK),
    /** The controller reboots: {@code $AT 00}, {@code $AB}, capacity back to its EEPROM maximum. */
    EVSE_REBOOT(0, 0, Bound.LINK),
    /** The meter stops publishing. */
    METER_SILENT(4_000, 10_000, Bound.METER),
    /** The meter repeats its last value while the house changes. */
    METER_FROZEN(2_000, 6_000, Bound.NONE),
    /** The meter reports −5 A on every phase. */
    METER_NEGATIVE(4_000, 8_000, Bound.METER),
    /** The meter reports 10 000 A on every phase. */
    METER_HUGE(3_000, 6_000, Bound.METER),
    /** The meter sends NaN (bare, as a string) and JSON that is not JSON. */
    METER_GARBAGE(4_000, 8_000, Bound.METER),
    /** mosquitto SIGKILLed, restarted after the duration (with its retained store). */
    BROKER_RESTART(1_000, 8_000, Bound.METER),
    /** A bounded flood of valid and garbage payloads on every command topic, with sampled error markers. */
    COMMAND_FLOOD(0, 0, Bound.INPUT),
    /** Retained garbage (and retained valid-looking values) left on command topics. */
    RETAINED_GARBAGE(0, 0, Bound.INPUT),
    /** Web requests with missing or wrong tokens, oversized bodies, bad values, many in parallel. */
    WEB_HOSTILE(0, 0, Bound.INPUT),
    /** The gateway SIGKILLed while settings are written over MQTT, restarted after the duration. */
    GATEWAY_KILL(300, 3_000, Bound.LINK),
    /** The data directory's filesystem full while settings are written. */
    DISK_FULL(2_000, 6_000, Bound.INPUT);

    /** How long the true current may stay above the rating while a fault of this family is active. */
    enum Bound {
        /** Reaction only: 3 s (SCENARIO.md reaction_p99_s) plus the harness's 1 s tolerance. */
        INPUT(4_000),
        /** stale_after (2 s) + reaction 3 s + 1 s tolerance. */
        METER(6_000),
        /**
         * Reaction 3 s (for the part of an episode before the link went) + the controller's own heartbeat expiry
         * ({@code $SY 5 6}: 5 s after the last pulse) + the gateway's pulse period 1 s + 1 s tolerance.
         */
        LINK(10_000),
        /** A frozen meter looks healthy: nothing bounds it but the breaker's thermal tolerance (reported). */
        NONE(Long.MAX_VALUE);

        final long overRatingMs;

        Bound(long overRatingMs) {
            this.overRatingMs = overRatingMs;
        }
    }

    final long minMs;
    final long maxMs;
    final Bound bound;

    FaultKind(long minMs, long maxMs, Bound bound) {
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.bound = bound;
    }
}
