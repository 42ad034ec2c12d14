package me.napolni.dinamics.host.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import me.napolni.dinamics.core.sim.CarProfile;
import me.napolni.dinamics.core.sim.HouseholdDay;
import me.napolni.dinamics.core.sim.HouseholdDayException;
import me.napolni.dinamics.core.sim.Laws;
import me.napolni.dinamics.core.sim.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code dinamics replay}: the household scenario of SCENARIO.md as fast as the CPU allows. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replays a household day with a simulated car and breaker (SCENARIO.md) for every law, "
                + "prints the metrics table and optionally writes JSON.")
public final class ReplayCommand implements Callable<Integer> {

    private static final long PROGRESS_AFTER_NS = 1_000_000_000L;
    private static final int BAR_WIDTH = 30;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"--day", "--trace"}, required = true, paramLabel = "FILE",
            description = "A household day, *.csv.gz (../shared/testdata/household/).")
    private Path day;

    @Option(names = "--law", paramLabel = "NAME", description = "Only this law (and the ideal); default every law.")
    private String law;

    @Mixin
    private SiteOptions site;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the metrics as JSON to this file.")
    private Path json;

    @Override
    public Integer call() throws IOException {
        CommandLine line = spec.commandLine();
        CarProfile profile = site.carProfile(line);
        int breakerAmps = site.breakerAmps(line);
        List<String> laws = new ArrayList<>();
        if (law == null) {
            laws.addAll(Laws.names());
        } else if (Laws.names().contains(law)) {
            laws.add(law);
        } else {
            throw new CommandLine.ParameterException(line,
                    "unknown law '" + law + "' (known: " + String.join(", ", Laws.names()) + ")");
        }
        HouseholdDay household;
        try {
            household = HouseholdDay.load(day);
        } catch (HouseholdDayException e) {
            throw new CommandLine.ParameterException(line, "--day " + day + ": " + e.getMessage());
        }
        PrintWriter out = line.getOut();
        PrintWriter err = line.getErr();
        long startNs = System.nanoTime();
        Scenario scenario = Scenario.of(household, profile, breakerAmps);
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (int i = 0; i < laws.size(); i++) {
            progress(err, startNs, i, laws.size(), laws.get(i));
            rows.put(laws.get(i), scenario.run(Laws.byName(laws.get(i))).asMap());
        }
        rows.put(Laws.IDEAL, scenario.ideal().asMap());
        progress(err, startNs, laws.size(), laws.size(), "done");
        double elapsedS = (System.nanoTime() - startNs) / 1e9;
        out.printf(Locale.ROOT, "%s, car %s, breaker %d A: %d law(s) in %.1f s (%.0fx real time)%n",
                household.name(), profile.id(), breakerAmps, laws.size(), elapsedS,
                scenario.simulatedSecondsPerRun() * laws.size() / Math.max(elapsedS, 1e-9));
        printTable(out, rows);
        if (json != null) {
            Map<String, Object> byRating = Map.of(Integer.toString(breakerAmps), rows);
            Map<String, Object> byCar = Map.of(profile.id(), byRating);
            Map<String, Object> byDay = Map.of(household.name(), byCar);
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), byDay);
            out.println("wrote " + json);
        }
        out.flush();
        return 0;
    }

    private static void progress(PrintWriter err, long startNs, int done, int total, String what) {
        if (System.nanoTime() - startNs < PROGRESS_AFTER_NS) {
            return;
        }
        int filled = total == 0 ? BAR_WIDTH : done * BAR_WIDTH / total;
        err.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + done + "/" + total + " "
                + what + "          ");
        if (done == total) {
            err.println();
        }
        err.flush();
    }

    private static void printTable(PrintWriter out, Map<String, Map<String, Object>> rows) {
        List<String> columns = new ArrayList<>(rows.values().iterator().next().keySet());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-10s", "law"));
        for (String column : columns) {
            header.append(String.format(Locale.ROOT, " %" + Math.max(8, column.length()) + "s", column));
        }
        out.println(header);
        for (Map.Entry<String, Map<String, Object>> row : rows.entrySet()) {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-10s", row.getKey()));
            for (String column : columns) {
                Object value = row.getValue().get(column);
                String cell = value instanceof Double ? String.format(Locale.ROOT, "%.2f", (Double) value)
                        : String.valueOf(value);
                text.append(String.format(Locale.ROOT, " %" + Math.max(8, column.length()) + "s", cell));
            }
            out.println(text);
        }
    }

}
