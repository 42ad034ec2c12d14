package me.napolni.dinamics.core.settings;

import java.util.NoSuchElementException;

/**
 * The outcome of parsing one payload: the value, or why it was refused.
 *
 * @param key the setting the payload was for
 * @param value the parsed value when {@link #ok()}; 0 otherwise
 * @param violation why the payload was refused, or null when {@link #ok()}
 */
public record ParseResult(SettingKey key, long value, Violation violation) {

    /**
     * Returns a success.
     *
     * @param key the setting
     * @param value the accepted value
     * @return the result
     */
    public static ParseResult accepted(SettingKey key, long value) {
        return new ParseResult(key, value, null);
    }

    /**
     * Returns a refusal.
     *
     * @param violation why
     * @return the result
     */
    public static ParseResult refused(Violation violation) {
        return new ParseResult(violation.key(), 0L, violation);
    }

    /**
     * Tells whether the payload was accepted.
     *
     * @return true when there is no violation
     */
    public boolean ok() {
        return violation == null;
    }

    /**
     * Returns the accepted value.
     *
     * @return the value
     * @throws NoSuchElementException when the payload was refused
     */
    public long valueOrThrow() {
        if (violation != null) {
            throw new NoSuchElementException("refused: " + violation);
        }
        return value;
    }
}
