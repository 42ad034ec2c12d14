package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $GH} reply: the charge energy limit in whole kWh (CHARGE_LIMIT builds).
 *
 * @param kwh the limit in kWh; 0 = none
 * @param raw the reply frame
 */
public record ChargeLimit(int kwh, RapiFrame raw) {

    /**
     * Parses a {@code $GH} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the typed reply
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or malformed
     */
    public static ChargeLimit parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.GH.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 1, code);
        return new ChargeLimit(Fields.dec(reply, 0, code), reply.copy());
    }
}
