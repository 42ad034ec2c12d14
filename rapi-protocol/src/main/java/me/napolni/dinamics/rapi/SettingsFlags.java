package me.napolni.dinamics.rapi;

import java.util.EnumSet;
import java.util.Set;

/**
 * The settings word of {@code $GE} (RAPI.md 4.4), decoded into {@link SettingsFlag}s. The raw word is kept, so
 * that bits this library does not know (or whose meaning changed between
 * versions) are never lost.
 *
 * @param word the raw flag word as read from the wire (hex, 4 digits)
 */
public record SettingsFlags(int word) {

    /**
     * The flags of a raw word.
     *
     * @param word the raw flag word
     * @return the decoded flags
     */
    public static SettingsFlags of(int word) {
        return new SettingsFlags(word);
    }

    /**
     * Whether a flag is set.
     *
     * @param flag the flag
     * @return true if its bit is set in the word
     */
    public boolean contains(SettingsFlag flag) {
        return (word & flag.bit()) != 0;
    }

    /**
     * The known flags that are set.
     *
     * @return a new set of the flags whose bits are set
     */
    public Set<SettingsFlag> set() {
        Set<SettingsFlag> set = EnumSet.noneOf(SettingsFlag.class);
        for (SettingsFlag flag : SettingsFlag.values()) {
            if (contains(flag)) {
                set.add(flag);
            }
        }
        return set;
    }

    /**
     * The bits that no known flag names.
     *
     * @return the word without the known bits
     */
    public int unknownBits() {
        int known = 0;
        for (SettingsFlag flag : SettingsFlag.values()) {
            known |= flag.bit();
        }
        return word & ~known;
    }

    /**
     * The word and the flags, e.g. {@code 0540[CHARGING_ON, EV_CONNECTED, EV_CONNECTED_PREV]}.
     *
     * @return a text for logs
     */
    @Override
    public String toString() {
        return String.format("%04x", word) + set();
    }
}
