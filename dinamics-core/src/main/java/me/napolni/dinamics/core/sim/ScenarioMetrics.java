package me.napolni.dinamics.core.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one day × car × rating × law (SCENARIO.md §4).
 *
 * <p>Sentinels: {@link #NOT_APPLICABLE} (NaN) for a figure that does not apply (written {@code "n/a"}),
 * {@link #NEVER} (+∞) for a stale run that never became safe (written {@code "never"}) and for a reaction
 * episode ended by a trip (written {@code "inf"}), {@link #NOT_COUNTED} for a count that does not apply to the
 * ideal row (written {@code "n/a"}).
 *
 * @param trips breaker trips not caused by the house alone
 * @param houseTrips breaker trips the house alone would have caused
 * @param thermalPeakPct max over the day and phases of θ / (1.13·In)², percent
 * @param overloadAs ∫ Σ phases max(0, I − In) dt with the true current, minus the same for the house alone, A·s
 * @param energyKwh energy into the car
 * @param energySharePct the energy as a percentage of the ideal's ({@link #NOT_APPLICABLE} if the ideal is 0)
 * @param bound113Pct the ideal with 1.13·In as a percentage of the ideal (the same on every row of a case)
 * @param bound95Pct the {@link ThermalBound} upper bound at a 95 % thermal peak as a percentage of the ideal: no
 *     law keeping its peak ≤ 95 % charges more (the same on every row of a case; {@link #NOT_APPLICABLE} if no
 *     law can keep it)
 * @param setpointChangesPerH accepted setpoints that changed the charger's, per hour with car current &gt; 0
 *     ({@link #NOT_APPLICABLE} without charging time)
 * @param setpointChanges accepted setpoints that changed the charger's, over the day
 * @param pauses pause commands that stopped a charging or resuming car
 * @param reactionP99S nearest-rank 99th percentile of the reaction episodes, seconds (+∞ if it is trip-ended,
 *     0 when there is no episode)
 * @param reactionEpisodes how many reaction episodes were counted
 * @param staleSafeS seconds from 12:00 until the car is safe for good in the meter-silence run, {@link #NEVER} or
 *     {@link #NOT_APPLICABLE}
 */
public record ScenarioMetrics(int trips, int houseTrips, double thermalPeakPct, double overloadAs, double energyKwh,
        double energySharePct, double bound113Pct, double bound95Pct, double setpointChangesPerH,
        int setpointChanges, int pauses,
        double reactionP99S, int reactionEpisodes, double staleSafeS) {

    /** A figure that does not apply. */
    public static final double NOT_APPLICABLE = Double.NaN;
    /** Never safe, or an episode ended by a trip. */
    public static final double NEVER = Double.POSITIVE_INFINITY;
    /** A count that does not apply (the ideal row). */
    public static final int NOT_COUNTED = -1;

    /** JSON and table text of {@link #NOT_APPLICABLE} and {@link #NOT_COUNTED}. */
    public static final String TEXT_NOT_APPLICABLE = "n/a";
    /** JSON and table text of {@link #NEVER} for {@code stale_safe_s}. */
    public static final String TEXT_NEVER = "never";
    /** JSON and table text of an infinite {@code reaction_p99_s}. */
    public static final String TEXT_INFINITE = "inf";

    /**
     * Returns the figures by their SCENARIO.md names, in table order. Values are {@link Integer}, {@link Double}
     * (finite) or {@link String} ({@value #TEXT_NOT_APPLICABLE}, {@value #TEXT_NEVER}, {@value #TEXT_INFINITE}).
     *
     * @return a new ordered map
     */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("trips", count(trips));
        map.put("house_trips", count(houseTrips));
        map.put("thermal_peak_pct", number(thermalPeakPct, TEXT_INFINITE));
        map.put("overload_As", number(overloadAs, TEXT_INFINITE));
        map.put("energy_kWh", number(energyKwh, TEXT_INFINITE));
        map.put("energy_share_pct", number(energySharePct, TEXT_INFINITE));
        map.put("bound_113_pct", number(bound113Pct, TEXT_INFINITE));
        map.put("bound_95_pct", number(bound95Pct, TEXT_INFINITE));
        map.put("setpoint_changes_per_h", number(setpointChangesPerH, TEXT_INFINITE));
        map.put("setpoint_changes", count(setpointChanges));
        map.put("pauses", count(pauses));
        map.put("reaction_p99_s", number(reactionP99S, TEXT_INFINITE));
        map.put("reaction_episodes", count(reactionEpisodes));
        map.put("stale_safe_s", number(staleSafeS, TEXT_NEVER));
        return map;
    }

    private static Object count(int value) {
        return value == NOT_COUNTED ? TEXT_NOT_APPLICABLE : Integer.valueOf(value);
    }

    private static Object number(double value, String infinite) {
        if (Double.isNaN(value)) {
            return TEXT_NOT_APPLICABLE;
        }
        if (Double.isInfinite(value)) {
            return infinite;
        }
        return Double.valueOf(value);
    }
}
