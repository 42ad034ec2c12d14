package me.napolni.dinamics.mqtt.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.SettingScope;

/**
 * The command topics of TOPICS.md (sections 3, 4, 6, 7) with what each accepts and how it is acknowledged.
 *
 * <p>Settings take their ranges, defaults and scope from the core's {@link SettingKey} table, so MQTT, the web and
 * the gateway cannot disagree; the gateway validates again and has the last word (consistency, link state).
 */
public final class TopicContract {

    /** What a command topic does once its payload is valid. */
    public enum Kind {
        /** An integer setting acked on its S-class topic. */
        SETTING,
        /** {@code set_enable}: acked by the charger's {@code $OK} (TOPICS 4.2), not by the result. */
        ENABLE,
        /** {@code set_t_limit}, {@code set_e_limit}: acked on an R-class topic. */
        LIMIT,
        /** {@code set_update}, {@code set_update_spiffs}. */
        UPDATE,
        /** {@code get_status}. */
        GET_STATUS,
        /** {@code get_settings}. */
        GET_SETTINGS,
        /** {@code get_wifi}. */
        GET_WIFI,
        /** {@code get_debug}. */
        GET_DEBUG,
        /** {@code get_timers}. */
        GET_TIMERS,
        /** {@code get_evse}. */
        GET_EVSE,
        /** {@code delete_settings}. */
        DELETE_SETTINGS,
        /** {@code rapi_request}: a RAPI command text (6.2). */
        RAPI_REQUEST,
        /** {@code set_delay_timer}: a time window (7.5). */
        DELAY_TIMER,
        /** An original topic we do not implement (6.4). */
        UNSUPPORTED
    }

    /**
     * One command topic.
     *
     * @param name the topic name relative to {@code ~/} or {@code ~/charger/<id>/}, e.g. {@code set_breaker}
     * @param kind what it does
     * @param key the setting key it changes (without {@code set_}), or null
     * @param min the smallest integer accepted
     * @param max the largest integer accepted
     * @param chargerLevel true when it also exists under {@code ~/charger/<id>/}
     * @param setting the setting of the core's table whose range and parser apply, or null
     */
    public record Command(String name, Kind kind, String key, long min, long max, boolean chargerLevel,
            SettingKey setting) {

        /**
         * Returns the {@code expected} text of the error JSON.
         *
         * @return {@code min..max}, {@code 1}, {@code allowlist}, or null for an unsupported topic
         */
        public String expected() {
            switch (kind) {
                case RAPI_REQUEST:
                    return "allowlist";
                case UNSUPPORTED:
                    return null;
                default:
                    if (setting != null) {
                        return setting.expected();
                    }
                    return min == max ? Long.toString(min) : min + ".." + max;
            }
        }

        /**
         * Tells whether the payload is one decimal integer.
         *
         * @return true for integer topics
         */
        public boolean integerPayload() {
            return kind != Kind.RAPI_REQUEST && kind != Kind.DELAY_TIMER && kind != Kind.UNSUPPORTED;
        }
    }

    private static final Map<String, Command> COMMANDS = build();

    private TopicContract() {
    }

