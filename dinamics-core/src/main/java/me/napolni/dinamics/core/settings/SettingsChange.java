package me.napolni.dinamics.core.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A change of several settings, validated as a whole and applied all or nothing.
 *
 * <p>{@link #apply()} checks each value's range and then the consistency between values ({@code c_min_limit}
 * not above {@code c_limit}, per charger, after the change) and returns every {@link Violation}; when there is
 * any, nothing is applied. Setting the same key twice keeps the last value. Not thread-safe: build it on one
 * thread, then hand the resulting immutable {@link Settings} over.
 */
public final class SettingsChange {

    private final Settings base;
    private final Map<Target, Long> values = new LinkedHashMap<>();

    SettingsChange(Settings base) {
        this.base = base;
    }

    /**
     * Sets a value; a per-charger key acts on the primary charger.
     *
     * @param key a site or per-charger setting
     * @param value the new value, checked by {@link #apply()}
     * @return this change
     * @throws IllegalArgumentException for a command key ({@code t_limit}, {@code e_limit}), which is not stored
     */
    public SettingsChange set(SettingKey key, long value) {
        if (key.scope() == SettingScope.CHARGER) {
            return set(base.primary().id(), key, value);
        }
        requireStored(key);
        values.put(new Target(null, key), value);
        return this;
    }

    /**
     * Sets a value of one charger.
     *
     * @param chargerId the charger
     * @param key a per-charger setting
     * @param value the new value, checked by {@link #apply()}
     * @return this change
     * @throws IllegalArgumentException for an unknown charger or a key that is not per charger
     */
    public SettingsChange set(String chargerId, SettingKey key, long value) {
        ChargerSettings.requireChargerKey(key);
        if (base.chargerIndex(chargerId) < 0) {
            throw new IllegalArgumentException("no charger with id " + chargerId);
        }
        values.put(new Target(chargerId, key), value);
        return this;
    }

    /**
     * Lists every problem of this change without applying it.
     *
     * @return the violations, empty when the change is valid
     */
    public List<Violation> violations() {
        List<Violation> found = new ArrayList<>();
        for (Map.Entry<Target, Long> entry : values.entrySet()) {
            SettingKey key = entry.getKey().key();
            if (!key.accepts(entry.getValue())) {
                found.add(key == SettingKey.DELAY_TIMER
                        ? new Violation(key, Violation.NOT_A_TIME, key.expected())
                        : Violation.outOfRange(key));
            }
        }
        for (ChargerSettings charger : base.chargers()) {
            checkLimits(charger, found);
        }
        return found;
    }

    /**
     * Validates and applies the change.
     *
     * @return the new settings, or every violation and the base settings unchanged
     */
    public ChangeResult apply() {
        List<Violation> found = violations();
        if (!found.isEmpty()) {
            return new ChangeResult(base, found);
        }
        long[] site = base.siteValues().clone();
        List<ChargerSettings> chargers = new ArrayList<>(base.chargers());
        for (Map.Entry<Target, Long> entry : values.entrySet()) {
            Target target = entry.getKey();
            if (target.chargerId() == null) {
                site[target.key().ordinal()] = entry.getValue();
            } else {
                int index = base.chargerIndex(target.chargerId());
                chargers.set(index, chargers.get(index).withValue(target.key(), entry.getValue()));
            }
        }
        return new ChangeResult(new Settings(site, chargers), List.of());
    }

    Settings applyOrThrow() {
        ChangeResult result = apply();
        if (!result.ok()) {
            throw new IllegalArgumentException("invalid settings: " + result.violations());
        }
        return result.settings();
    }

    private void checkLimits(ChargerSettings charger, List<Violation> found) {
        Long newLimit = values.get(new Target(charger.id(), SettingKey.C_LIMIT));
        Long newMinimum = values.get(new Target(charger.id(), SettingKey.C_MIN_LIMIT));
        if (newLimit == null && newMinimum == null) {
            return;
        }
        long limit = newLimit == null ? charger.cLimitAmps() : newLimit;
        long minimum = newMinimum == null ? charger.cMinLimitAmps() : newMinimum;
        if (!SettingKey.C_LIMIT.accepts(limit) || !SettingKey.C_MIN_LIMIT.accepts(minimum) || minimum <= limit) {
            return;
        }
        if (newLimit != null) {
            found.add(new Violation(SettingKey.C_LIMIT, Violation.INCONSISTENT,
                    minimum + ".." + SettingKey.C_LIMIT.maximum()));
        }
        if (newMinimum != null) {
            found.add(new Violation(SettingKey.C_MIN_LIMIT, Violation.INCONSISTENT,
                    SettingKey.C_MIN_LIMIT.minimum() + ".." + limit));
        }
    }

    private static void requireStored(SettingKey key) {
        if (key.scope() == SettingScope.COMMAND) {
            throw new IllegalArgumentException(key + " is a command, not a stored setting");
        }
    }

    private record Target(String chargerId, SettingKey key) {
        Target {
            Objects.requireNonNull(key, "key");
        }
    }
}
