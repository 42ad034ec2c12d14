package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $SC} reply (RAPI.md 2.3.1). {@code $OK n} means n A was set as asked. {@code $NK n} means <b>applied,
 * but clamped</b> (below 6 A, above the ceiling, or a raise refused over temperature): n is the capacity now in
 * force. Only a bare {@code $NK} means nothing happened, and it makes {@link #parse} throw.
 *
 * @param amps    the capacity now in force, in A
 * @param clamped true for {@code $NK n}: the controller set {@code amps} instead of the value asked for
 * @param raw     the reply frame
 */
public record SetCurrentResult(int amps, boolean clamped, RapiFrame raw) {

    /**
     * Parses an {@code $SC} reply.
     *
     * @param reply {@code $OK n} or {@code $NK n}
     * @return the result
     * @throws RapiException NK on a bare {@code $NK} (not applied), MALFORMED_REPLY when the amps are missing
     */
    public static SetCurrentResult parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.SC.code();
        Fields.requireReply(reply, code);
        if (reply.isNk() && reply.paramCount() == 0) {
            throw RapiException.nk(code, reply);
        }
        Fields.requireFields(reply, 1, code);
        return new SetCurrentResult(Fields.dec(reply, 0, code), reply.isNk(), reply.copy());
    }
}
