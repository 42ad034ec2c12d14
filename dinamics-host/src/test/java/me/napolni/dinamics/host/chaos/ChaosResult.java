package me.napolni.dinamics.host.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** What one chaos run saw: the invariants checked, the faults injected and the figures measured. */
final class ChaosResult {

    /** Threads of one gateway process may grow by at most this much over its life (pools warming up). */
    static final int THREAD_GROWTH_LIMIT = 25;
    /**
     * Heap flat: in a process sampled at least {@value #HEAP_MIN_SAMPLES} times, the lowest heap used in the second
     * half of its life (the floor the collector gets back to) is at most this much above the lowest in the first
     * half (the first sample, start-up, left out).
     */
    static final long HEAP_FLOOR_GROWTH_BYTES = 16L << 20;
    /** Samples a process needs before its heap trend is judged (5 s apart). */
    static final int HEAP_MIN_SAMPLES = 8;
    /** The gateway's control-loop period ({@code Gateway.PASS_PERIOD_MS}). */
    static final double PASS_PERIOD_MS = 250;
    /** The pass interval's p99 may be at most this (two periods: one pass late at most, 1 % of the time). */
    static final double PASS_P99_LIMIT_MS = 2 * PASS_PERIOD_MS;
    /** The longest pass interval allowed (four periods, 1 s: within SCENARIO.md's 3 s reaction with room). */
    static final double PASS_MAX_LIMIT_MS = 4 * PASS_PERIOD_MS;

    /**
     * One invariant checked once; every check is asserted (CI included).
     *
     * @param name   what was checked
     * @param ok     whether it held
     * @param detail the measured figure
     */
    record Check(String name, boolean ok, String detail) {
    }

    record Sample(long tMs, int carAmps, int capacityAmps, double peakAmps) {
    }

    record Episode(long startMs, long endMs, double peakAmps) {
    }

    /**
     * One look at a gateway process: {@code /proc} threads and its {@code /metrics}.
     *
     * @param passes      pass intervals counted so far (0: the metric not there yet)
     * @param passP50Ms   the pass interval's median since the process started
     * @param passP99Ms   its 99th percentile
     * @param passMaxMs   its maximum
     */
    record ProcessSample(long tMs, long pid, int threads, long heapBytes, long passes, double passP50Ms,
                         double passP99Ms, double passMaxMs) {
    }

    /**
     * The pass-interval figures of one process: its last sample.
     *
     * @param pid the process
     * @param last its last sample with a counted interval
     */
    record PassFigures(long pid, ProcessSample last) {
    }

    record Restart(Fault fault, int writesSent, Integer lastAck, List<Integer> writtenAfterAck, int restored) {
    }

    static final class Injection {
        final Fault fault;
        final long startMs;
        volatile long endMs;
        volatile String outcome = "";

        Injection(Fault fault, long startMs) {
            this.fault = fault;
            this.startMs = startMs;
            this.endMs = startMs + fault.durationMs();
        }
    }

    final FaultSchedule schedule;
    final List<Check> checks = new CopyOnWriteArrayList<>();
    final List<Injection> injections = new CopyOnWriteArrayList<>();
    final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    final List<Episode> episodes = new CopyOnWriteArrayList<>();
    final List<Episode> frozenEpisodes = new CopyOnWriteArrayList<>();
    final List<String> tripNotes = new CopyOnWriteArrayList<>();
    final List<String> unexpectedExits = new CopyOnWriteArrayList<>();
    final List<String> harnessProblems = new CopyOnWriteArrayList<>();
    final List<Long> safeTimesMs = new CopyOnWriteArrayList<>();
    final List<Restart> restarts = new CopyOnWriteArrayList<>();
    final List<ProcessSample> processSamples = new CopyOnWriteArrayList<>();
    final Map<String, Integer> web = new ConcurrentHashMap<>();
    final Map<String, Integer> errorReasons = new ConcurrentHashMap<>();
    final Map<String, Integer> diskFullErrors = new ConcurrentHashMap<>();
    final AtomicInteger floodMessages = new AtomicInteger();
    final AtomicInteger retainedGarbage = new AtomicInteger();
    volatile int trips;
    volatile int houseTrips;
    volatile double peakThermalPct;
    volatile int markersSent;
    volatile int markersAnswered;
    volatile int webUnanswered;
    volatile String diskFullNote = "";
    volatile int diskFullRuns;
    volatile int gatewayStarts;
    volatile long snapshots;
    volatile int noiseWritesLost;
    volatile long worstEpisodeMs;
    volatile long wallMs;
    volatile double worstPassP50Ms;
    volatile double worstPassP99Ms;
    volatile double worstPassMaxMs;

    ChaosResult(FaultSchedule schedule) {
        this.schedule = schedule;
    }

    void check(String name, boolean ok, String detail) {
        checks.add(new Check(name, ok, detail));
    }

