package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole matrix over every day of the shared folder (enumerated), every registered law, both cars, 3 ratings. */
class ScenarioMatrixTest {

    private static List<HouseholdDay> days;
    private static ScenarioMatrix first;

    @BeforeAll
    static void runOnce() throws IOException {
        days = new ArrayList<>();
        for (Path file : HouseholdDay.listDays(HouseholdDayTest.householdFolder())) {
            days.add(HouseholdDay.load(file));
        }
        first = ScenarioMatrix.run(days, Laws.names());
        System.out.println(ScenarioReport.markdown(first));
        System.out.printf(Locale.ROOT, "scenario speed: %.0f simulated seconds per wall-clock second%n",
                first.speed());
    }

    @Test
    void shouldHaveEveryCaseOfEveryDayCarRatingAndLaw() {
        assertFalse(days.isEmpty());
        assertEquals(days.size(), first.results().size());
        for (HouseholdDay day : days) {
            for (CarProfile car : CarProfile.values()) {
                for (int rating : ScenarioMatrix.RATINGS_AMPS) {
                    for (String law : Laws.names()) {
                        ScenarioMetrics m = first.metrics(day.name(), car, rating, law);
                        assertTrue(m.energyKwh() > 0.0, day.name() + "/" + car.id() + "/" + rating + "/" + law);
                        assertTrue(m.thermalPeakPct() > 0.0);
                        assertEquals(0, m.houseTrips(), "the house alone never trips these days");
                        assertEquals(first.metrics(day.name(), car, rating, Laws.IDEAL).bound113Pct(),
                                m.bound113Pct());
                        assertEquals(first.metrics(day.name(), car, rating, Laws.IDEAL).bound95Pct(),
                                m.bound95Pct());
                    }
                    ScenarioMetrics ideal = first.metrics(day.name(), car, rating, Laws.IDEAL);
                    assertEquals(100.0, ideal.energySharePct(), 1e-9);
                    assertEquals(0, ideal.trips());
                    assertTrue(ideal.bound113Pct() >= 100.0);
                    if (ideal.thermalPeakPct() <= ThermalBound.GOAL_PEAK_PCT) {
                        // the ideal itself is a plan within the peak, so the bound cannot be below it
                        assertTrue(ideal.bound95Pct() >= 100.0 - 1e-9, day.name() + " " + ideal.bound95Pct());
                    }
                }
            }
        }
    }

    @Test
    void shouldGiveTheSameNumbersWhenRunTwice() {
        ScenarioMatrix second = ScenarioMatrix.run(days, Laws.names());
        assertEquals(first.results(), second.results());
        assertEquals(first.toJson(), second.toJson());
    }

    @Test
    void shouldWriteJsonAsDayCarRatingLawMetric() {
        String json = first.toJson();
        for (HouseholdDay day : days) {
            assertTrue(json.contains("\"" + day.name() + "\": {"), day.name());
        }
        assertTrue(json.contains("\"3p16\": {") && json.contains("\"1p32\": {"));
        assertTrue(json.contains("\"20\": {") && json.contains("\"25\": {") && json.contains("\"32\": {"));
        for (String law : Laws.names()) {
            assertTrue(json.contains("\"" + law + "\": {"), law);
        }
        assertTrue(json.contains("\"ideal\": {"));
        for (String metric : first.metrics(days.get(0).name(), CarProfile.THREE_PHASE_16A, 20, Laws.IDEAL)
                .asMap().keySet()) {
            assertTrue(json.contains("\"" + metric + "\": "), metric);
        }
        assertFalse(json.contains("NaN") || json.contains("Infinity"), "no bare NaN or Infinity in JSON");
        long open = json.chars().filter(c -> c == '{').count();
        long close = json.chars().filter(c -> c == '}').count();
        assertEquals(open, close);
    }

    @Test
    void shouldNotAllocatePerStepWhenRunningADay() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Scenario scenario = Scenario.of(days.get(0), CarProfile.THREE_PHASE_16A, 25);
        for (String name : Laws.names()) {
            Law law = Laws.byName(name);
            scenario.run(law);
            long before = threads.getCurrentThreadAllocatedBytes();
            scenario.run(law);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            double perStep = allocated / (scenario.simulatedSecondsPerRun() * 10);
            System.out.printf(Locale.ROOT, "%s: %d bytes for one run, %.3f B/step%n", name, allocated, perStep);
            assertTrue(perStep < 1.0, name + " allocates " + perStep + " bytes per step");
        }
    }

    @Test
    void shouldListTheReferenceLawsInTableOrder() {
        List<String> names = Laws.names();
        assertEquals(List.of("original", "openevse", "smartevse"), names.subList(0, 3));
        for (String name : names) {
            assertEquals(name, Laws.byName(name).name());
        }
        Map<String, Object> row = first.metrics(days.get(0).name(), CarProfile.SINGLE_PHASE_32A, 32, Laws.IDEAL)
                .asMap();
        assertEquals(ScenarioMetrics.TEXT_NOT_APPLICABLE, row.get("pauses"));
        assertEquals(ScenarioMetrics.TEXT_NOT_APPLICABLE, row.get("stale_safe_s"));
        assertThrows(IllegalArgumentException.class,
                () -> first.metrics("no-such-day", CarProfile.SINGLE_PHASE_32A, 32, Laws.IDEAL));
        assertThrows(IllegalArgumentException.class,
                () -> first.metrics(days.get(0).name(), CarProfile.SINGLE_PHASE_32A, 16, Laws.IDEAL));
    }
}
