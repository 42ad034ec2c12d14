package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code dinamics} law against the goals of SCENARIO.md §4, on every day of the shared folder (enumerated), both
 * cars and every rating, beside the reference laws run on the same inputs.
 */
class DinamicsLawScenarioTest {

    private static final String DINAMICS = DinamicsLaw.NAME;
    private static final List<String> REFERENCES = List.of(OriginalLaw.NAME, OpenEvseLaw.NAME, SmartEvseLaw.NAME);
    /** The safety line on the breaker's thermal state, percent of its trip threshold. */
    private static final double THERMAL_PEAK_LIMIT_PCT = 95.0;
    /**
     * The cases where a zero-trip reference charges more than {@code dinamics} although the {@link ThermalBound} at
     * 95 % says the reference's energy is reachable within the peak limit (explicit, one by one: {@code day car
     * rating law}). {@code openevse} balances the sum of the three phases and holds the 3p16 car at 16 A while one
     * phase runs above its rating: on the stress day its peak is 95.3 %, and the bound leaves it 0.03 points of room
     * that only perfect foresight could use; on the summer day it holds 16 A all day (the most possible).
     * The benchmark gate keeps the same list in {@code known-energy-shortfalls.txt}.
     */
    private static final Set<String> LISTED_SHORTFALLS = Set.of(
            "day-stress-induction 3p16 32 " + OpenEvseLaw.NAME,
            "day-summer-weekend 3p16 32 " + OpenEvseLaw.NAME);
    /**
     * The cases where a zero-trip reference pauses the car less often ({@code day car rating law}). On the winter
     * day at 25 A the house leaves less than the minimum − 3 A for longer than {@code timer4} (10 s): TOPICS.md 4.4
     * makes that a pause ({@code no_headroom}); {@code original} pauses only after 100 passes (60 s) below 6 A and
     * holds the car through it (with {@code timer4} at 60 s the law would too: measured, 0 pauses).
     */
    private static final Set<String> LISTED_EXTRA_PAUSES = Set.of(
            "day-winter-weekday 3p16 25 " + OriginalLaw.NAME);
    private static final double STALE_SAFE_LIMIT_S = 11.0;
    private static final double MINIMUM_SHARE_PCT = 97.0;

    private static List<HouseholdDay> days;
    private static ScenarioMatrix matrix;

    @BeforeAll
    static void runMatrix() throws IOException {
        days = new ArrayList<>();
        for (Path file : HouseholdDay.listDays(HouseholdDayTest.householdFolder())) {
            days.add(HouseholdDay.load(file));
        }
        List<String> laws = new ArrayList<>(REFERENCES);
        laws.add(DINAMICS);
        matrix = ScenarioMatrix.run(days, laws);
        System.out.println(table());
    }

