package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $G0} reply: whether a car is connected (RAPI.md 4.10).
 *
 * @param code the raw value: 0 not connected, 1 connected, 2 unknown
 * @param raw the reply frame
 */
public record EvConnectStatus(int code, RapiFrame raw) {

    /**
     * Parses a {@code $G0} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the typed reply
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or malformed
     */
    public static EvConnectStatus parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.G0.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 1, code);
        return new EvConnectStatus(Fields.dec(reply, 0, code), reply.copy());
    }

    /**
     * The connect state.
     *
     * @return the state, {@link EvConnectState#OTHER} for a value this library does not know
     */
    public EvConnectState state() {
        return EvConnectState.of(code);
    }
}
