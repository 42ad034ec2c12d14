package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $G4} reply: the authorisation lock (AUTH_LOCK builds).
 *
 * @param locked whether the lock is on
 * @param raw the reply frame
 */
public record AuthLockStatus(boolean locked, RapiFrame raw) {

    /**
     * Parses a {@code $G4} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the typed reply
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or malformed
     */
    public static AuthLockStatus parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.G4.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 1, code);
        return new AuthLockStatus(Fields.bit(reply, 0, code), reply.copy());
    }
}
