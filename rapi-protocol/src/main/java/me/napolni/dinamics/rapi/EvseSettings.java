package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $GE} reply: the present capacity and the settings flag word (RAPI.md 4.4).
 *
 * @param amps       the present capacity in A (same as {@code $GC} pilot)
 * @param flagsWord  the raw settings word
 * @param raw        the reply frame
 */
public record EvseSettings(int amps, int flagsWord, RapiFrame raw) {

    /**
     * Parses a {@code $GE} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the settings
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or not numbers
     */
    public static EvseSettings parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.GE.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 2, code);
        return new EvseSettings(Fields.dec(reply, 0, code), Fields.hex(reply, 1, code), reply.copy());
    }

    /**
     * The decoded settings flags.
     *
     * @return the flags
     */
    public SettingsFlags flags() {
        return SettingsFlags.of(flagsWord);
    }

    /**
     * The active service level.
     *
     * @return L2 if its bit is set, else L1
     */
    public ServiceLevel serviceLevel() {
        return flags().contains(SettingsFlag.SERVICE_LEVEL_L2) ? ServiceLevel.L2 : ServiceLevel.L1;
    }
}
