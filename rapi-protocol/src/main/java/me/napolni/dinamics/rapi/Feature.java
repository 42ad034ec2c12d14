package me.napolni.dinamics.rapi;

/** Feature letters of {@code $FF} (RAPI.md 4.6). Echo ({@code E}) is left out on purpose: a client never sends it. */
public enum Feature {
    /** Front button; off gives it to the gateway ({@code $AN}). */
    BUTTON('B'),
    /** Diode check. */
    DIODE_CHECK('D'),
    /** GFI self test. */
    GFI_SELF_TEST('F'),
    /** Ground check. */
    GROUND_CHECK('G'),
    /** Stuck-relay check. */
    STUCK_RELAY_CHECK('R'),
    /** Temperature monitoring. */
    TEMPERATURE_MONITORING('T'),
    /** Vent-required check. */
    VENT_CHECK('V');

    private final char letter;

    Feature(char letter) {
        this.letter = letter;
    }

    /**
     * The letter sent as the first parameter of {@code $FF}.
     *
     * @return the character sent
     */
    public char letter() {
        return letter;
    }
}
