package me.napolni.dinamics.rapi.emulator;

/** Which firmware build an {@link EvseEmulator} behaves as (RAPI.md 8.1, "Builds"). */
public enum EmulatorBuild {
    /** The standard US release build of 8.2.3 (RAPI 5.2.1): L2 hwmax 80 A, 240 V, automatic service level. */
    US,
    /** The EU release build: L2 hwmax 32 A, 230 V, no automatic service level ({@code $SL A} is refused). */
    EU,
    /**
     * An old unit before RAPI 5.0 (e.g. 4.8.0 / 3.0.1): 2-field {@code $GS} (decimal state) and {@code $GC},
     * {@code $ST} notifications instead of {@code $AT}, no {@code $AB}, no heartbeat, and sequence ids not echoed
     * (the id token is read as one more parameter).
     */
    LEGACY_RAPI_4
}
