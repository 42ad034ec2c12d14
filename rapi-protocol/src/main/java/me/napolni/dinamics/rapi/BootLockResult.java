package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $SB} reply: {@code $OK 0} when the boot lock is cleared, {@code $OK 1} when that is not possible
 * because the controller is in a fault (retry after the fault clears). Units without the lock answer {@code $NK}.
 *
 * @param inFault true for {@code $OK 1}: not cleared, the controller is in a fault
 * @param raw     the reply frame
 */
public record BootLockResult(boolean inFault, RapiFrame raw) {

    /**
     * Parses an {@code $SB} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the result
     * @throws RapiException NK on {@code $NK} (no boot lock in this build), MALFORMED_REPLY otherwise
     */
    public static BootLockResult parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.SB.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 1, code);
        return new BootLockResult(Fields.bit(reply, 0, code), reply.copy());
    }

    /**
     * Whether the lock is now cleared.
     *
     * @return {@code !inFault()}
     */
    public boolean cleared() {
        return !inFault;
    }
}
