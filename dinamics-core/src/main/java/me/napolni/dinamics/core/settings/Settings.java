package me.napolni.dinamics.core.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * All settings in force: the site's values and one {@link ChargerSettings} per charger, the first being the
 * primary.
 *
 * <p>Immutable and always valid and consistent: it is made by {@link #defaults()} and changed only through a
 * validated {@link SettingsChange}, so the control loop can swap a whole new value in with one reference write.
 * <pre>
 *   ChangeResult result = settings.change().set(SettingKey.BREAKER, 20).set(SettingKey.C_LIMIT, 10).apply();
 *   if (result.ok()) {
 *       settings = result.settings();            // every value valid, all applied together
 *   } else {
 *       report(result.violations());             // every problem, nothing applied
 *   }
 * </pre>
 * Per-charger keys read or written without a charger id act on the primary charger, as the root topics do.
 */
public final class Settings {

    /** The floor at which {@code timer}, {@code timer5}..{@code timer10} and {@code timer12} act, ms (TOPICS 4.4). */
    public static final long POLL_TIMER_FLOOR_MS = 100;
    /** The floor at which {@code timer11} acts, ms (TOPICS 4.4). */
    public static final long RECONNECT_TIMER_FLOOR_MS = 1000;

    private static final SettingKey[] KEYS = SettingKey.values();
    private static final Settings DEFAULTS = defaults(List.of(ChargerSettings.PRIMARY_ID));

    private final long[] values;
    private final List<ChargerSettings> chargers;

    Settings(long[] values, List<ChargerSettings> chargers) {
        this.values = values;
        this.chargers = List.copyOf(chargers);
    }

    /**
     * Returns the defaults of a single-charger install (charger id {@code 1}).
     *
     * @return every setting at its default
     */
    public static Settings defaults() {
        return DEFAULTS;
    }

    /**
     * Returns the defaults for several chargers on one breaker.
     *
     * @param chargerIds the charger ids in configuration order, the primary first; at least one, no duplicates,
     *     each {@code [a-z0-9_-]{1,16}}
     * @return every setting at its default
     * @throws IllegalArgumentException for no ids, a duplicate or a malformed id
     */
    public static Settings defaults(List<String> chargerIds) {
        if (chargerIds.isEmpty()) {
            throw new IllegalArgumentException("at least one charger is needed");
        }
        List<ChargerSettings> chargers = new ArrayList<>(chargerIds.size());
        for (String id : chargerIds) {
            for (ChargerSettings existing : chargers) {
                if (existing.id().equals(id)) {
                    throw new IllegalArgumentException("duplicate charger id " + id);
                }
            }
            chargers.add(ChargerSettings.of(id));
        }
        long[] values = new long[KEYS.length];
        for (SettingKey key : KEYS) {
            values[key.ordinal()] = key.defaultValue();
        }
        return new Settings(values, chargers);
    }

    /**
     * Returns every setting at its default, with the same chargers (what {@code delete_settings} does).
     *
     * @return the defaults for these charger ids; intents cleared
     */
    public Settings resetToDefaults() {
        List<String> ids = new ArrayList<>(chargers.size());
        for (ChargerSettings charger : chargers) {
            ids.add(charger.id());
        }
        return defaults(ids);
    }

    /**
     * Starts a change of these settings.
     *
     * @return an empty change based on this value
     */
    public SettingsChange change() {
        return new SettingsChange(this);
    }

    /**
     * Validates and applies several values at once: all or nothing.
     *
     * @param changes new values by key; per-charger keys act on the primary charger
     * @return the new settings, or every violation and these settings unchanged
     */
    public ChangeResult apply(Map<SettingKey, Long> changes) {
        SettingsChange change = change();
        for (Map.Entry<SettingKey, Long> entry : changes.entrySet()) {
            change.set(entry.getKey(), entry.getValue());
        }
        return change.apply();
    }

    /**
     * Returns a copy with one value changed, for code and tests that know the value is good.
     *
     * @param key the setting; per-charger keys act on the primary charger
     * @param value the new value
     * @return the new settings
     * @throws IllegalArgumentException when the value is out of range or inconsistent, naming every violation
     */
    public Settings with(SettingKey key, long value) {
        return change().set(key, value).applyOrThrow();
    }

    /**
     * Returns a copy with one value of one charger changed, for code and tests that know the value is good.
     *
     * @param chargerId the charger
     * @param key a per-charger setting
     * @param value the new value
     * @return the new settings
     * @throws IllegalArgumentException when the value is out of range or inconsistent, or the charger unknown
     */
    public Settings with(String chargerId, SettingKey key, long value) {
        return change().set(chargerId, key, value).applyOrThrow();
    }

    /**
     * Returns a value.
     *
     * @param key the setting; a per-charger key reads the primary charger
     * @return its value
     * @throws IllegalArgumentException for a command key ({@code t_limit}, {@code e_limit}), which is not stored
     */
    public long value(SettingKey key) {
        switch (key.scope()) {
            case SITE:
                return values[key.ordinal()];
            case CHARGER:
                return primary().value(key);
            default:
                throw new IllegalArgumentException(key + " is a command, not a stored setting");
        }
    }

    /**
     * Returns the chargers in configuration order.
     *
     * @return an unmodifiable list, the primary first
     */
    public List<ChargerSettings> chargers() {
        return chargers;
    }

    /**
     * Returns the number of chargers.
     *
     * @return at least 1
     */
    public int chargerCount() {
        return chargers.size();
    }

    /**
     * Returns the primary charger's settings.
     *
     * @return the first charger
     */
    public ChargerSettings primary() {
        return chargers.get(0);
    }

    /**
     * Returns one charger's settings.
     *
     * @param id the charger id
     * @return its settings
     * @throws IllegalArgumentException for an unknown id
     */
    public ChargerSettings charger(String id) {
        int index = chargerIndex(id);
        if (index < 0) {
            throw new IllegalArgumentException("no charger with id " + id);
        }
        return chargers.get(index);
    }

    /**
     * Finds a charger by id.
     *
     * @param id the charger id
     * @return its index in {@link #chargers()}, or -1
     */
    public int chargerIndex(String id) {
        for (int index = 0; index < chargers.size(); index++) {
            if (chargers.get(index).id().equals(id)) {
                return index;
            }
        }
        return -1;
    }

    /**
     * Returns the main breaker rating.
     *
     * @return amps per phase, 6..100
     */
    public int breakerAmps() {
        return (int) values[SettingKey.BREAKER.ordinal()];
    }

    /**
     * Returns the primary charger's cap.
     *
     * @return amps, 6..32
     */
    public int cLimitAmps() {
        return primary().cLimitAmps();
    }

    /**
     * Returns the primary charger's minimum current.
     *
     * @return amps, 6..32, not above {@link #cLimitAmps()}
     */
    public int cMinLimitAmps() {
        return primary().cMinLimitAmps();
    }

    /**
     * Returns the primary charger's stored intent.
     *
     * @return the intent
     */
    public EnableIntent enableIntent() {
        return primary().enableIntent();
    }

    /**
     * Returns the CT calibration as set.
     *
     * @return A/V × 10, 100..2000 (277 = 50 A/1 V)
     */
    public int calibration() {
        return (int) values[SettingKey.CALIBRATION.ordinal()];
    }

    /**
     * Returns the calibration constant of the RMS formula.
     *
     * @return {@code calibration() / 10.0}, for example 27.7
     */
    public double ical() {
        return calibration() / 10.0;
    }

    /**
     * Returns the log verbosity.
     *
     * @return 1..5
     */
    public int debugLevel() {
        return (int) values[SettingKey.DEBUG.ordinal()];
    }

    /**
     * Returns a timer's value as stored.
     *
     * @param number 0 for {@code timer}, 1..14 for {@code timer1}..{@code timer14}
     * @return milliseconds
     * @throws IllegalArgumentException for any other number
     */
    public long timerMs(int number) {
        return values[SettingKey.timer(number).ordinal()];
    }

    /**
     * Returns the period a timer acts with, after the floors of TOPICS.md 4.4.
     *
     * @param number 0..14 as in {@link #timerMs(int)}
     * @return at least {@link #POLL_TIMER_FLOOR_MS} for timer, timer5..10 and timer12, at least
     *     {@link #RECONNECT_TIMER_FLOOR_MS} for timer11, otherwise the stored value
     */
    public long effectiveTimerMs(int number) {
        long stored = timerMs(number);
        if (number == 11) {
            return Math.max(stored, RECONNECT_TIMER_FLOOR_MS);
        }
        if (number == 0 || (number >= 5 && number <= 10) || number == 12) {
            return Math.max(stored, POLL_TIMER_FLOOR_MS);
        }
        return stored;
    }

    /**
     * Tells whether plug &amp; charge is on.
     *
     * @return the stored value of {@code plugandcharge}
     */
    public boolean plugAndCharge() {
        return values[SettingKey.PLUGANDCHARGE.ordinal()] == 1;
    }

    /**
     * Tells whether the current follows the measurements ({@code dinamics} 1) or is static at c_limit.
     *
     * @return true when dynamic
     */
    public boolean dynamic() {
        return values[SettingKey.DINAMICS.ordinal()] == 1;
    }

    /**
     * Tells whether plug &amp; charge acts as on while the broker is unreachable.
     *
     * @return the stored value of {@code nwpc}
     */
    public boolean nwpc() {
        return values[SettingKey.NWPC.ordinal()] == 1;
    }

    /**
     * Returns the age beyond which a reading is stale.
     *
     * @return milliseconds, 1000..120000
     */
    public long staleAfterMs() {
        return values[SettingKey.STALE_AFTER.ordinal()];
    }

    /**
     * Returns the headroom kept below the breaker rating.
     *
     * @return tenths of an amp, 0..100
     */
    public int breakerMarginDeciAmps() {
        return (int) values[SettingKey.BREAKER_MARGIN.ordinal()];
    }

    /**
     * Returns how long a higher headroom must hold before the current rises.
     *
     * @return milliseconds
     */
    public long raiseDelayMs() {
        return values[SettingKey.RAISE_DELAY.ordinal()];
    }

    /**
     * Returns the largest single increase.
     *
     * @return amps, 1..32
     */
    public int raiseStepAmps() {
        return (int) values[SettingKey.RAISE_STEP.ordinal()];
    }

    /**
     * Returns the headroom above the minimum needed to resume.
     *
     * @return tenths of an amp, 0..100
     */
    public int resumeMarginDeciAmps() {
        return (int) values[SettingKey.RESUME_MARGIN.ordinal()];
    }

    /**
     * Returns how long the resume headroom must hold before a resume.
     *
     * @return milliseconds
     */
    public long resumeDelayMs() {
        return values[SettingKey.RESUME_DELAY.ordinal()];
    }

    /**
     * Returns the shortest pause.
     *
     * @return milliseconds
     */
    public long minPauseMs() {
        return values[SettingKey.MIN_PAUSE.ordinal()];
    }

    /**
     * Returns what stale readings lead to.
     *
     * @return the minimum current or a pause
     */
    public FailsafeMode failsafeMode() {
        return FailsafeMode.ofCode(values[SettingKey.FAILSAFE_MODE.ordinal()]);
    }

    /**
     * Returns how long a waiting charger waits for its turn when not all minimums fit.
     *
     * @return milliseconds
     */
    public long shareRotateMs() {
        return values[SettingKey.SHARE_ROTATE.ordinal()];
    }

    long[] siteValues() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Settings that && Arrays.equals(values, that.values) && chargers.equals(that.chargers);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + chargers.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Settings[");
        for (SettingKey key : KEYS) {
            if (key.scope() == SettingScope.SITE) {
                text.append(key.key()).append('=').append(values[key.ordinal()]).append(", ");
            }
        }
        return text.append("chargers=").append(chargers).append(']').toString();
    }
}
