package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $G3} reply: the charge time limit in units of 15 minutes (TIME_LIMIT builds).
 *
 * @param quarterHours the limit in 15-minute units; 0 = none
 * @param raw the reply frame
 */
public record TimeLimit(int quarterHours, RapiFrame raw) {

    /**
     * Parses a {@code $G3} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the typed reply
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or malformed
     */
    public static TimeLimit parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.G3.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 1, code);
        return new TimeLimit(Fields.dec(reply, 0, code), reply.copy());
    }

    /**
     * The limit in minutes.
     *
     * @return {@code quarterHours * 15}; 0 = none
     */
    public int minutes() {
        return quarterHours * 15;
    }
}
