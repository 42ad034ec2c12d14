package me.napolni.dinamics.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CI gate over a JMH run ({@code -rf json}, with {@code -prof gc}) and the scenario matrix
 * ({@code benchmarks.json} from {@link ScenarioMatrixMain}). It fails when:
 * <ul>
 *   <li>a hot-path benchmark ({@link Against#allocationFree()}) allocates more than
 *   {@value #MAX_HOT_PATH_BYTES_PER_OP} B/op, or the run has no {@code gc.alloc.rate.norm} for it;</li>
 *   <li>a benchmark that must beat its baseline ({@link Against#mustBeFaster()}) has a lower throughput than the
 *   baseline in the same run (only ratios: no absolute time is compared);</li>
 *   <li>on any day, car and rating the {@value #LAW} law trips, peaks above {@value #MAX_THERMAL_PEAK_PCT} % of
 *   the thermal threshold, or gets a lower energy share than a reference law with 0 trips on the same case.</li>
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
        List<String> violations = new ArrayList<>(checkJmh(JmhResult.listOf(jmhTree)));
        Object scenario = matrixTree instanceof Map<?, ?> twin ? twin.get(SCENARIO_KEY) : null;
        violations.addAll(checkScenario(scenario));
        return violations;
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
     * share at least that of every reference law with 0 trips on the same case.
     *
     * @param scenario the matrix, {@code {day: {car: {rating: {law: {metric: value}}}}}}
     * @return one line per violation
     */
    static List<String> checkScenario(Object scenario) {
        List<String> violations = new ArrayList<>();
        if (!(scenario instanceof Map<?, ?> days) || days.isEmpty()) {
            violations.add("the matrix has no scenario results ('" + SCENARIO_KEY + "')");
            return violations;
        }
        days.forEach((day, byCar) -> children(byCar).forEach((car, byRating) ->
                children(byRating).forEach((rating, byLaw) -> {
                    String where = day + " " + car + " " + rating + " A";
                    checkCase(where, children(byLaw), violations);
                })));
        return violations;
    }

    private static void checkCase(String where, Map<?, ?> laws, List<String> violations) {
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
        laws.forEach((name, metrics) -> {
            if (LAW.equals(name) || IDEAL.equals(name)) {
                return;
            }
            Map<?, ?> reference = children(metrics);
            double referenceShare = number(reference.get("energy_share_pct"));
            if (number(reference.get("trips")) == 0.0 && !Double.isNaN(referenceShare) && !(share >= referenceShare)) {
                violations.add(String.format(Locale.ROOT, "%s: %s energy share %s %% below %s's %s %% (0 trips)",
                        where, LAW, ours.get("energy_share_pct"), name, reference.get("energy_share_pct")));
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
