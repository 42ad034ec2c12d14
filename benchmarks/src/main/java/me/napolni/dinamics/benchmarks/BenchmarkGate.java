package me.napolni.dinamics.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CI gate over a JMH run ({@code -rf json}, with {@code -prof gc}) and the scenario matrix
 * ({@code benchmarks.json} from {@link ScenarioMatrixMain}). It fails when:
 * <ul>
 *   <li>a hot-path benchmark ({@link Against#allocationFree()}) allocates more than
 *   {@value #MAX_HOT_PATH_BYTES_PER_OP} B/op, or the run has no {@code gc.alloc.rate.norm} for it;</li>
 *   <li>a benchmark that must beat its baseline ({@link Against#mustBeFaster()}) has a lower throughput than the
 *   baseline in the same run (only ratios: no absolute time is compared);</li>
 *   <li>on any day, car and rating the {@value #LAW} law trips, peaks above {@value #MAX_THERMAL_PEAK_PCT} % of
 *   the thermal threshold, or gets a lower energy share than a reference law with 0 trips on the same case.
 *   Two exceptions, both printed: a reference whose share is above the case's {@value #BOUND_METRIC} (the
 *   {@code ThermalBound}: no law keeping its thermal peak at {@value #MAX_THERMAL_PEAK_PCT} % can charge that
 *   much, so the reference buys its energy with a higher peak) does not count (computed, nothing to list); a case
 *   listed in {@value #KNOWN_SHORTFALLS} is reported instead of failing (a listed case that no longer falls short
 *   fails, so the list can only shrink). A matrix without the bound excludes nothing.</li>
 * </ul>
 * <pre>
 *   java -cp benchmarks.jar me.napolni.dinamics.benchmarks.BenchmarkGate target/jmh-result.json target/benchmarks.json
 * </pre>
 * Exit status 0 when everything holds, 1 with one line per violation otherwise, 2 for unusable arguments.
 */
public final class BenchmarkGate {

    /** Above this, a benchmark allocates (JMH's own bookkeeping shows as about 0.002 B/op). */
    public static final double MAX_HOT_PATH_BYTES_PER_OP = 0.1;
    /** The highest thermal peak allowed for our law, percent of the trip threshold. */
    public static final double MAX_THERMAL_PEAK_PCT = 95.0;
    /** Our law's name in the matrix. */
    public static final String LAW = "dinamics";
    /** The key of the matrix results in {@code benchmarks.json}. */
    public static final String SCENARIO_KEY = "scenario";

    /** The classpath resource listing accepted energy shortfalls, one {@code day car rating law} per line. */
    public static final String KNOWN_SHORTFALLS = "/known-energy-shortfalls.txt";

    /** The metric of the matrix that holds the upper bound within the peak limit, percent of the ideal. */
    public static final String BOUND_METRIC = "bound_95_pct";

    private static final String IDEAL = "ideal";

    private BenchmarkGate() {
    }

    /**
     * Checks a JMH result and a {@code benchmarks.json}.
     *
     * @param args the JMH JSON result and the matrix JSON
     * @throws IOException when a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: BenchmarkGate <jmh-result.json> <benchmarks.json>");
            System.exit(2);
            return;
        }
        Object jmh = JsonFiles.read(Path.of(args[0]));
        for (Comparison c : Comparison.pair(JmhResult.listOf(jmh), new ArrayList<>())) {
            System.out.printf(Locale.ROOT, "  %-50s %8.3fx %-28s %8.3f B/op%n", c.measured().shortName(), c.ratio(),
                    c.rule().baseline(), c.measured().bytesPerOp());
        }
        List<String> violations = check(jmh, JsonFiles.read(Path.of(args[1])));
        if (violations.isEmpty()) {
            System.out.println("benchmark gate: passed");
            return;
        }
        System.err.println("benchmark gate: " + violations.size() + " violation(s)");
        for (String violation : violations) {
            System.err.println("  " + violation);
        }
        System.exit(1);
    }

    /**
     * Checks a JMH result and a matrix.
     *
     * @param jmhTree the parsed JMH JSON result
     * @param matrixTree the parsed {@code benchmarks.json}
     * @return one line per violation, empty when the gate passes
     */
    static List<String> check(Object jmhTree, Object matrixTree) {
        return check(jmhTree, matrixTree, knownShortfalls());
    }

    /**
     * Checks a JMH result and a matrix with a given list of accepted energy shortfalls.
     *
     * @param jmhTree the parsed JMH JSON result
     * @param matrixTree the parsed {@code benchmarks.json}
     * @param known accepted shortfalls, each {@code day car rating law}
     * @return one line per violation, empty when the gate passes
     */
    static List<String> check(Object jmhTree, Object matrixTree, Set<String> known) {
        List<String> violations = new ArrayList<>(checkJmh(JmhResult.listOf(jmhTree)));
        Object scenario = matrixTree instanceof Map<?, ?> twin ? twin.get(SCENARIO_KEY) : null;
        violations.addAll(checkScenario(scenario, known));
        return violations;
    }

    /**
     * Reads the accepted energy shortfalls from {@value #KNOWN_SHORTFALLS}.
     *
     * @return the cases, each {@code day car rating law}
     */
    static Set<String> knownShortfalls() {
        Set<String> known = new TreeSet<>();
        try (InputStream in = BenchmarkGate.class.getResourceAsStream(KNOWN_SHORTFALLS)) {
            if (in == null) {
                return known;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String entry = line.strip().replaceAll("\\s+", " ");
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    known.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + KNOWN_SHORTFALLS, e);
        }
        return known;
    }

    /**
     * Checks allocation and speed against the baselines of one run.
     *
     * @param results the run
     * @return one line per violation
     */
    static List<String> checkJmh(List<JmhResult> results) {
        List<String> violations = new ArrayList<>();
        if (results.isEmpty()) {
            violations.add("the JMH run has no benchmark");
        }
        for (Comparison comparison : Comparison.pair(results, violations)) {
            JmhResult measured = comparison.measured();
            if (comparison.rule().allocationFree()) {
                double bytes = measured.bytesPerOp();
                if (Double.isNaN(bytes)) {
                    violations.add(measured.shortName() + ": no " + JmhResult.ALLOC_NORM + " (run JMH with -prof gc)");
                } else if (bytes > MAX_HOT_PATH_BYTES_PER_OP) {
                    violations.add(String.format(Locale.ROOT, "%s: allocates %.3f B/op on a hot path (limit %.1f)",
                            measured.shortName(), bytes, MAX_HOT_PATH_BYTES_PER_OP));
                }
            }
            if (comparison.rule().mustBeFaster() && comparison.baseline() != null && !(comparison.ratio() >= 1.0)) {
                violations.add(String.format(Locale.ROOT, "%s: %.3g %s is slower than its baseline %s at %.3g %s"
                        + " (ratio %.2f)", measured.shortName(), measured.score(), measured.unit(),
                        comparison.baseline().method(), comparison.baseline().score(), comparison.baseline().unit(),
                        comparison.ratio()));
            }
        }
        return violations;
    }

    /**
     * Checks our law over the matrix: no trip, thermal peak at most {@value #MAX_THERMAL_PEAK_PCT} %, and an energy
     * share at least that of every reference law with 0 trips on the same case, except the cases listed in
     * {@value #KNOWN_SHORTFALLS}.
     *
     * @param scenario the matrix, {@code {day: {car: {rating: {law: {metric: value}}}}}}
     * @return one line per violation
     */
    static List<String> checkScenario(Object scenario) {
        return checkScenario(scenario, knownShortfalls());
    }

    /**
     * Checks our law over the matrix, reporting instead of failing the listed energy shortfalls; a listed case that
     * no longer falls short is a violation, so the list can only shrink.
     *
     * @param scenario the matrix
     * @param known accepted shortfalls, each {@code day car rating law}
     * @return one line per violation
     */
    static List<String> checkScenario(Object scenario, Set<String> known) {
        Set<String> seen = new TreeSet<>();
        List<String> violations = checkCases(scenario, known, seen);
        for (String listed : known) {
            if (!seen.contains(listed)) {
                violations.add(listed + ": listed in " + KNOWN_SHORTFALLS
                        + " but no longer falls short (or no longer exists): remove the line");
            }
        }
        return violations;
    }

    private static List<String> checkCases(Object scenario, Set<String> known, Set<String> seen) {
        List<String> violations = new ArrayList<>();
        if (!(scenario instanceof Map<?, ?> days) || days.isEmpty()) {
            violations.add("the matrix has no scenario results ('" + SCENARIO_KEY + "')");
            return violations;
        }
        days.forEach((day, byCar) -> children(byCar).forEach((car, byRating) ->
                children(byRating).forEach((rating, byLaw) -> {
                    String where = day + " " + car + " " + rating + " A";
                    String id = day + " " + car + " " + rating;
                    checkCase(where, id, children(byLaw), violations, known, seen);
                })));
        return violations;
    }

    private static void checkCase(String where, String id, Map<?, ?> laws, List<String> violations,
            Set<String> known, Set<String> seen) {
        Map<?, ?> ours = children(laws.get(LAW));
        if (ours.isEmpty()) {
            violations.add(where + ": no '" + LAW + "' results");
            return;
        }
        double trips = number(ours.get("trips"));
        if (!(trips == 0.0)) {
            violations.add(where + ": " + LAW + " trips " + ours.get("trips") + " time(s)");
        }
        double peak = number(ours.get("thermal_peak_pct"));
        if (!(peak <= MAX_THERMAL_PEAK_PCT)) {
            violations.add(String.format(Locale.ROOT, "%s: %s thermal peak %s %% above %.0f %%", where, LAW,
                    ours.get("thermal_peak_pct"), MAX_THERMAL_PEAK_PCT));
        }
        double share = number(ours.get("energy_share_pct"));
        double bound = number(ours.get(BOUND_METRIC));
        laws.forEach((name, metrics) -> {
            if (LAW.equals(name) || IDEAL.equals(name)) {
                return;
            }
            Map<?, ?> reference = children(metrics);
            double referenceShare = number(reference.get("energy_share_pct"));
            if (number(reference.get("trips")) == 0.0 && !Double.isNaN(referenceShare) && !(share >= referenceShare)) {
                String shortfall = String.format(Locale.ROOT, "%s: %s energy share %s %% below %s's %s %% (0 trips)",
                        where, LAW, ours.get("energy_share_pct"), name, reference.get("energy_share_pct"));
                String key = id + " " + name;
                if (referenceShare > bound) {
                    System.out.println("  EXCLUDED, above " + BOUND_METRIC + " " + ours.get(BOUND_METRIC)
                            + " % (unreachable within a " + MAX_THERMAL_PEAK_PCT + " % thermal peak): " + shortfall);
                } else if (known.contains(key)) {
                    seen.add(key);
                    System.out.println("  known shortfall (" + KNOWN_SHORTFALLS + "): " + shortfall);
                } else {
                    violations.add(shortfall);
                }
            }
        });
    }

    private static Map<?, ?> children(Object node) {
        return node instanceof Map<?, ?> map ? map : Map.of();
    }

    /** A JSON number, or NaN for anything else ({@code "n/a"}, {@code "inf"}, missing). */
    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
