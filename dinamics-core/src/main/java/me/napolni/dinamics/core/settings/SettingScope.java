package me.napolni.dinamics.core.settings;

/** Where a setting lives: once for the site, once per charger, or only as a one-off command to a charger. */
public enum SettingScope {
    /** One value for the whole site (breaker, calibration, timers, ...); held in {@link Settings}. */
    SITE,
    /** One value per charger (cap, minimum, priority, intent, delay timer); held in {@link ChargerSettings}. */
    CHARGER,
    /** A command value sent to a charger and not stored ({@code t_limit}, {@code e_limit}); only validated. */
    COMMAND
}
