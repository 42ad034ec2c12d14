package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $GF} reply: fault trip counters kept in EEPROM, hex without padding; each saturates at fe.
 *
 * @param gfiTrips GFI trips
 * @param noGroundTrips no-ground trips
 * @param stuckRelayTrips stuck-relay trips
 * @param raw the reply frame
 */
public record FaultCounters(int gfiTrips, int noGroundTrips, int stuckRelayTrips, RapiFrame raw) {

    /**
     * Parses a {@code $GF} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the typed reply
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or malformed
     */
    public static FaultCounters parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.GF.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 3, code);
        return new FaultCounters(Fields.hex(reply, 0, code), Fields.hex(reply, 1, code), Fields.hex(reply, 2, code),
                reply.copy());
    }
}
