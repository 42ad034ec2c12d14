package me.napolni.dinamics.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalMinuteClockTest {

    /** A wall clock a test moves by hand. */
    private static final class SteppedClock extends Clock {
        final AtomicLong millis = new AtomicLong();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public long millis() {
            return millis.get();
        }
    }

    @Test
    void shouldFollowZoneOffsetAcrossDaylightSavingChange() {
        SteppedClock wall = new SteppedClock();
        LocalMinuteClock local = LocalMinuteClock.of(wall, ZoneId.of("Europe/Ljubljana"));
        wall.millis.set(Instant.parse("2026-03-29T00:59:30Z").toEpochMilli());
        assertEquals(60 + 59, local.minuteOfDay(), "01:59 CET");
        wall.millis.addAndGet(30_000);
        assertEquals(3 * 60, local.minuteOfDay(), "03:00 CEST: the clock jumped an hour");
        wall.millis.addAndGet(59_999);
        assertEquals(3 * 60, local.minuteOfDay());
        wall.millis.addAndGet(1);
        assertEquals(3 * 60 + 1, local.minuteOfDay());
    }

    @Test
    void shouldWrapAtMidnightWhenOffsetIsNegative() {
        SteppedClock wall = new SteppedClock();
        LocalMinuteClock local = LocalMinuteClock.of(wall, ZoneOffset.ofHours(-5));
        wall.millis.set(Instant.parse("2026-06-01T04:30:00Z").toEpochMilli());
        assertEquals(23 * 60 + 30, local.minuteOfDay());
        wall.millis.set(Instant.parse("2026-06-01T05:00:00Z").toEpochMilli());
        assertEquals(0, local.minuteOfDay());
    }
}
