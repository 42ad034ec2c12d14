package me.napolni.dinamics.core.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the whole gateway: the site and its primary charger, as TOPICS.md §7.1 lays it out.
 * Unknown values are null.
 *
 * @param tsMs the time of the snapshot, Unix milliseconds
 * @param serial the device serial used in MQTT topics
 * @param fw the program version
 * @param mains mains current per phase L1, L2, L3 in amps (house and car); an element is null when unmeasured
 * @param mainsAgeMs age of each phase's reading in ms; an element is null when unmeasured
 * @param breaker the breaker rating per phase, amps
 * @param failsafe {@code off}, {@code no_readings}, {@code stale} or {@code evse_link}
 * @param thermalPct the breaker's thermal state per phase as a percentage of its trip threshold, if tracked
 * @param settings every numeric setting in force, by its TOPICS.md key (e.g. {@code breaker}, {@code timer7})
 * @param chargers every charger; the first is the primary
 */
public record DeviceStatus(
        long tsMs,
        String serial,
        String fw,
        List<Double> mains,
        List<Long> mainsAgeMs,
        int breaker,
        String failsafe,
        List<Double> thermalPct,
        Map<String, Long> settings,
        List<ChargerStatus> chargers) {

    /**
     * Copies the lists and the map so the snapshot cannot change under its readers.
     *
     * @param tsMs the time of the snapshot, Unix milliseconds
     * @param serial the device serial
     * @param fw the program version
     * @param mains mains current per phase, elements null when unmeasured
     * @param mainsAgeMs age of each phase's reading, elements null when unmeasured
     * @param breaker the breaker rating per phase, amps
     * @param failsafe the failsafe word
     * @param thermalPct the breaker's thermal state per phase, %, or null
     * @param settings every numeric setting in force
     * @param chargers every charger, the primary first
     */
    public DeviceStatus {
        mains = frozen(mains);
        mainsAgeMs = frozen(mainsAgeMs);
        thermalPct = thermalPct == null ? List.of() : frozen(thermalPct);
        settings = Map.copyOf(settings);
        chargers = List.copyOf(chargers);
    }

    /**
     * Returns the primary charger, the first one configured.
     *
     * @return the primary charger's status
     */
    public ChargerStatus primary() {
        return chargers.get(0);
    }

    // List.copyOf refuses nulls, and an unmeasured phase is null (JSON null), so copy by hand
    private static <T> List<T> frozen(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