    private static String table() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-22s %-4s %3s | %-28s | %-28s | %s%n",
                "day", "car", "In", "energy_share_pct o/oe/s/DIN", "changes_per_h o/oe/s/DIN", "pauses o/oe/s/DIN"));
        for (HouseholdDay day : days) {
            for (CarProfile car : CarProfile.values()) {
                for (int rating : ScenarioMatrix.RATINGS_AMPS) {
                    StringBuilder share = new StringBuilder();
                    StringBuilder changes = new StringBuilder();
                    StringBuilder pauses = new StringBuilder();
                    for (String law : allLaws()) {
                        ScenarioMetrics m = matrix.metrics(day.name(), car, rating, law);
                        String trips = m.trips() > 0 ? "*" : "";
                        share.append(String.format(Locale.ROOT, "%6.2f%s ", m.energySharePct(), trips));
                        changes.append(String.format(Locale.ROOT, "%6.1f ", m.setpointChangesPerH()));
                        pauses.append(String.format(Locale.ROOT, "%3d ", m.pauses()));
                    }
                    text.append(String.format(Locale.ROOT, "%-22s %-4s %3d | %s| %s| %s%n", day.name(), car.id(),
                            rating, share, changes, pauses));
                }
            }
        }
        return text.append("(* the law tripped the breaker in that case)").toString();
    }

    private static List<String> allLaws() {
        List<String> laws = new ArrayList<>(REFERENCES);
        laws.add(DINAMICS);
        return laws;
    }

    private interface CaseCheck {
        void check(String name, ScenarioMetrics ours, HouseholdDay day, CarProfile car, int rating);
    }

    private static void forEveryCase(CaseCheck check) {
        assertFalse(days.isEmpty(), "no household day found");
        for (HouseholdDay day : days) {
            for (CarProfile car : CarProfile.values()) {
                for (int rating : ScenarioMatrix.RATINGS_AMPS) {
                    String name = day.name() + "/" + car.id() + "/" + rating + " A";
                    check.check(name, matrix.metrics(day.name(), car, rating, DINAMICS), day, car, rating);
                }
            }
        }
    }

    @Test
    void shouldNeverTripWhenAnyDayCarAndRating() {
        forEveryCase((name, ours, day, car, rating) -> assertEquals(0, ours.trips(), name));
    }

    @Test
    void shouldKeepThermalPeakUnderSafetyLineWhenAnyDayCarAndRating() {
        forEveryCase((name, ours, day, car, rating) -> assertTrue(ours.thermalPeakPct() <= THERMAL_PEAK_LIMIT_PCT,
                name + ": thermal peak " + ours.thermalPeakPct() + " %"));
    }

    /**
     * Against every zero-trip reference: at least its energy share, unless its share is above the 95 % thermal
     * bound (then no law keeping the peak at 95 % could match it; printed) or the case is listed.
     */
    @Test
    void shouldChargeAtLeastAsMuchAsEveryReferenceWhenItDoesNotTripAndStaysWithinTheBound() {
        Set<String> fallingShort = new TreeSet<>();
        forEveryCase((name, ours, day, car, rating) -> {
            for (String reference : REFERENCES) {
                ScenarioMetrics theirs = matrix.metrics(day.name(), car, rating, reference);
                if (theirs.trips() != 0 || ours.energySharePct() >= theirs.energySharePct()) {
                    continue;
                }
                String key = day.name() + " " + car.id() + " " + rating + " " + reference;
                if (theirs.energySharePct() > ours.bound95Pct()) {
                    System.out.println("EXCLUDED (above the 95 % thermal bound " + ours.bound95Pct() + " %): " + key
                            + " " + theirs.energySharePct() + " %");
                } else if (LISTED_SHORTFALLS.contains(key)) {
                    fallingShort.add(key);
                } else {
                    fail(name + ": " + ours.energySharePct() + " % < " + reference + " " + theirs.energySharePct()
                            + " % (0 trips, bound_95_pct " + ours.bound95Pct() + " %)");
                }
            }
        });
        assertEquals(LISTED_SHORTFALLS, fallingShort, "a listed case that no longer falls short must be removed");
    }

    /** The bound is an upper bound: no law that keeps its peak at 95 % and never trips charges more. */
    @Test
    void shouldChargeNoMoreThanTheThermalBoundWhenAnyLawKeepsItsPeakWithinNinetyFive() {
        forEveryCase((name, ours, day, car, rating) -> {
            for (String law : allLaws()) {
                ScenarioMetrics m = matrix.metrics(day.name(), car, rating, law);
                if (m.trips() == 0 && m.thermalPeakPct() <= ThermalBound.GOAL_PEAK_PCT) {
                    assertTrue(m.energySharePct() <= m.bound95Pct(),
                            name + " " + law + ": " + m.energySharePct() + " % > bound " + m.bound95Pct() + " %");
                }
            }
        });
    }

    @Test
    void shouldReachNinetySevenPercentOfIdealWhenAnyDayCarAndRating() {
        forEveryCase((name, ours, day, car, rating) -> assertTrue(ours.energySharePct() >= MINIMUM_SHARE_PCT,
                name + ": " + ours.energySharePct() + " %"));
    }

    /** SCENARIO.md's goal: at most a third of {@code original}'s rate of setpoint changes. */
    @Test
    void shouldChangeSetpointAtMostAThirdAsOftenAsOriginalWhenAnyDayCarAndRating() {
        forEveryCase((name, ours, day, car, rating) -> {
            ScenarioMetrics original = matrix.metrics(day.name(), car, rating, OriginalLaw.NAME);
            assertTrue(ours.setpointChangesPerH() <= original.setpointChangesPerH() / 3.0,
                    name + ": " + ours.setpointChangesPerH() + " changes/h vs original "
                            + original.setpointChangesPerH());
        });
    }

    /** SCENARIO.md's goal: no more pauses than any reference law with 0 trips, but for the listed cases. */
    @Test
    void shouldPauseNoMoreOftenThanEveryReferenceWhenItDoesNotTrip() {
        Set<String> extra = new TreeSet<>();
        forEveryCase((name, ours, day, car, rating) -> {
            for (String reference : REFERENCES) {
                ScenarioMetrics theirs = matrix.metrics(day.name(), car, rating, reference);
                if (theirs.trips() != 0 || ours.pauses() <= theirs.pauses()) {
                    continue;
                }
                String key = day.name() + " " + car.id() + " " + rating + " " + reference;
                if (LISTED_EXTRA_PAUSES.contains(key)) {
                    extra.add(key);
                } else {
                    fail(name + ": " + ours.pauses() + " pauses > " + reference + " " + theirs.pauses());
                }
            }
        });
        assertEquals(LISTED_EXTRA_PAUSES, extra, "a listed case that no longer pauses more must be removed");
    }

    @Test
    void shouldBeSafeWithinElevenSecondsWhenMeterFallsSilent() {
        forEveryCase((name, ours, day, car, rating) -> {
            if (!Double.isNaN(ours.staleSafeS())) {
                assertTrue(ours.staleSafeS() <= STALE_SAFE_LIMIT_S, name + ": " + ours.staleSafeS() + " s");
            }
        });
    }
}
