package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $G5} reply: the Mennekes lock (RAPI 5.2.0+).
 *
 * @param locked whether the lock is engaged
 * @param manual whether the lock is in manual mode ({@code M}; {@code A} is automatic)
 * @param raw    the reply frame
 */
public record MennekesLockStatus(boolean locked, boolean manual, RapiFrame raw) {

    /**
     * Parses a {@code $G5} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the lock status
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or malformed
     */
    public static MennekesLockStatus parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.G5.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 2, code);
        boolean manual = reply.paramEquals(1, "M");
        if (!manual && !reply.paramEquals(1, "A")) {
            throw RapiException.malformed(code, reply, "mode is neither A nor M");
        }
        return new MennekesLockStatus(Fields.bit(reply, 0, code), manual, reply.copy());
    }
}
