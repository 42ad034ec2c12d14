package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $GV} reply: a free-form firmware string and a dotted RAPI version (RAPI.md 5.1). Use the RAPI
 * version as a hint only; probe commands and count fields.
 *
 * @param firmware the firmware string, e.g. {@code 8.2.3.EU} or {@code D6.2.1}
 * @param rapi     the RAPI version, e.g. {@code 5.2.1}
 * @param raw      the reply frame
 */
public record Versions(String firmware, String rapi, RapiFrame raw) {

    /**
     * Parses a {@code $GV} reply.
     *
     * @param reply the {@code $OK} frame
     * @return the versions
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing
     */
    public static Versions parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.GV.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 2, code);
        return new Versions(reply.paramString(0), reply.paramString(1), reply.copy());
    }

    /**
     * Compares the RAPI version, numerically per part; a part that is not a number counts as 0.
     *
     * @param major the major version
     * @param minor the minor version
     * @param patch the patch version
     * @return whether {@link #rapi()} is at least {@code major.minor.patch}
     */
    public boolean rapiAtLeast(int major, int minor, int patch) {
        String[] parts = rapi.split("\\.");
        int[] wanted = {major, minor, patch};
        for (int i = 0; i < wanted.length; i++) {
            int have = i < parts.length ? number(parts[i]) : 0;
            if (have != wanted[i]) {
                return have > wanted[i];
            }
        }
        return true;
    }

    private static int number(String part) {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
