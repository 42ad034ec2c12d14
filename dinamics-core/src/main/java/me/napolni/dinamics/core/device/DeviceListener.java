package me.napolni.dinamics.core.device;

/**
 * Events the gateway reports to its adapters as they happen, besides the status snapshot.
 *
 * <p>Called on gateway threads: an implementation returns quickly and never blocks (hand work to its own thread).
 * Every method has an empty default so an adapter implements only what it shows.
 */
public interface DeviceListener {

    /**
     * The status changed in a way adapters should publish now rather than at their next tick (an S-class change).
     *
     * @param status the new snapshot
     */
    default void onStatusChanged(DeviceStatus status) {
    }

    /**
     * A setting now has a new value in force, whoever changed it (MQTT, web, or a restart).
     *
     * @param chargerId the charger it belongs to, or null for a site-wide setting
     * @param key the TOPICS.md key, e.g. {@code breaker}, {@code c_limit}, {@code delay_timer}
     * @param value the value in force, as published
     */
    default void onSettingChanged(String chargerId, String key, String value) {
    }

    /**
     * The charger acknowledged an enable, sleep or disable ({@code $OK} to FE, FS or FD), whatever caused it.
     *
     * @param chargerId the charger
     * @param enable 1 off, 2 enabled, 3 asleep
     */
    default void onEnableAck(String chargerId, int enable) {
    }

    /**
     * A RAPI exchange completed; not called for heartbeats and probes.
     *
     * @param chargerId the charger
     * @param command the two command letters, e.g. {@code GG}
     * @param rawReply the reply as received, checksum and sequence id included
     */
    default void onRapiReply(String chargerId, String command, String rawReply) {
    }

    /**
     * The charger sent an asynchronous frame ({@code $AT}, {@code $AB}, ...).
     *
     * @param chargerId the charger
     * @param rawFrame the frame as received
     */
    default void onAsyncFrame(String chargerId, String rawFrame) {
    }

    /**
     * A reply was slow (more than half the timeout) or did not come.
     *
     * @param chargerId the charger
     * @param waitedMs how long the request waited
     */
    default void onTimeout(String chargerId, long waitedMs) {
    }

    /**
     * A debug log line at a verbosity level (1 errors and warnings … 5 everything).
     *
     * @param level 1..5
     * @param message the text
     */
    default void onLog(int level, String message) {
    }

    /**
     * Progress of a program ({@code spiffs} false) or web bundle update, in TOPICS.md §4.5 words.
     *
     * @param spiffs true for the web UI bundle
     * @param text e.g. {@code downloading 40 %} or {@code failed: hash_mismatch}
     */
    default void onUpdateStatus(boolean spiffs, String text) {
    }
}
