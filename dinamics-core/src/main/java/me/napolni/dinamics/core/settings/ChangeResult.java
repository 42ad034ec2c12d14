package me.napolni.dinamics.core.settings;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of applying a {@link SettingsChange}: the new settings, or every violation and the old settings.
 *
 * @param settings the settings now in force: the changed value when {@link #ok()}, the unchanged base otherwise
 * @param violations every problem found, in the order the values were set; empty when the change was applied
 */
public record ChangeResult(Settings settings, List<Violation> violations) {

    /**
     * Copies the violations.
     *
     * @param settings the settings now in force
     * @param violations every problem found
     */
    public ChangeResult {
        Objects.requireNonNull(settings, "settings");
        violations = List.copyOf(violations);
    }

    /**
     * Tells whether the change was applied.
     *
     * @return true when there were no violations
     */
    public boolean ok() {
        return violations.isEmpty();
    }
}