    /** Every check held. */
    boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::ok);
    }

    List<Check> failures() {
        return checks.stream().filter(c -> !c.ok()).collect(Collectors.toList());
    }

    void checkProcessFigures() {
        Map<Long, List<ProcessSample>> byPid = processSamples.stream()
                .collect(Collectors.groupingBy(ProcessSample::pid));
        int worstGrowth = 0;
        for (List<ProcessSample> life : byPid.values()) {
            if (life.size() < 3) {
                continue;
            }
            int first = life.get(1).threads();           // the first sample may catch the start-up
            for (ProcessSample sample : life) {
                worstGrowth = Math.max(worstGrowth, sample.threads() - first);
            }
        }
        check("thread count flat in every gateway process", worstGrowth <= THREAD_GROWTH_LIMIT,
                "largest growth " + worstGrowth + " threads over " + processSamples.size() + " samples ("
                        + byPid.size() + " processes)");
        checkHeap(byPid);
        checkPassIntervals(byPid);
    }

    private void checkHeap(Map<Long, List<ProcessSample>> byPid) {
        long worstGrowth = Long.MIN_VALUE;
        String worst = "no process lived long enough (" + HEAP_MIN_SAMPLES + " samples)";
        int judged = 0;
        for (Map.Entry<Long, List<ProcessSample>> entry : byPid.entrySet()) {
            List<ProcessSample> life = entry.getValue().stream().filter(p -> p.heapBytes() > 0)
                    .collect(Collectors.toList());
            if (life.size() < HEAP_MIN_SAMPLES) {
                continue;
            }
            judged++;
            int middle = 1 + (life.size() - 1) / 2;
            long firstFloor = life.subList(1, middle).stream().mapToLong(ProcessSample::heapBytes).min().orElse(0);
            long secondFloor = life.subList(middle, life.size()).stream().mapToLong(ProcessSample::heapBytes).min()
                    .orElse(0);
            long growth = secondFloor - firstFloor;
            if (growth > worstGrowth) {
                worstGrowth = growth;
                worst = String.format(java.util.Locale.ROOT, "floor %.1f MiB → %.1f MiB (growth %+.1f MiB, limit "
                        + "%d MiB) over %d samples of pid %d", firstFloor / 1048576.0, secondFloor / 1048576.0,
                        growth / 1048576.0, HEAP_FLOOR_GROWTH_BYTES >> 20, life.size(), entry.getKey());
            }
        }
        check("heap flat in every gateway process (lower envelope: floor of the second half ≤ floor of the first "
                + "half + " + (HEAP_FLOOR_GROWTH_BYTES >> 20) + " MiB)", judged > 0
                && worstGrowth <= HEAP_FLOOR_GROWTH_BYTES, worst + " (" + judged + " processes judged)");
    }

    /** The last sample with a counted interval of every process, in the order they started. */
    List<PassFigures> passFigures() {
        Map<Long, ProcessSample> last = new java.util.LinkedHashMap<>();
        for (ProcessSample sample : processSamples) {
            if (sample.passes() > 0) {
                last.put(sample.pid(), sample);
            }
        }
        return last.entrySet().stream().map(e -> new PassFigures(e.getKey(), e.getValue()))
                .collect(Collectors.toList());
    }

    private void checkPassIntervals(Map<Long, List<ProcessSample>> byPid) {
        List<PassFigures> figures = passFigures();
        double p50 = 0;
        double p99 = 0;
        double max = 0;
        long passes = 0;
        for (PassFigures figure : figures) {
            p50 = Math.max(p50, figure.last().passP50Ms());
            p99 = Math.max(p99, figure.last().passP99Ms());
            max = Math.max(max, figure.last().passMaxMs());
            passes += figure.last().passes();
        }
        worstPassP50Ms = p50;
        worstPassP99Ms = p99;
        worstPassMaxMs = max;
        check("control-loop pass interval within its bound in every gateway process (p99 ≤ "
                + (long) PASS_P99_LIMIT_MS + " ms, max ≤ " + (long) PASS_MAX_LIMIT_MS + " ms)",
                !figures.isEmpty() && p99 <= PASS_P99_LIMIT_MS && max <= PASS_MAX_LIMIT_MS,
                figures.isEmpty() ? "no pass-interval metric read from " + byPid.size() + " processes"
                        : String.format(java.util.Locale.ROOT, "worst p50 %.1f ms, p99 %.1f ms, max %.1f ms over "
                        + "%d intervals (%d processes)", p50, p99, max, passes, figures.size()));
    }

    String describeFailure() {
        return failures().stream().map(c -> c.name() + ": " + c.detail()).collect(Collectors.joining("\n  ",
                "  ", "")) + (harnessProblems.isEmpty() ? "" : "\n  harness: " + harnessProblems);
    }
}
