package me.napolni.dinamics.rapi.codec;

/** Which checksum a received frame carried (RAPI.md 1.3). */
public enum RapiChecksumKind {
    /** No marker: accepted on receive (RAPI 1.x replies, testing), never sent. */
    NONE,
    /** {@code ^XX}: 8-bit XOR; what the controller sends and the encoder always writes. */
    XOR,
    /** {@code *XX}: 8-bit sum modulo 256; the legacy form, accepted on receive, never sent. */
    ADDITIVE
}
