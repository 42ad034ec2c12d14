package me.napolni.dinamics.rapi;

/** Service level of {@code $SL} (writes EEPROM: an installer's setting). */
public enum ServiceLevel {
    /** Level 1. */
    L1('1'),
    /** Level 2. */
    L2('2'),
    /** Automatic (needs AUTOSVCLEVEL; {@code $NK} on EU/T2 builds). */
    AUTO('A');

    private final char letter;

    ServiceLevel(char letter) {
        this.letter = letter;
    }

    /**
     * The parameter of {@code $SL}.
     *
     * @return the character sent
     */
    public char letter() {
        return letter;
    }
}
