package me.napolni.dinamics.rapi.internal;

/** Byte classification and hex helpers shared by the codec; every method works on raw bytes, never allocates. */
public final class Ascii {
    /** Returned by {@link #hexValue(int)} for a byte that is not a hex digit. */
    public static final int NOT_HEX = -1;

    private static final byte[] UPPER_HEX = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'
    };

    private Ascii() {
    }

    public static int hexValue(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return NOT_HEX;
    }

    public static byte upperHexDigit(int nibble) {
        return UPPER_HEX[nibble & 0x0F];
    }

    /** A command letter: 'A'..'Z' or '0'..'9'. */
    public static boolean isCommandChar(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
    }

    /** A control byte that never occurs in a valid frame (0x00..0x1F, 0x7F); CR is one of them. */
    public static boolean isControl(int b) {
        int u = b & 0xFF;
        return u < 0x20 || u == 0x7F;
    }

    /**
     * A byte allowed inside a parameter: not a control byte and none of SP '$' '^' '*'.
     * Bytes 0x80..0xFF are allowed (ISO-8859-1 text, raw id bytes).
     */
    public static boolean isParamByte(int b) {
        int u = b & 0xFF;
        return !isControl(u) && u != ' ' && u != '$' && u != '^' && u != '*';
    }
}
