package me.napolni.dinamics.rapi.internal;

import me.napolni.dinamics.rapi.RapiException;
import me.napolni.dinamics.rapi.codec.RapiFrame;

/**
 * Field readers for typed replies: parse by field count, accept extra trailing fields (future firmware), and fail
 * with the raw frame in the message when fields are missing or not numbers (RAPI.md 5.2).
 */
public final class Fields {
    private Fields() {
    }

    /** Throws NK on {@code $NK}, MALFORMED_REPLY on anything but {@code $OK}. */
    public static void requireOk(RapiFrame reply, String code) throws RapiException {
        if (reply.isNk()) {
            throw RapiException.nk(code, reply);
        }
        requireReply(reply, code);
    }

    /** Throws MALFORMED_REPLY unless the frame is {@code $OK} or {@code $NK}. */
    public static void requireReply(RapiFrame reply, String code) throws RapiException {
        if (!reply.isReply()) {
            throw RapiException.malformed(code, reply, "not an $OK/$NK reply");
        }
    }

    public static void requireFields(RapiFrame reply, int minimum, String code) throws RapiException {
        if (reply.paramCount() < minimum) {
            throw RapiException.malformed(code, reply, "expected at least " + minimum + " fields, got "
                    + reply.paramCount());
        }
    }

    public static int hex(RapiFrame reply, int index, String code) throws RapiException {
        int value = reply.paramHex(index);
        if (value == RapiFrame.NOT_A_NUMBER) {
            throw RapiException.malformed(code, reply, "field " + (index + 1) + " is not hex");
        }
        return value;
    }

    public static int dec(RapiFrame reply, int index, String code) throws RapiException {
        int value = reply.paramDecimal(index);
        if (value == RapiFrame.NOT_A_NUMBER) {
            throw RapiException.malformed(code, reply, "field " + (index + 1) + " is not a decimal number");
        }
        return value;
    }

    public static long decLong(RapiFrame reply, int index, String code) throws RapiException {
        long value = reply.paramDecimalLong(index);
        if (value == RapiFrame.NOT_A_NUMBER_LONG) {
            throw RapiException.malformed(code, reply, "field " + (index + 1) + " is not a decimal number");
        }
        return value;
    }

    /** A 0/1 field. */
    public static boolean bit(RapiFrame reply, int index, String code) throws RapiException {
        int value = dec(reply, index, code);
        if (value != 0 && value != 1) {
            throw RapiException.malformed(code, reply, "field " + (index + 1) + " is not 0 or 1");
        }
        return value == 1;
    }
}
