package me.napolni.dinamics.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import me.napolni.dinamics.core.sim.Laws;
import me.napolni.dinamics.core.sim.ScenarioMatrix;
import me.napolni.dinamics.core.sim.ScenarioReport;

/**
 * Runs SCENARIO.md's whole matrix (every day of the household folder × 2 cars × 3 ratings × every law, with
 * core-sim's {@link ScenarioMatrix}) and writes {@code benchmarks.md} and its JSON twin {@code benchmarks.json}:
 * the latest JMH run's ratios and B/op, the gate's verdict, the simulation speed and the matrix tables.
 * <pre>
 *   java -cp benchmarks.jar me.napolni.dinamics.benchmarks.ScenarioMatrixMain \
 *       ../shared/testdata/household target/jmh-result.json docs/benchmarks.md docs/benchmarks.json
 * </pre>
 * A missing JMH result is reported in the documents, not an error; the gate ({@link BenchmarkGate}) is what fails.
 */
public final class ScenarioMatrixMain {

    /** The one command that regenerates {@code docs/benchmarks.md} and {@code docs/benchmarks.json}. */
    public static final String COMMAND = "mvn -B -pl benchmarks -am verify -Dbenchmarks.reportDir=docs";

    /** What each benchmark class measures and against what, shown above the figures. */
    private static final String MEASURED = String.join("\n",
            "What is measured (one JMH fork, 2 × 1 s warmup and 3 × 1 s measurement per benchmark: see"
                    + " `BenchmarkBase`):",
            "",
            "- `RmsMeterBenchmark`: `RmsMeter` over three phases of 12-bit CT samples (1480 per phase and call,"
                    + " synthetic 50 Hz current with harmonics and noise), against `EmonLibRmsBaseline`, the"
                    + " one-sample-at-a-time port of emonLib's `calcIrms`, one per phase. Score in samples/µs."
                    + " Equal results to 1e-12 relative are checked by `RmsMeterBenchmarkTest`.",
            "- `CurrentBalancerBenchmark`: `CurrentBalancer.doWork` on a replayed household minute (the minute of"
                    + " the first day where the current moves most, readings every 100 ms with the scenario's meter"
                    + " noise, a 3p16 car that follows the decisions, 25 A breaker); the floor copies the same"
                    + " readings.",
            "- `RapiCodecBenchmark`: decoding a `$OK` reply with four fields, a sequence id and a checksum, and"
                    + " encoding `$SC 16 V` with an id, against `String.split`/`parseInt` and `String.format`.",
            "- `ScenarioBenchmark`: one `Scenario.run` of the `dinamics` law over the first household day (main"
                    + " and meter-silence runs, 3p16, 25 A); the score is simulated seconds per second of wall"
                    + " time. The floor is a law that never acts.",
            "",
            "");

    private ScenarioMatrixMain() {
    }

    /**
     * Runs the matrix and writes the documents.
     *
     * @param args the household folder, the JMH JSON result, the Markdown output, the JSON output
     * @throws IOException when an input cannot be read or an output cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: ScenarioMatrixMain <household folder> <jmh-result.json> <benchmarks.md>"
                    + " <benchmarks.json>");
            System.exit(2);
            return;
        }
        ScenarioMatrix matrix = ScenarioMatrix.runFolder(Path.of(args[0]));
        int violations = writeReports(matrix, Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
        System.out.printf(Locale.ROOT, "matrix: %d days, %.0f simulated s at %.0fx real time; gate: %d violation(s)%n",
                matrix.results().size(), matrix.simulatedSeconds(), matrix.speed(), violations);
    }

    /**
     * Writes the documents for a matrix that has run.
     *
     * @param matrix the matrix
     * @param jmhFile the JMH JSON result; a missing file is reported in the documents
     * @param markdownOut where {@code benchmarks.md} goes
     * @param jsonOut where {@code benchmarks.json} goes
     * @return the number of gate violations written into the documents
     * @throws IOException when the JMH result cannot be read or an output cannot be written
     */
    static int writeReports(ScenarioMatrix matrix, Path jmhFile, Path markdownOut, Path jsonOut) throws IOException {
        List<JmhResult> jmh = Files.isRegularFile(jmhFile) ? JmhResult.listOf(JsonFiles.read(jmhFile)) : List.of();
        Object scenario = JsonFiles.parse(matrix.toJson());
        List<String> violations = new ArrayList<>();
        List<Comparison> comparisons = Comparison.pair(jmh, violations);
        if (!jmh.isEmpty()) {
            violations.addAll(BenchmarkGate.checkJmh(jmh));
        }
        violations.addAll(BenchmarkGate.checkScenario(scenario));
        List<String> gate = violations.stream().distinct().toList();

        Map<String, Object> twin = new LinkedHashMap<>();
        twin.put("regenerate", COMMAND);
        twin.put("jvm", jvm());
        twin.put("jmh_result", jmh.isEmpty() ? "missing: " + jmhFile : jmhFile.getFileName().toString());
        twin.put("jmh", jmhRows(jmh, comparisons));
        twin.put("matrix_simulated_s", round(matrix.simulatedSeconds()));
        twin.put("matrix_speed_x", round(matrix.speed()));
        twin.put("gate_violations", gate);
        twin.put(BenchmarkGate.SCENARIO_KEY, scenario);
        JsonFiles.write(jsonOut, twin);
        write(markdownOut, markdown(jmhFile, jmh, comparisons, matrix, gate));
        return gate.size();
    }

