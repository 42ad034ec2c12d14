package me.napolni.dinamics.rapi;

/** What {@code $S5} asks of the Mennekes lock. */
public enum MennekesCommand {
    /** Automatic mode. */
    AUTOMATIC('A'),
    /** Manual mode (volatile). */
    MANUAL('M'),
    /** Unlock (manual mode only). */
    UNLOCK('0'),
    /** Lock (manual mode only). */
    LOCK('1');

    private final char letter;

    MennekesCommand(char letter) {
        this.letter = letter;
    }

    /**
     * The parameter of {@code $S5}.
     *
     * @return the character sent
     */
    public char letter() {
        return letter;
    }
}
