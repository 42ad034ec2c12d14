package me.napolni.dinamics.core.settings;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The settings of one charger on the site (TOPICS.md 7.3): cap, minimum, priority, intent and delay timer.
 *
 * <p>Immutable. Every {@link SettingScope#CHARGER} key has a value; reading any other key is an error. Values are
 * valid and consistent when they come from {@link Settings#defaults()} or an applied {@link SettingsChange};
 * {@link #of(String)} gives the defaults.
 */
public final class ChargerSettings {

    /** The id of a single-charger install's only charger. */
    public static final String PRIMARY_ID = "1";

    private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,16}");

    private final String id;
    private final long[] values;

    private ChargerSettings(String id, long[] values) {
        this.id = id;
        this.values = values;
    }

    /**
     * Returns a charger with default settings.
     *
     * @param id the charger id, {@code [a-z0-9_-]{1,16}}
     * @return the settings
     * @throws IllegalArgumentException for a malformed id
     */
    public static ChargerSettings of(String id) {
        Objects.requireNonNull(id, "id");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("charger id must match [a-z0-9_-]{1,16}: " + id);
        }
        long[] values = new long[SettingKey.values().length];
        for (SettingKey key : SettingKey.values()) {
            values[key.ordinal()] = key.defaultValue();
        }
        return new ChargerSettings(id, values);
    }

    /**
     * Tells whether a charger id is well-formed.
     *
     * @param id a candidate id
     * @return true when it matches {@code [a-z0-9_-]{1,16}}
     */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Returns the charger id.
     *
     * @return for example {@code 1}
     */
    public String id() {
        return id;
    }

    /**
     * Returns a value.
     *
     * @param key a {@link SettingScope#CHARGER} key
     * @return its value
     * @throws IllegalArgumentException for a key of another scope
     */
    public long value(SettingKey key) {
        requireChargerKey(key);
        return values[key.ordinal()];
    }

    /**
     * Returns the cap on the car's current.
     *
     * @return amps, 6..32
     */
    public int cLimitAmps() {
        return (int) values[SettingKey.C_LIMIT.ordinal()];
    }

    /**
     * Returns the minimum charging current.
     *
     * @return amps, 6..32, not above {@link #cLimitAmps()}
     */
    public int cMinLimitAmps() {
        return (int) values[SettingKey.C_MIN_LIMIT.ordinal()];
    }

    /**
     * Returns the priority.
     *
     * @return 1..10, higher is served first
     */
    public int priority() {
        return (int) values[SettingKey.PRIORITY.ordinal()];
    }

    /**
     * Returns the operator's stored intent.
     *
     * @return the intent, {@link EnableIntent#NONE} when none is stored
     */
    public EnableIntent enableIntent() {
        return EnableIntent.ofCode(values[SettingKey.ENABLE.ordinal()]);
    }

    /**
     * Returns the daily charging window.
     *
     * @return the window, or {@link DelayTimer#OFF}
     */
    public DelayTimer delayTimer() {
        return DelayTimer.decode(values[SettingKey.DELAY_TIMER.ordinal()]);
    }

    /**
     * Returns a copy with one value replaced, without validation; {@link SettingsChange} validates first.
     */
    ChargerSettings withValue(SettingKey key, long value) {
        requireChargerKey(key);
        long[] copy = values.clone();
        copy[key.ordinal()] = value;
        return new ChargerSettings(id, copy);
    }

    static void requireChargerKey(SettingKey key) {
        if (key.scope() != SettingScope.CHARGER) {
            throw new IllegalArgumentException(key + " is not a per-charger setting");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChargerSettings that && id.equals(that.id) && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * id.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ChargerSettings[id=" + id + ", c_limit=" + cLimitAmps() + ", c_min_limit=" + cMinLimitAmps()
                + ", priority=" + priority() + ", enable=" + enableIntent() + ", delay_timer=" + delayTimer() + "]";
    }
}
