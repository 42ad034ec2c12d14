package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $GD} reply: delay timer start and end times; all 0 = off.
 *
 * @param startHour start hour
 * @param startMinute start minute
 * @param endHour end hour
 * @param endMinute end minute
 * @param raw the reply frame
 */
public record DelayTimer(int startHour, int startMinute, int endHour, int endMinute, RapiFrame raw) {

    /**
     * Parses a {@code $GD} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the typed reply
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or malformed
     */
    public static DelayTimer parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.GD.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 4, code);
        return new DelayTimer(Fields.dec(reply, 0, code), Fields.dec(reply, 1, code), Fields.dec(reply, 2, code),
                Fields.dec(reply, 3, code), reply.copy());
    }

    /**
     * Whether the timer is on.
     *
     * @return false when all four fields are 0
     */
    public boolean enabled() {
        return (startHour | startMinute | endHour | endMinute) != 0;
    }
}
