package me.napolni.dinamics.core;

import java.util.Objects;
import me.napolni.dinamics.core.settings.EnableIntent;
import me.napolni.dinamics.core.settings.Settings;

/**
 * A request from an adapter (MQTT, web, host) to the {@link ControlLoop}, queued and applied at the start of the
 * loop's next pass.
 */
public sealed interface ControlCommand {

    /**
     * Swaps the settings in force: validated and persisted by the caller, applied with one reference write.
     *
     * @param settings the new settings, with the same charger ids in the same order as the loop's
     */
    record ApplySettings(Settings settings) implements ControlCommand {
        /**
         * Checks that settings are given.
         *
         * @param settings the new settings
         */
        public ApplySettings {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /**
     * The operator's {@code set_enable} for one charger (TOPICS.md 4.2): 1 off, 2 enable, 3 sleep. The caller
     * persists the intent in the settings; this command makes the charger follow it.
     *
     * @param chargerId the charger's id
     * @param intent off, enabled or sleep
     */
    record Operator(String chargerId, EnableIntent intent) implements ControlCommand {
        /**
         * Checks that both are given and the intent is not {@link EnableIntent#NONE}.
         *
         * @param chargerId the charger's id
         * @param intent off, enabled or sleep
         */
        public Operator {
            Objects.requireNonNull(chargerId, "chargerId");
            Objects.requireNonNull(intent, "intent");
            if (intent == EnableIntent.NONE) {
                throw new IllegalArgumentException("an operator command needs an intent of 1, 2 or 3");
            }
        }
    }
}