    private static Map<String, Command> build() {
        Map<String, Command> m = new LinkedHashMap<>();
        request(m, "get_status", Kind.GET_STATUS, true);
        request(m, "get_settings", Kind.GET_SETTINGS, false);
        request(m, "get_wifi", Kind.GET_WIFI, false);
        request(m, "get_debug", Kind.GET_DEBUG, false);
        request(m, "get_timers", Kind.GET_TIMERS, false);
        request(m, "get_evse", Kind.GET_EVSE, false);
        request(m, "delete_settings", Kind.DELETE_SETTINGS, false);
        request(m, "set_update", Kind.UPDATE, false);
        request(m, "set_update_spiffs", Kind.UPDATE, false);
        setting(m, SettingKey.ENABLE, Kind.ENABLE);
        setting(m, SettingKey.BREAKER, Kind.SETTING);
        setting(m, SettingKey.T_LIMIT, Kind.LIMIT);
        setting(m, SettingKey.E_LIMIT, Kind.LIMIT);
        setting(m, SettingKey.C_LIMIT, Kind.SETTING);
        setting(m, SettingKey.C_MIN_LIMIT, Kind.SETTING);
        setting(m, SettingKey.CALIBRATION, Kind.SETTING);
        setting(m, SettingKey.DEBUG, Kind.SETTING);
        for (int i = 0; i <= SettingKey.LAST_TIMER; i++) {
            setting(m, SettingKey.timer(i), Kind.SETTING);
        }
        setting(m, SettingKey.PLUGANDCHARGE, Kind.SETTING);
        setting(m, SettingKey.DINAMICS, Kind.SETTING);
        setting(m, SettingKey.NWPC, Kind.SETTING);
        setting(m, SettingKey.PRIORITY, Kind.SETTING);
        put(m, new Command("rapi_request", Kind.RAPI_REQUEST, null, 0, 0, false, null));
        setting(m, SettingKey.DELAY_TIMER, Kind.DELAY_TIMER);
        for (String name : List.of("set_cte", "set_neg_amp", "set_adjust", "set_autoupdate", "set_lcd", "erase_lcd",
                "set_TFO", "set_lora", "delete_wifi", "set_enable_on_delayed", "set_enable_off_delayed", "set_rapi")) {
            put(m, new Command(name, Kind.UNSUPPORTED, null, 0, 0, false, null));
        }
        return Collections.unmodifiableMap(m);
    }

    private static void request(Map<String, Command> m, String name, Kind kind, boolean chargerLevel) {
        put(m, new Command(name, kind, null, 1, 1, chargerLevel, null));
    }

    private static void setting(Map<String, Command> m, SettingKey key, Kind kind) {
        boolean chargerLevel = key.scope() != SettingScope.SITE;
        put(m, new Command(key.topic(), kind, key.key(), key.minimum(), key.maximum(), chargerLevel, key));
    }

    private static void put(Map<String, Command> m, Command command) {
        m.put(command.name(), command);
    }

    /**
     * Returns every command topic in subscription order.
     *
     * @return the commands, by name
     */
    public static Map<String, Command> commands() {
        return COMMANDS;
    }

    /**
     * Looks a command up by its name.
     *
     * @param name e.g. {@code set_breaker}
     * @return the command, or null when it is not one
     */
    public static Command command(String name) {
        return COMMANDS.get(name);
    }

    /**
     * Returns the commands that exist under {@code ~/charger/<id>/}; {@code set_priority} exists only there.
     *
     * @return the charger-level commands
     */
    public static List<Command> chargerCommands() {
        List<Command> list = new ArrayList<>();
        for (Command c : COMMANDS.values()) {
            if (c.chargerLevel()) {
                list.add(c);
            }
        }
        return list;
    }

    /**
     * Tells whether a command exists at the root; {@code set_priority} is per charger only.
     *
     * @param command the command
     * @return true when {@code ~/<name>} is subscribed
     */
    public static boolean atRoot(Command command) {
        return !"set_priority".equals(command.name());
    }

    /**
     * Tells whether a key belongs to a charger rather than the site (TOPICS 7.3).
     *
     * @param key a setting key
     * @return true for charger-level keys
     */
    public static boolean chargerLevelKey(String key) {
        return SettingKey.ofKey(key).map(k -> k.scope() != SettingScope.SITE).orElse(false);
    }

    /**
     * Returns the default of a setting, used when a snapshot lacks it.
     *
     * @param key a setting key
     * @return the default from TOPICS 4.4 and 6.1, or null when it has none
     */
    public static Long defaultValue(String key) {
        return SettingKey.ofKey(key).filter(k -> k.scope() == SettingScope.SITE || k == SettingKey.C_LIMIT
                || k == SettingKey.C_MIN_LIMIT || k == SettingKey.PRIORITY).map(SettingKey::defaultValue).orElse(null);
    }
}
