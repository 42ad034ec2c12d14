package me.napolni.dinamics.core.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import me.napolni.dinamics.core.sim.internal.JsonWriter;

/**
 * Writes the scenario matrix as a Markdown report and as JSON, so that {@code docs/scenario.md} comes from a
 * command and is never typed by hand.
 *
 * <p>From the repository root:
 * <pre>{@code
 * mvn -B -o -q -pl dinamics-core -am compile
 * java -cp dinamics-core/target/classes me.napolni.dinamics.core.sim.ScenarioReport \
 *     ../shared/testdata/household docs/scenario.md dinamics-core/target/scenario.json
 * }</pre>
 * The report itself holds only deterministic figures (regenerating it gives the same bytes); the speed is
 * printed on standard output.
 */
public final class ScenarioReport {

    /** The command that regenerates the report, written at its top. */
    public static final String COMMAND = "mvn -B -o -q -pl dinamics-core -am compile && "
            + "java -cp dinamics-core/target/classes me.napolni.dinamics.core.sim.ScenarioReport "
            + "../shared/testdata/household docs/scenario.md dinamics-core/target/scenario.json";

    /** The metrics shown in the Markdown tables, with their decimals. */
    private static final List<Map.Entry<String, Integer>> COLUMNS = List.of(
            Map.entry("trips", 0), Map.entry("house_trips", 0), Map.entry("thermal_peak_pct", 2),
            Map.entry("overload_As", 1), Map.entry("energy_kWh", 2), Map.entry("energy_share_pct", 2),
            Map.entry("bound_113_pct", 1), Map.entry("bound_95_pct", 2),
            Map.entry("setpoint_changes_per_h", 1), Map.entry("pauses", 0),
            Map.entry("reaction_p99_s", 1), Map.entry("reaction_episodes", 0), Map.entry("stale_safe_s", 1));

    /** Where SCENARIO.md leaves room, what the implementation does (kept with the figures it explains). */
    private static final String CHOICES = String.join("\n",
            "Modelling choices where `SCENARIO.md` leaves room (see the javadoc of `core.sim`):",
            "",
            "- The car's target for step k uses t = 0.1k s: the setpoints in force after the commands of steps "
                    + "k − 20 to k − 10 (a decrease reaches the car after 1 s, an increase after 2 s).",
            "- Pause from c0 (the previous step's current): the step of the command carries 0.9·c0, then 0.8·c0, "
                    + "…, 0 A from the 10th step (1.0 s after the command). Resume: 0 A in the command's step and "
                    + "the 49 after it, 6 A in the 51st. A resume during the pause ramp starts the 5 s dead time "
                    + "at once.",
            "- The charger rejects setpoints above 32 A as it rejects those below 6 A (nothing changes or counts).",
            "- A trip at step k: power is off in steps k+1 … k+6000; the car is paused with a 6 A setpoint from "
                    + "step k+6001; the gateway forgets its readings, receives the meter again from step k+6001 "
                    + "and the law is powered on with t0 = step k+6005; `$GG` samples restart at t0.",
            "- `stale_safe_s`: \"already safe at 12:00\" is the state before the step of 12:00:00.0; safety is "
                    + "then checked after every step's commands up to 12:04:59.9.",
            "- `setpoint_changes_per_h` is `n/a` when changes happened without any charging time; "
                    + "`reaction_p99_s` is 0 without episodes.",
            "- The `ideal` row drives the same breaker model with the ideal currents (without opening it) for "
                    + "its `thermal_peak_pct`, `overload_As` and `trips`; law-only figures are `n/a`.",
            "- `smartevse` treats stale readings (≥ 11 s) like 6 A not fitting: it pauses and retries 60 s after "
                    + "the readings are fresh; its `$GG` period is 1 s.",
            "");

    private ScenarioReport() {
    }

    /**
     * Runs the matrix over a folder of days and writes the report and the JSON.
     *
     * @param args the testdata folder, the Markdown output, the JSON output
     * @throws IOException if the folder or a day cannot be read or an output cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ScenarioReport <household folder> <report.md> <scenario.json>");
            System.exit(2);
            return;
        }
        ScenarioMatrix matrix = ScenarioMatrix.runFolder(Path.of(args[0]));
        write(Path.of(args[1]), markdown(matrix));
        write(Path.of(args[2]), matrix.toJson());
        System.out.printf(Locale.ROOT, "%d days, laws %s: %.0f simulated s at %.0fx real time%n",
                matrix.results().size(), Laws.names(), matrix.simulatedSeconds(), matrix.speed());
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * Renders the matrix as Markdown: the command that made it, the legend, then one table per day with a row per
     * car × rating × law and the ideal reference.
     *
     * @param matrix the results
     * @return the Markdown text
     */
    public static String markdown(ScenarioMatrix matrix) {
        StringBuilder md = new StringBuilder(1 << 15);
        md.append("# Household scenario: results\n\n");
        md.append("Generated by a command, not by hand (from the repository root):\n\n```\n")
                .append(COMMAND).append("\n```\n\n");
        md.append("The scenario is defined in `SCENARIO.md` of the reference shelf: every day of "
                + "`testdata/household/` × car `3p16`/`1p32` × breaker 20/25/32 A × law, 100 ms steps, "
                + "deterministic. `ideal` is the reference (per second, min(car max, In − house) on the car's "
                + "phases, 0 below 6 A; it ignores trips): `energy_share_pct` is a law's energy as % of it and "
                + "`bound_113_pct` the same ideal with 1.13·In. `bound_95_pct` is a proven upper bound "
                + "(`ThermalBound`: perfect foresight, instant car, Lagrangian dual of the breaker model) on the "
                + "energy share of any law whose thermal peak stays ≤ 95 %: a law above it pays with a higher peak. "
                + "`n/a`: does not apply (for `stale_safe_s`: already "
                + "safe at 12:00 or an outage overlaps the silence); `never`: not safe by 12:05; `inf`: a reaction "
                + "episode ended by a trip. `reaction_p99_s` is 0 when there is no episode (`reaction_episodes`). "
                + "Laws: ").append(String.join(", ", Laws.names())).append(".\n\n");
        md.append(CHOICES);
        matrix.results().forEach((day, byCar) -> {
            md.append("\n## ").append(day).append("\n\n| car | In | law |");
            for (Map.Entry<String, Integer> column : COLUMNS) {
                md.append(' ').append(column.getKey()).append(" |");
            }
            md.append("\n|---|---|---|");
            for (int i = 0; i < COLUMNS.size(); i++) {
                md.append("---:|");
            }
            md.append('\n');
            byCar.forEach((car, byRating) -> byRating.forEach((rating, byLaw) -> byLaw.forEach((law, metrics) -> {
                md.append("| ").append(car).append(" | ").append(rating).append(" | ")
                        .append(Laws.IDEAL.equals(law) ? "*" + law + "*" : law).append(" |");
                Map<String, Object> values = metrics.asMap();
                for (Map.Entry<String, Integer> column : COLUMNS) {
                    md.append(' ').append(cell(values.get(column.getKey()), column.getValue())).append(" |");
                }
                md.append('\n');
            })));
        });
        return md.toString();
    }

    private static String cell(Object value, int decimals) {
        if (value instanceof Double number) {
            return JsonWriter.decimal(number, decimals);
        }
        return String.valueOf(value);
    }
}
