package me.napolni.dinamics.core.settings;

import java.util.Objects;

/**
 * Why a setting value was refused, in the words of TOPICS.md 2 so that MQTT and the web give the same reasons.
 *
 * @param key the setting
 * @param reason one of the reason words below, for example {@link #OUT_OF_RANGE}
 * @param expected what is accepted, as in the {@code expected} field of {@code ~/error}, for example {@code 6..100}
 */
public record Violation(SettingKey key, String reason, String expected) {

    /** More than {@link SettingKey#MAX_PAYLOAD_BYTES} bytes (checked before content). */
    public static final String TOO_LONG = "too_long";
    /** No bytes at all. */
    public static final String EMPTY = "empty";
    /** A byte outside 0x20..0x7E. */
    public static final String BAD_BYTES = "bad_bytes";
    /** Does not match {@code 0|-?[1-9][0-9]*}. */
    public static final String NOT_AN_INTEGER = "not_an_integer";
    /** Outside the setting's range, compared exactly, never wrapped. */
    public static final String OUT_OF_RANGE = "out_of_range";
    /** Conflicts with another setting ({@code c_min_limit > c_limit}). */
    public static final String INCONSISTENT = "inconsistent";
    /** Not {@code HH:MM-HH:MM} with different start and stop, nor {@code 0} (delay timer only). */
    public static final String NOT_A_TIME = "not_a_time";

    /**
     * Checks that nothing is missing.
     *
     * @param key the setting
     * @param reason the reason word
     * @param expected what is accepted
     */
    public Violation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expected, "expected");
    }

    /**
     * Returns an out-of-range violation with the setting's own range.
     *
     * @param key the setting
     * @return the violation
     */
    public static Violation outOfRange(SettingKey key) {
        return new Violation(key, OUT_OF_RANGE, key.expected());
    }
}
