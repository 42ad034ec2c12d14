package me.napolni.dinamics.core.device;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * What an adapter (MQTT, web) may read from and ask of the gateway.
 *
 * <p>Keys are those of TOPICS.md without the {@code set_} prefix: {@code breaker}, {@code c_limit},
 * {@code c_min_limit}, {@code calibration}, {@code debug}, {@code timer}, {@code timer1}..{@code timer14},
 * {@code plugandcharge}, {@code dinamics}, {@code nwpc}, {@code enable}, {@code t_limit}, {@code e_limit},
 * {@code priority}. Every command is validated whole by the gateway with the same rules and reason words for every
 * adapter; a rejected one changes nothing and persists nothing. Accepted persisted values are saved atomically
 * before the result completes. Results complete on a gateway thread: do not block in their callbacks.
 */
public interface DeviceControl {

    /** The id that names the primary charger in commands; {@code null} means the same. */
    String PRIMARY = null;

    /**
     * Returns the latest snapshot.
     *
     * @return the status, never null
     */
    DeviceStatus status();

    /**
     * Applies one integer setting or command, as MQTT's {@code set_<key>} does (TOPICS.md §4, §6.1, §7.3).
     *
     * @param chargerId the charger for charger-level keys, or {@link #PRIMARY}; ignored for site-wide keys
     * @param key the key without {@code set_}
     * @param value the parsed integer
     * @return the outcome, with the value now in force when accepted
     */
    CompletionStage<CommandResult> set(String chargerId, String key, long value);

    /**
     * Applies several settings at once, all or nothing (the web form and {@code PUT /api/settings}).
     *
     * @param values key to value; site-wide and primary-charger keys
     * @return accepted, or rejected with the first violation; {@link #validate(Map)} lists them all
     */
    CompletionStage<CommandResult> setAll(Map<String, Long> values);

    /**
     * Checks a change without applying it.
     *
     * @param values key to value
     * @return every violation, keyed by setting key; empty when the change would be accepted
     */
    Map<String, CommandResult> validate(Map<String, Long> values);

    /**
     * Sets the delay timer (TOPICS.md §7.5).
     *
     * @param chargerId the charger, or {@link #PRIMARY}
     * @param spec {@code HH:MM-HH:MM}, or {@code 0} for off
     * @return the outcome; rejected with {@code not_a_time} when the text is not a window
     */
    CompletionStage<CommandResult> setDelayTimer(String chargerId, String spec);

    /**
     * Sends an allow-listed raw RAPI command (TOPICS.md §6.2).
     *
     * @param chargerId the charger, or {@link #PRIMARY}
     * @param command the command text, e.g. {@code $GS}
     * @return accepted with the raw reply as value, or rejected ({@code not_a_command}, {@code not_allowed},
     *         {@code evse_offline}, {@code evse_timeout})
     */
    CompletionStage<CommandResult> rapiRequest(String chargerId, String command);

    /**
     * Starts an update of the program ({@code spiffs} false) or of the web UI bundle (TOPICS.md §4.5).
     *
     * @param spiffs true for the web UI bundle
     * @return accepted when the update started, or rejected ({@code not_configured}, {@code busy})
     */
    CompletionStage<CommandResult> update(boolean spiffs);

    /**
     * Restores every persisted setting to its default ({@code delete_settings}).
     *
     * @return the outcome
     */
    CompletionStage<CommandResult> resetSettings();

    /**
     * Registers a listener for events; adapters register once at start.
     *
     * @param listener the listener
     */
    void addListener(DeviceListener listener);

    /**
     * Removes a listener registered before.
     *
     * @param listener the listener
     */
    void removeListener(DeviceListener listener);
}
