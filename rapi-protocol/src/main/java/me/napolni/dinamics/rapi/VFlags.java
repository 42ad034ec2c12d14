package me.napolni.dinamics.rapi;

import java.util.EnumSet;
import java.util.Set;

/**
 * The volatile status word of {@code $GS} and {@code $AT} (RAPI.md 4.3), decoded into {@link VFlag}s. The raw word
 * is kept, so that bits this library does not know (or whose meaning changed between
 * versions) are never lost.
 *
 * @param word the raw flag word as read from the wire (hex, 4 digits)
 */
public record VFlags(int word) {

    /**
     * The flags of a raw word.
     *
     * @param word the raw flag word
     * @return the decoded flags
     */
    public static VFlags of(int word) {
        return new VFlags(word);
    }

    /**
     * Whether a flag is set.
     *
     * @param flag the flag
     * @return true if its bit is set in the word
     */
    public boolean contains(VFlag flag) {
        return (word & flag.bit()) != 0;
    }

    /**
     * The known flags that are set.
     *
     * @return a new set of the flags whose bits are set
     */
    public Set<VFlag> set() {
        Set<VFlag> set = EnumSet.noneOf(VFlag.class);
        for (VFlag flag : VFlag.values()) {
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
        for (VFlag flag : VFlag.values()) {
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
