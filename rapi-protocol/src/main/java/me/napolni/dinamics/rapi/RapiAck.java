package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The reply of a command that answers a bare {@code $OK} (any fields kept in the raw frame).
 *
 * @param raw the reply frame
 */
public record RapiAck(RapiFrame raw) {

    /**
     * Parses a plain acknowledgement.
     *
     * @param code  the request's two command letters, for the error message
     * @param reply the reply frame
     * @return the acknowledgement
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY on a frame that is not a reply
     */
    public static RapiAck parse(String code, RapiFrame reply) throws RapiException {
        Fields.requireOk(reply, code);
        return new RapiAck(reply.copy());
    }
}
