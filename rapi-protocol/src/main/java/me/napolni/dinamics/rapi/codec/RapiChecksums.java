package me.napolni.dinamics.rapi.codec;

/**
 * The two RAPI checksums (RAPI.md 1.3). Both cover every byte from the {@code $} up to, but not including, the
 * marker ({@code ^} or {@code *}).
 */
public final class RapiChecksums {
    private RapiChecksums() {
    }

    /**
     * 8-bit XOR of the bytes, the {@code ^XX} form the controller sends and we always send.
     *
     * @param bytes the buffer
     * @param from  index of the first byte (the {@code $})
     * @param to    exclusive end: the index of the marker
     * @return the XOR, 0..255
     */
    public static int xor8(byte[] bytes, int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            x ^= bytes[i];
        }
        return x & 0xFF;
    }

    /**
     * 8-bit sum modulo 256 of the bytes, the legacy {@code *XX} form (accepted on receive, never sent).
     *
     * @param bytes the buffer
     * @param from  index of the first byte (the {@code $})
     * @param to    exclusive end: the index of the marker
     * @return the sum modulo 256, 0..255
     */
    public static int sum8(byte[] bytes, int from, int to) {
        int s = 0;
        for (int i = from; i < to; i++) {
            s += bytes[i] & 0xFF;
        }
        return s & 0xFF;
    }
}
