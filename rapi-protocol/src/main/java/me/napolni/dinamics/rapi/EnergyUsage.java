package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $GU} reply. Mind the units: the session in <b>watt-seconds</b>, the lifetime in <b>watt-hours</b>.
 *
 * @param sessionWs  energy of the current session in Ws
 * @param lifetimeWh lifetime energy in Wh
 * @param raw        the reply frame
 */
public record EnergyUsage(long sessionWs, long lifetimeWh, RapiFrame raw) {

    /**
     * Parses a {@code $GU} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the energy figures
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or not numbers
     */
    public static EnergyUsage parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.GU.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 2, code);
        return new EnergyUsage(Fields.decLong(reply, 0, code), Fields.decLong(reply, 1, code), reply.copy());
    }

    /**
     * The session energy in Wh.
     *
     * @return {@code sessionWs / 3600}
     */
    public double sessionWh() {
        return sessionWs / 3600.0;
    }
}
