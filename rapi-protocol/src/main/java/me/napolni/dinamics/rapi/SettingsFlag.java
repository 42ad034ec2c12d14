package me.napolni.dinamics.rapi;

/** Settings bits ({@code $GE} field 2, stored in EEPROM; RAPI.md 4.4). */
public enum SettingsFlag {
    /** Service level L2 (clear: L1). */
    SERVICE_LEVEL_L2(0x0001),
    /** Diode check off. */
    DIODE_CHECK_OFF(0x0002),
    /** Vent-required check off. */
    VENT_CHECK_OFF(0x0004),
    /** Ground check off. */
    GROUND_CHECK_OFF(0x0008),
    /** Stuck-relay check off. */
    STUCK_RELAY_CHECK_OFF(0x0010),
    /** Automatic service level off (always set without AUTOSVCLEVEL). */
    AUTO_SERVICE_LEVEL_OFF(0x0020),
    /** Auto-start off (mainline; D9: PP auto ampacity on). */
    AUTO_START_OFF(0x0040),
    /** Serial debug output on: the controller prints non-RAPI text lines. */
    SERIAL_DEBUG(0x0080),
    /** Monochrome LCD. */
    MONO_LCD(0x0100),
    /** GFI self-test off. */
    GFI_SELF_TEST_OFF(0x0200),
    /** Temperature monitoring off. */
    TEMPERATURE_MONITORING_OFF(0x0400),
    /** D9 only: zero-cross relay switching off. */
    ZERO_CROSS_OFF(0x0800),
    /** Continuous ground monitoring (CGMI builds, 8.0.0+). */
    CONTINUOUS_GROUND_MONITORING(0x1000),
    /** D9 only: boot lock off. */
    BOOT_LOCK_OFF(0x2000),
    /** Front button off (given to the gateway). */
    BUTTON_OFF(0x8000);

    private final int bit;

    SettingsFlag(int bit) {
        this.bit = bit;
    }

    /**
     * The bit in the flag word.
     *
     * @return a single-bit mask
     */
    public int bit() {
        return bit;
    }
}
