package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;

/**
 * {@code $AB post firmware}: the controller finished booting (RAPI 5.0.0+; RAPI.md 3.2). It now runs with its
 * EEPROM settings: the gateway must re-send everything volatile ({@code $SC n V}, {@code $FS}, {@code $SV}).
 *
 * @param postCode the raw POST result: 00 passed, 07 no ground, 08 stuck relay, 09 GFI self test, fe asleep
 * @param firmware the firmware string, as the first field of {@code $GV}
 * @param raw      the frame
 */
public record BootNotification(int postCode, String firmware, RapiFrame raw) implements RapiNotification {
    /** The POST code of a boot whose self test passed. */
    public static final int POST_PASSED = 0x00;

    /**
     * Whether the power-on self test passed (or the unit went to sleep by its delay timer).
     *
     * @return true unless the POST code is a fault
     */
    public boolean postPassed() {
        return !EvseState.isFault(postCode);
    }

    /**
     * The state at the end of the boot.
     *
     * @return the state for the POST code ({@link EvseState#STARTING} for 00)
     */
    public EvseState state() {
        return EvseState.of(postCode);
    }
}
