package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $GA} (ammeter) or {@code $GM} (voltmeter) reply: calibration scale and offset.
 *
 * @param scale the scale factor
 * @param offset the offset
 * @param raw the reply frame
 */
public record Calibration(int scale, int offset, RapiFrame raw) {

    /**
     * Parses a {@code $GA} reply (or a {@code $GM} reply, which has the same layout).
     *
     * @param reply the {@code $OK} frame
     * @return the typed reply
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or malformed
     */
    public static Calibration parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.GA.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 2, code);
        return new Calibration(Fields.dec(reply, 0, code), Fields.dec(reply, 1, code), reply.copy());
    }
}
