package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $GP} reply: temperatures of the DS3231, MCP9808 and TMP007 sensors in 0.1 degC; {@link #NOT_FITTED}
 * for an absent sensor.
 *
 * @param ds3231DeciC DS3231 temperature in 0.1 degC
 * @param mcp9808DeciC MCP9808 temperature in 0.1 degC
 * @param tmp007DeciC TMP007 temperature in 0.1 degC
 * @param raw the reply frame
 */
public record Temperatures(int ds3231DeciC, int mcp9808DeciC, int tmp007DeciC, RapiFrame raw) {
    /** The reading of a sensor that is not fitted (RAPI 4.0.1+). */
    public static final int NOT_FITTED = -2560;

    /**
     * Parses a {@code $GP} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the typed reply
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or malformed
     */
    public static Temperatures parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.GP.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 3, code);
        return new Temperatures(Fields.dec(reply, 0, code), Fields.dec(reply, 1, code), Fields.dec(reply, 2, code),
                reply.copy());
    }

    /**
     * Whether a temperature reading comes from a fitted sensor.
     *
     * @param deciC one of this record's readings
     * @return false for {@link #NOT_FITTED}
     */
    public static boolean isFitted(int deciC) {
        return deciC != NOT_FITTED;
    }
}
