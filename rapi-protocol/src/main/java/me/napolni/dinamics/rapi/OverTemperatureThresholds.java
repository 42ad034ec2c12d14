package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $GO} reply: over-temperature thresholds in 0.1 degC (never compiled into releases).
 *
 * @param ambientDeciC ambient threshold in 0.1 degC
 * @param irDeciC IR threshold in 0.1 degC
 * @param raw the reply frame
 */
public record OverTemperatureThresholds(int ambientDeciC, int irDeciC, RapiFrame raw) {

    /**
     * Parses a {@code $GO} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the typed reply
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or malformed
     */
    public static OverTemperatureThresholds parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.GO.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 2, code);
        return new OverTemperatureThresholds(Fields.dec(reply, 0, code), Fields.dec(reply, 1, code), reply.copy());
    }
}
