package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $GC} reply: {@code min hwmax pilot cfgmax} in A; 4 fields since RAPI 5.1.0, 3 in 5.0.x, 2 before
 * (RAPI.md 5.2). {@code cfgMaxAmps} is the ceiling of every volatile {@code $SC .. V}.
 *
 * @param minAmps    the minimum, 6
 * @param hwMaxAmps  the hardware limit of the active service level
 * @param pilotAmps  the capacity advertised now, or {@link #NOT_REPORTED} (before RAPI 5.0)
 * @param cfgMaxAmps the configured maximum stored in EEPROM, or {@link #NOT_REPORTED} (before RAPI 5.1.0)
 * @param raw        the reply frame
 */
public record CurrentCapacity(int minAmps, int hwMaxAmps, int pilotAmps, int cfgMaxAmps, RapiFrame raw) {
    /** Value of a field the controller's version does not report. */
    public static final int NOT_REPORTED = -1;

    /**
     * Parses a {@code $GC} reply by its field count.
     *
     * @param reply the {@code $OK} frame
     * @return the capacity range
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or not numbers
     */
    public static CurrentCapacity parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.GC.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 2, code);
        int pilot = reply.paramCount() >= 3 ? Fields.dec(reply, 2, code) : NOT_REPORTED;
        int cfgMax = reply.paramCount() >= 4 ? Fields.dec(reply, 3, code) : NOT_REPORTED;
        return new CurrentCapacity(Fields.dec(reply, 0, code), Fields.dec(reply, 1, code), pilot, cfgMax,
                reply.copy());
    }

    /**
     * Whether the reply carried cfgmax (RAPI 5.1.0+).
     *
     * @return true when {@link #cfgMaxAmps()} is meaningful
     */
    public boolean hasCfgMax() {
        return cfgMaxAmps != NOT_REPORTED;
    }
}
