package me.napolni.dinamics.core.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The local minute of the day, for the delay timer's window (TOPICS.md 7.5).
 *
 * <p>{@link #system(ZoneId)} reads the wall clock and works the zone offset out again only when the minute
 * changes, so that a control loop may ask every pass.
 */
@FunctionalInterface
public interface LocalMinuteClock {

    /** Milliseconds in a minute. */
    long MILLIS_PER_MINUTE = 60_000L;
    /** Minutes in a day. */
    int MINUTES_PER_DAY = 1440;

    /**
     * Returns the local time.
     *
     * @return minute of the day, 0..1439
     */
    int minuteOfDay();

    /**
     * Returns a clock that always says the same minute, for tests.
     *
     * @param minuteOfDay 0..1439
     * @return the clock
     */
    static LocalMinuteClock fixed(int minuteOfDay) {
        return () -> minuteOfDay;
    }

    /**
     * Returns the local minute of a wall clock in a zone.
     *
     * @param clock the wall clock
     * @param zone the gateway's time zone
     * @return a clock that caches the zone offset per minute; not thread-safe
     */
    static LocalMinuteClock of(Clock clock, ZoneId zone) {
        return new LocalMinuteClock() {
            private long minuteStartMs = Long.MIN_VALUE;
            private int minute;

            @Override
            public int minuteOfDay() {
                long nowMs = clock.millis();
                if (nowMs < minuteStartMs || nowMs >= minuteStartMs + MILLIS_PER_MINUTE) {
                    long offsetMs = zone.getRules().getOffset(Instant.ofEpochMilli(nowMs)).getTotalSeconds() * 1000L;
                    long localMinutes = Math.floorDiv(nowMs + offsetMs, MILLIS_PER_MINUTE);
                    minute = Math.floorMod(localMinutes, MINUTES_PER_DAY);
                    minuteStartMs = localMinutes * MILLIS_PER_MINUTE - offsetMs;
                }
                return minute;
            }
        };
    }

    /**
     * Returns the local minute of the system clock.
     *
     * @param zone the gateway's time zone
     * @return the clock
     */
    static LocalMinuteClock system(ZoneId zone) {
        return of(Clock.systemUTC(), zone);
    }
}
