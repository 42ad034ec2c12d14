package me.napolni.dinamics.host.chaos;

import me.napolni.dinamics.core.sim.HouseholdDay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Runs chaos runs for one or more seeds, shrinks a failing schedule greedily if asked, and writes the report.
 * Parameters come as {@code -Dchaos.*} system properties (how {@code ChaosIT} is steered from Maven) or as
 * {@code --name value} arguments of {@link #main}: {@code seeds} (comma list), {@code minutes} (wall time per seed),
 * {@code speed} (day seconds per wall second), {@code start} (HH:MM of the day), {@code faults} (count per seed,
 * default every kind once plus 6 a minute), {@code day} (a file of testdata/household, default the winter weekday),
 * {@code report} (markdown file), {@code shrink} (true/false), {@code only} (comma list of fault ids to keep from
 * each seed's schedule: replays a shrunk fault list), {@code jar}.
 */
public final class ChaosMain {

    private ChaosMain() {
    }

    /** The parameters of a chaos campaign. */
    record Params(List<Long> seeds, double minutes, double speed, int startSecond, int faults, Path day, Path jar,
                  Path report, boolean shrink, Path workRoot, String command, Set<Integer> only) {

        long wallMs() {
            return (long) (minutes * 60_000);
        }

        String describe() {
            return "seeds " + seeds + ", " + minutes + " min wall each, speed " + speed + " (" + String.format(
                    java.util.Locale.ROOT, "%.1f", wallMs() / 1000.0 * speed / 3600) + " h of the day from "
                    + String.format("%02d:%02d", startSecond / 3600, startSecond / 60 % 60) + "), " + faults
                    + " faults per seed, day " + day.getFileName();
        }
    }

    static Params params(Map<String, String> given, String command) throws IOException {
        Path shared = Path.of(given.getOrDefault("shared", System.getProperty("dinamics.shared.dir", "../shared")));
        Path folder = shared.resolve("testdata").resolve("household");
        Path day = given.containsKey("day") ? Path.of(given.get("day")) : folder.resolve("day-winter-weekday.csv.gz");
        if (!Files.exists(day)) {
            day = HouseholdDay.listDays(folder).get(0);
        }
        double minutes = Double.parseDouble(given.getOrDefault("minutes", "2.5"));
        int defaultFaults = FaultKind.values().length + (int) Math.round(minutes * 6) - 12;
        List<Long> seeds = new ArrayList<>();
        for (String seed : given.getOrDefault("seeds", "20261130").split(",")) {
            seeds.add(Long.parseLong(seed.trim()));
        }
        String[] start = given.getOrDefault("start", "17:00").split(":");
        return new Params(seeds, minutes, Double.parseDouble(given.getOrDefault("speed", "60")),
                Integer.parseInt(start[0]) * 3600 + Integer.parseInt(start[1]) * 60,
                Integer.parseInt(given.getOrDefault("faults",
                        Integer.toString(Math.max(FaultKind.values().length, defaultFaults)))),
                day, Path.of(given.getOrDefault("jar", "target/dinamics.jar")),
                Path.of(given.getOrDefault("report", "target/reliability.md")),
                Boolean.parseBoolean(given.getOrDefault("shrink", "false")),
                Path.of(given.getOrDefault("work", "target/chaos")), command, onlyIds(given.get("only")));
    }

    private static Set<Integer> onlyIds(String list) {
        Set<Integer> ids = new TreeSet<>();
        if (list != null && !list.isBlank()) {
            for (String id : list.split(",")) {
                ids.add(Integer.parseInt(id.trim().replace("#", "")));
            }
        }
        return ids;
    }

    static Map<String, String> fromSystemProperties() {
        Map<String, String> given = new TreeMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("chaos.")) {
                given.put(name.substring("chaos.".length()), System.getProperty(name));
            }
        }
        return given;
    }

    /** One run of one schedule, everything it started stopped afterwards. */
    static ChaosResult runOnce(Params params, FaultSchedule schedule, String label) throws Exception {
        Path work = params.workRoot().resolve(label);
        deleteTree(work);
        long started = System.nanoTime();
        ChaosRun.Options options = new ChaosRun.Options(params.jar(), params.day(), work, params.startSecond(),
                params.speed(), true);
        System.out.println("chaos " + label + ": " + schedule.describe());
        ChaosResult result;
        try (ChaosRun run = new ChaosRun(options, schedule)) {
            try {
                result = run.run();
            } catch (Exception e) {
                throw new IllegalStateException("chaos run " + label + " could not run: " + e + "\ngateway log:\n"
                        + String.join("\n", run.gatewayLogTail(40)), e);
            }
            if (!result.passed()) {
                System.out.println("gateway log tail:\n" + String.join("\n", run.gatewayLogTail(40)));
            }
        }
        result.wallMs = (System.nanoTime() - started) / 1_000_000;
        System.out.println("chaos " + label + ": " + (result.passed() ? "PASS" : "FAIL\n" + result.describeFailure()));
        return result;
    }

    /** Greedy shrinking: drop each fault in turn and keep it out if the run still fails. */
    static FaultSchedule shrink(Params params, FaultSchedule failing) throws Exception {
        FaultSchedule current = failing;
        for (Fault fault : failing.faults()) {
            FaultSchedule candidate = current.only(f -> f.id() != fault.id());
            if (!runOnce(params, candidate, "shrink-" + failing.seed() + "-" + fault.id()).passed()) {
                current = candidate;
            }
        }
        return current;
    }

    static List<ChaosResult> runAll(Params params) throws Exception {
        List<ChaosResult> results = new ArrayList<>();
        List<String> reproductions = new ArrayList<>();
        for (long seed : params.seeds()) {
            FaultSchedule schedule = FaultSchedule.generate(seed, params.wallMs(), params.faults());
            if (!params.only().isEmpty()) {
                schedule = schedule.only(f -> params.only().contains(f.id()));
            }
            ChaosResult result = runOnce(params, schedule, "seed-" + seed);
            results.add(result);
            if (!result.passed()) {
                String repro = "seed " + seed + " fails; fault list: " + schedule.describe();
                if (params.shrink()) {
                    FaultSchedule minimal = shrink(params, schedule);
                    repro = "seed " + seed + " fails; minimal fault list (greedy): " + minimal.describe()
                            + "; replay it with -Dchaos.seeds=" + seed + " -Dchaos.only=" + minimal.faults().stream()
                            .map(f -> Integer.toString(f.id())).collect(java.util.stream.Collectors.joining(","));
                }
                reproductions.add(repro);
                System.out.println(repro);
            }
        }
        ReliabilityReport.write(params.report(), results, params.command(), params.describe());
        System.out.println("chaos report: " + params.report().toAbsolutePath());
        if (!reproductions.isEmpty()) {
            System.out.println(String.join("\n", reproductions));
        }
        return results;
    }

    private static void deleteTree(Path root) throws IOException, InterruptedException {
        if (!Files.exists(root)) {
            return;
        }
        unmountLeftovers(root);
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A run killed before its clean-up leaves its tmpfs data directory mounted: unmount what lies below root. */
    private static void unmountLeftovers(Path root) throws IOException, InterruptedException {
        Path mounts = Path.of("/proc/self/mounts");
        if (!Files.isReadable(mounts)) {
            return;
        }
        String prefix = root.toAbsolutePath().normalize() + "/";
        for (String line : Files.readAllLines(mounts)) {
            String[] fields = line.split(" ");
            if (fields.length > 1 && fields[1].startsWith(prefix)) {
                Process umount = new ProcessBuilder("umount", "-l", fields[1]).redirectErrorStream(true).start();
                if (!umount.waitFor(20, TimeUnit.SECONDS) || umount.exitValue() != 0) {
                    throw new IOException("a leftover mount " + fields[1] + " could not be unmounted: "
                            + new String(umount.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
                }
            }
        }
    }

    /**
     * Runs a campaign from {@code --name value} arguments (see the class description) and exits 1 on a failure.
     *
     * @param args the arguments
     * @throws Exception if a run cannot be set up
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> given = fromSystemProperties();
        for (int i = 0; i + 1 < args.length; i += 2) {
            given.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Params params = params(given, "java ... ChaosMain " + String.join(" ", Arrays.asList(args)));
        List<ChaosResult> results = runAll(params);
        System.exit(results.stream().allMatch(ChaosResult::passed) ? 0 : 1);
    }
}
