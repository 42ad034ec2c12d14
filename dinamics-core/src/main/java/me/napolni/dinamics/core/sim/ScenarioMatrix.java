package me.napolni.dinamics.core.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import me.napolni.dinamics.core.sim.internal.JsonWriter;
import me.napolni.dinamics.core.time.NanoClock;

/**
 * The whole matrix of SCENARIO.md: every day × both cars × 20, 25 and 32 A × every law, plus the ideal
 * reference as a row named {@value Laws#IDEAL}.
 *
 * <p>JSON layout: {@code {day: {car: {rating: {law: {metric: value}}}}}}, days named by file name without
 * {@code .csv.gz}, cars {@code 3p16}/{@code 1p32}, ratings as strings ({@code "20"}), metrics by their
 * SCENARIO.md names ({@link ScenarioMetrics#asMap()}). Numbers have at most 4 decimals; a figure that does not
 * apply is the string {@code "n/a"}, a stale run never safe is {@code "never"}, an infinite reaction time is
 * {@code "inf"}.
 */
public final class ScenarioMatrix {

    /** The breaker ratings of the matrix, amps. */
    public static final List<Integer> RATINGS_AMPS = List.of(20, 25, 32);

    private final Map<String, Map<String, Map<String, Map<String, ScenarioMetrics>>>> results;
    private final double simulatedSeconds;
    private final double wallSeconds;

    private ScenarioMatrix(Map<String, Map<String, Map<String, Map<String, ScenarioMetrics>>>> results,
            double simulatedSeconds, double wallSeconds) {
        this.results = results;
        this.simulatedSeconds = simulatedSeconds;
        this.wallSeconds = wallSeconds;
    }

    /**
     * Runs every day file of a folder with every registered law.
     *
     * @param folder a folder such as {@code testdata/household}
     * @return the results
     * @throws IOException if the folder cannot be listed or a day file is corrupt
     */
    public static ScenarioMatrix runFolder(Path folder) throws IOException {
        List<HouseholdDay> days = new ArrayList<>();
        for (Path file : HouseholdDay.listDays(folder)) {
            days.add(HouseholdDay.load(file));
        }
        return run(days, Laws.names());
    }

    /**
     * Runs the matrix, timing it with the JVM's clock.
     *
     * @param days the days
     * @param lawNames registered law names, in table order
     * @return the results
     */
    public static ScenarioMatrix run(List<HouseholdDay> days, List<String> lawNames) {
        return run(days, lawNames, NanoClock.system());
    }

    /**
     * Runs the matrix.
     *
     * @param days the days
     * @param lawNames registered law names, in table order
     * @param clock the clock that times the run, for {@link #speed()} only
     * @return the results
     */
    public static ScenarioMatrix run(List<HouseholdDay> days, List<String> lawNames, NanoClock clock) {
        Map<String, Map<String, Map<String, Map<String, ScenarioMetrics>>>> results = new LinkedHashMap<>();
        double simulated = 0.0;
        long startNs = clock.nanoTime();
        for (HouseholdDay day : days) {
            Map<String, Map<String, Map<String, ScenarioMetrics>>> byCar = new LinkedHashMap<>();
            for (CarProfile car : CarProfile.values()) {
                Map<String, Map<String, ScenarioMetrics>> byRating = new LinkedHashMap<>();
                for (int rating : RATINGS_AMPS) {
                    Scenario scenario = Scenario.of(day, car, rating);
                    Map<String, ScenarioMetrics> byLaw = new LinkedHashMap<>();
                    for (String name : lawNames) {
                        byLaw.put(name, scenario.run(Laws.byName(name)));
                        simulated += scenario.simulatedSecondsPerRun();
                    }
                    byLaw.put(Laws.IDEAL, scenario.ideal());
                    byRating.put(Integer.toString(rating), Collections.unmodifiableMap(byLaw));
                }
                byCar.put(car.id(), Collections.unmodifiableMap(byRating));
            }
            results.put(day.name(), Collections.unmodifiableMap(byCar));
        }
        double wall = (clock.nanoTime() - startNs) / 1e9;
        return new ScenarioMatrix(Collections.unmodifiableMap(results), simulated, wall);
    }

    /**
     * Returns the results as nested maps, in the JSON layout.
     *
     * @return {@code day -> car -> rating -> law -> metrics}, unmodifiable
     */
    public Map<String, Map<String, Map<String, Map<String, ScenarioMetrics>>>> results() {
        return results;
    }

    /**
     * Returns one case's figures.
     *
     * @param day the day's name
     * @param car the car profile
     * @param ratingAmps the rating
     * @param law a law's name or {@value Laws#IDEAL}
     * @return the figures
     * @throws IllegalArgumentException if the matrix has no such case
     */
    public ScenarioMetrics metrics(String day, CarProfile car, int ratingAmps, String law) {
        Map<String, Map<String, Map<String, ScenarioMetrics>>> byCar = results.getOrDefault(day, Map.of());
        ScenarioMetrics metrics = byCar.getOrDefault(car.id(), Map.of())
                .getOrDefault(Integer.toString(ratingAmps), Map.of()).get(law);
        if (metrics == null) {
            throw new IllegalArgumentException("no case " + day + "/" + car.id() + "/" + ratingAmps + "/" + law);
        }
        return metrics;
    }

    /**
     * Returns the simulated time of every law run (main and silence runs).
     *
     * @return seconds
     */
    public double simulatedSeconds() {
        return simulatedSeconds;
    }

    /**
     * Returns the simulation speed of this run.
     *
     * @return simulated seconds per wall-clock second (machine-dependent, for reports only)
     */
    public double speed() {
        return wallSeconds > 0.0 ? simulatedSeconds / wallSeconds : 0.0;
    }

    /**
     * Writes the results as JSON (layout in the class comment).
     *
     * @return the JSON text
     */
    public String toJson() {
        Map<String, Object> tree = new LinkedHashMap<>();
        results.forEach((day, byCar) -> {
            Map<String, Object> cars = new LinkedHashMap<>();
            byCar.forEach((car, byRating) -> {
                Map<String, Object> ratings = new LinkedHashMap<>();
                byRating.forEach((rating, byLaw) -> {
                    Map<String, Object> laws = new LinkedHashMap<>();
                    byLaw.forEach((law, metrics) -> laws.put(law, metrics.asMap()));
                    ratings.put(rating, laws);
                });
                cars.put(car, ratings);
            });
            tree.put(day, cars);
        });
        return JsonWriter.write(tree);
    }
}
