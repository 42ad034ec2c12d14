package me.napolni.dinamics.mqtt.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command topics of TOPICS.md (sections 3, 4, 6, 7) with what each accepts and how it is acknowledged.
 *
 * <p>Ranges live here only for the bridge's own syntax checks (section 2, steps 6 and 7, and the {@code expected}
 * field); the gateway validates again with its settings table and has the last word.
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
     */
    public record Command(String name, Kind kind, String key, long min, long max, boolean chargerLevel) {

        /**
         * Returns the {@code expected} text of the error JSON.
         *
         * @return {@code min..max}, {@code 1}, {@code allowlist}, or null for an unsupported topic
         */
        public String expected() {
            switch (kind) {
                case RAPI_REQUEST:
                    return "allowlist";
                case DELAY_TIMER:
                    return "HH:MM-HH:MM|0";
                case UNSUPPORTED:
                    return null;
                default:
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

    /** Largest value of the timers (ms). */
    public static final long MAX_TIMER_MS = 500_000;

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
        put(m, new Command("set_enable", Kind.ENABLE, "enable", 1, 3, true));
        setting(m, "breaker", 6, 100, false);
        put(m, new Command("set_t_limit", Kind.LIMIT, "t_limit", 1, 100, true));
        put(m, new Command("set_e_limit", Kind.LIMIT, "e_limit", 1, 100, true));
        setting(m, "c_limit", 6, 32, true);
        setting(m, "c_min_limit", 6, 32, true);
        setting(m, "calibration", 100, 2000, false);
        setting(m, "debug", 1, 5, false);
        setting(m, "timer", 1, MAX_TIMER_MS, false);
        for (int i = 1; i <= 12; i++) {
            setting(m, "timer" + i, 1, MAX_TIMER_MS, false);
        }
        setting(m, "timer13", 100, 10_000, false);
        setting(m, "timer14", 1, MAX_TIMER_MS, false);
        setting(m, "plugandcharge", 0, 1, false);
        setting(m, "dinamics", 0, 1, false);
        setting(m, "nwpc", 0, 1, false);
        put(m, new Command("set_priority", Kind.SETTING, "priority", 1, 10, true));
        put(m, new Command("rapi_request", Kind.RAPI_REQUEST, null, 0, 0, false));
        put(m, new Command("set_delay_timer", Kind.DELAY_TIMER, "delay_timer", 0, 0, true));
        for (String name : List.of("set_cte", "set_neg_amp", "set_adjust", "set_autoupdate", "set_lcd", "erase_lcd",
                "set_TFO", "set_lora", "delete_wifi", "set_enable_on_delayed", "set_enable_off_delayed", "set_rapi")) {
            put(m, new Command(name, Kind.UNSUPPORTED, null, 0, 0, false));
        }
        return Collections.unmodifiableMap(m);
    }

    private static void request(Map<String, Command> m, String name, Kind kind, boolean chargerLevel) {
        put(m, new Command(name, kind, null, 1, 1, chargerLevel));
    }

    private static void setting(Map<String, Command> m, String key, long min, long max, boolean chargerLevel) {
        put(m, new Command("set_" + key, Kind.SETTING, key, min, max, chargerLevel));
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
        switch (key) {
            case "enable":
            case "c_limit":
            case "c_min_limit":
            case "t_limit":
            case "e_limit":
            case "priority":
            case "delay_timer":
                return true;
            default:
                return false;
        }
    }

    /**
     * Returns the default of a setting, used when a snapshot lacks it.
     *
     * @param key a setting key
     * @return the default from TOPICS 4.4 and 6.1, or null when it has none
     */
    public static Long defaultValue(String key) {
        switch (key) {
            case "breaker":
            case "c_limit":
                return 16L;
            case "c_min_limit":
                return 6L;
            case "calibration":
                return 277L;
            case "debug":
            case "dinamics":
                return 1L;
            case "plugandcharge":
            case "nwpc":
                return 0L;
            case "priority":
                return 5L;
            case "timer":
                return 2000L;
            case "timer1":
            case "timer5":
            case "timer8":
            case "timer10":
            case "timer11":
                return 50_000L;
            case "timer2":
            case "timer3":
            case "timer4":
            case "timer7":
            case "timer14":
                return 10_000L;
            case "timer6":
                return 30_000L;
            case "timer9":
            case "timer12":
                return 100_000L;
            case "timer13":
                return 1000L;
            default:
                return null;
        }
    }
}