    private static List<Map<String, Object>> jmhRows(List<JmhResult> jmh, List<Comparison> comparisons) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JmhResult result : jmh) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark", result.shortName());
            row.put("score", round(result.score()));
            row.put("unit", result.unit());
            row.put("bytes_per_op", round(result.bytesPerOp()));
            for (Comparison comparison : comparisons) {
                if (comparison.measured() == result) {
                    row.put("baseline", comparison.rule().baseline());
                    row.put("ratio_to_baseline", round(comparison.ratio()));
                    row.put("must_be_faster", comparison.rule().mustBeFaster());
                    row.put("allocation_free", comparison.rule().allocationFree());
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Renders the report.
     *
     * @param jmhFile where the JMH result was read
     * @param jmh the JMH run, possibly empty
     * @param comparisons its comparisons
     * @param matrix the matrix
     * @param gate the gate's violations
     * @return Markdown
     */
    static String markdown(Path jmhFile, List<JmhResult> jmh, List<Comparison> comparisons, ScenarioMatrix matrix,
            List<String> gate) {
        StringBuilder md = new StringBuilder(1 << 16);
        md.append("# Benchmarks\n\n");
        md.append("Generated by a command, not by hand. To regenerate this file and its JSON twin `benchmarks.json`,"
                + " from the repository root:\n\n```\n").append(COMMAND).append("\n```\n\n");
        md.append("It builds the `benchmarks` module, runs the short JMH pass (`-rf json -prof gc`), then the"
                + " scenario matrix (`ScenarioMatrixMain`), which writes both files here, then the gate"
                + " (`BenchmarkGate`), which fails the build on a violation. Plain `mvn -B verify` does the same"
                + " into `benchmarks/target/`; `-DskipBenchmarks` skips all three steps for a quick build.\n\n");
        md.append("Times depend on the machine and its load: compare a benchmark only with its baseline in the same"
                + " run (the ratio), and read allocation from `gc.alloc.rate.norm` (B/op; JMH's own bookkeeping"
                + " shows as about 0.002). Latest run: ").append(jvm()).append(".\n\n");

        md.append("## Micro-benchmarks (JMH)\n\n");
        md.append(MEASURED);
        if (jmh.isEmpty()) {
            md.append("No JMH result at `").append(jmhFile).append("`: run the command above.\n\n");
        } else {
            md.append("| benchmark | baseline | × baseline | score | B/op | baseline B/op | held to |\n");
            md.append("|---|---|---:|---:|---:|---:|---|\n");
            for (Comparison c : comparisons) {
                JmhResult b = c.baseline();
                md.append("| `").append(c.measured().shortName()).append("` | `").append(c.rule().baseline())
                        .append("` | ").append(fixed(c.ratio(), 2)).append(" | ")
                        .append(significant(c.measured().score())).append(' ').append(c.measured().unit())
                        .append(" | ").append(fixed(c.measured().bytesPerOp(), 3)).append(" | ")
                        .append(b == null ? "–" : fixed(b.bytesPerOp(), 3)).append(" | ")
                        .append(heldTo(c.rule())).append(" |\n");
            }
            md.append("\n× baseline is the throughput ratio (above 1: faster than the baseline). A *floor* is a"
                    + " trivial pass that only gives the scale.\n\n");
            highlights(md, jmh, comparisons);
        }

        md.append("## Scenario matrix\n\n");
        md.append(String.format(Locale.ROOT, "The whole matrix (%d days × 2 cars × 3 ratings × %d laws, each with"
                + " its meter-silence run) simulated %.0f s at **%,.0f× real time** on one thread.%n%n",
                matrix.results().size(), Laws.names().size(), matrix.simulatedSeconds(), matrix.speed()));
        md.append("### Gate\n\n");
        md.append("`BenchmarkGate` fails the build when a hot path allocates more than ")
                .append(BenchmarkGate.MAX_HOT_PATH_BYTES_PER_OP)
                .append(" B/op, when a benchmark held to *faster* has a lower throughput than its baseline in the"
                        + " same run, or when on any day, car and rating `").append(BenchmarkGate.LAW)
                .append("` trips, peaks above ").append(fixed(BenchmarkGate.MAX_THERMAL_PEAK_PCT, 0))
                .append(" % of the thermal threshold, or gets a lower energy share than a reference law with 0 trips."
                        + " No absolute time is compared. Extra JMH options: `-Dbenchmarks.jmhArgs=\"...\"`.\n\n");
        if (gate.isEmpty()) {
            md.append("Latest run: **passed**.\n");
        } else {
            md.append("Latest run: **failed**, ").append(gate.size()).append(" violation(s):\n\n");
            for (String violation : gate) {
                md.append("- ").append(violation).append('\n');
            }
        }
        md.append('\n');
        String tables = ScenarioReport.markdown(matrix);
        int from = tables.indexOf("Modelling choices");
        md.append(from < 0 ? tables : tables.substring(from).replace("\n## ", "\n### "));
        return md.toString();
    }

    private static void highlights(StringBuilder md, List<JmhResult> jmh, List<Comparison> comparisons) {
        for (Comparison c : comparisons) {
            String name = c.measured().shortName();
            JmhResult b = c.baseline();
            if (b == null) {
                continue;
            }
            if (name.startsWith("RmsMeterBenchmark.")) {
                md.append(String.format(Locale.ROOT, "- `%s`: %,.0f samples/s against %,.0f for emonLib's loop:"
                        + " **%.2f×** (aim ≥ 3×).%n", name, c.measured().score() * 1e6, b.score() * 1e6,
                        c.ratio()));
            } else if (name.startsWith("CurrentBalancerBenchmark.")) {
                md.append(String.format(Locale.ROOT, "- `%s`: %.0f ns per pass, %.3f B/op; the trivial pass takes"
                        + " %.0f ns (ratio %.3f).%n", name, 1e3 / c.measured().score(), c.measured().bytesPerOp(),
                        1e3 / b.score(), c.ratio()));
            } else if (name.startsWith("ScenarioBenchmark.")) {
                md.append(String.format(Locale.ROOT, "- `%s`: **%,.0f simulated seconds per second** for one law"
                        + " over a day (aim ≥ 50 000×); the idle-law floor runs at %,.0f×.%n", name,
                        c.measured().score(), b.score()));
            } else {
                md.append(String.format(Locale.ROOT, "- `%s`: **%.2f×** `%s`, %.3f B/op.%n", name, c.ratio(),
                        b.method(), c.measured().bytesPerOp()));
            }
        }
        md.append('\n');
    }

    private static String heldTo(Against rule) {
        String speed = rule.mustBeFaster() ? "faster" : "floor";
        return rule.allocationFree() ? speed + ", < " + BenchmarkGate.MAX_HOT_PATH_BYTES_PER_OP + " B/op" : speed;
    }

    private static String jvm() {
        return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                + Runtime.getRuntime().availableProcessors() + " cores";
    }

    private static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String significant(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 1000 ? "%,.0f" : "%.4g", value);
    }

    private static Object round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        return Math.round(value * 10_000.0) / 10_000.0;
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
