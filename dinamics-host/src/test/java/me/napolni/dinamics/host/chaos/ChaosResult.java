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
     * One invariant checked once.
     *
     * @param name   what was checked
     * @param ok     whether it held
     * @param detail the measured figure
     * @param hard   false for the reaction-time bound, which the gateway does not meet yet (reported; asserted only
     *               with {@code -Dchaos.strict=true})
     */
    record Check(String name, boolean ok, String detail, boolean hard) {
    }

    record Sample(long tMs, int carAmps, int capacityAmps, double peakAmps) {
    }

    record Episode(long startMs, long endMs, double peakAmps) {
    }

    record ProcessSample(long tMs, long pid, int threads, long heapBytes) {
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

    ChaosResult(FaultSchedule schedule) {
        this.schedule = schedule;
    }

    void check(String name, boolean ok, String detail) {
        checks.add(new Check(name, ok, detail, true));
    }

    void softCheck(String name, boolean ok, String detail) {
        checks.add(new Check(name, ok, detail, false));
    }

    /** Every check held (strict), or every hard one. */
    boolean passed(boolean strict) {
        return !checks.isEmpty() && checks.stream().allMatch(c -> c.ok() || !strict && !c.hard());
    }

    boolean passed() {
        return passed(true);
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
    }

    String describeFailure() {
        return failures().stream().map(c -> c.name() + ": " + c.detail()).collect(Collectors.joining("\n  ",
                "  ", "")) + (harnessProblems.isEmpty() ? "" : "\n  harness: " + harnessProblems);
    }
}
