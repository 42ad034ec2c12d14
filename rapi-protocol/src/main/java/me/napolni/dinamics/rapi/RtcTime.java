package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $GT} reply: the RTC time, 2-digit year; {@code 165 165 165 165 165 85} without an RTC chip.
 *
 * @param year 2-digit year
 * @param month month
 * @param day day
 * @param hour hour
 * @param minute minute
 * @param second second
 * @param raw the reply frame
 */
public record RtcTime(int year, int month, int day, int hour, int minute, int second, RapiFrame raw) {
    /** The value of the date and time fields of a unit without an RTC chip. */
    public static final int NO_CLOCK = 165;

    /**
     * Parses a {@code $GT} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the typed reply
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or malformed
     */
    public static RtcTime parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.GT.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 6, code);
        return new RtcTime(Fields.dec(reply, 0, code), Fields.dec(reply, 1, code), Fields.dec(reply, 2, code),
                Fields.dec(reply, 3, code), Fields.dec(reply, 4, code), Fields.dec(reply, 5, code), reply.copy());
    }

    /**
     * Whether the unit has a clock.
     *
     * @return false for the {@code 165 165 165 165 165 85} of a unit without an RTC chip
     */
    public boolean hasClock() {
        return !(year == NO_CLOCK && month == NO_CLOCK && day == NO_CLOCK && hour == NO_CLOCK && minute == NO_CLOCK);
    }
}
