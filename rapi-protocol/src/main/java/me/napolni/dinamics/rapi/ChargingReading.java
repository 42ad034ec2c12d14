package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $GG} reply: present charging current and voltage. The voltage is the configured value ({@code $SV})
 * unless the unit has a voltmeter.
 *
 * @param milliAmps  present charging current in mA, or {@link #NOT_MEASURED} without an ammeter
 * @param milliVolts voltage in mV, or {@link #NOT_MEASURED} on old units
 * @param raw        the reply frame
 */
public record ChargingReading(int milliAmps, int milliVolts, RapiFrame raw) {
    /** What the controller reports for a quantity it cannot measure. */
    public static final int NOT_MEASURED = -1;

    /**
     * Parses a {@code $GG} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the reading
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or not numbers
     */
    public static ChargingReading parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.GG.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 2, code);
        return new ChargingReading(Fields.dec(reply, 0, code), Fields.dec(reply, 1, code), reply.copy());
    }

    /**
     * Whether the current was measured.
     *
     * @return false without an ammeter
     */
    public boolean hasCurrent() {
        return milliAmps != NOT_MEASURED;
    }
}
