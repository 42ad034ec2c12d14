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
     * Heap flat: in every process with at least two live-heap samples (heap used right after a forced full
     * collection, {@code jcmd GC.run}, every 30 s from 15 s of its life), the last is at most this much above the
     * first. The web UI's histories are preallocated, so the live set should not grow at all; 8 MiB is noise room.
     */
    static final long HEAP_LIVE_GROWTH_BYTES = 8L << 20;
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

    /**
     * The true current above the rating on a car phase (house alone ≤ In − 6 A), from its first to its last step.
     *
     * @param startMs        its first step
     * @param endMs          the first step back at or below the rating
     * @param peakAmps       the highest true phase current during it
     * @param thermalPeakPct the breaker model's highest θ during it, % of the trip threshold
     */
    record Episode(long startMs, long endMs, double peakAmps, double thermalPeakPct) {

        long lengthMs() {
            return endMs - startMs;
        }
    }

    /** How an over-rating episode was judged. */
    enum Verdict {
        /** Ended within the failsafe and reaction bound of the faults around it. */
        WITHIN_BOUND,
        /**
         * Longer than that bound, but as a thermal ride (DESIGN.md §4, principle 3): beyond the bound the gateway
         * reported a pilot above its own allowed current in every snapshot (the law chose to hold its setpoint on
         * the breaker's thermal tolerance, it did not lag) and the breaker model stayed at or below
         * {@link #RIDE_THERMAL_LIMIT_PCT} of its trip threshold. Its length is not bounded: after its overload
         * allowance the law cuts to the current the breaker sustains, which may still be above the rating (θ levels
         * off below the limit).
         */
        THERMAL_RIDE,
        /** Neither: the car was left above what the house allows. */
        VIOLATION
    }

    /** The safety margin a thermal ride must keep: SCENARIO.md's thermal-peak goal. */
    static final double RIDE_THERMAL_LIMIT_PCT = 95.0;

    /**
     * What the gateway said in one MQTT snapshot.
     *
     * @param tMs when it arrived
     * @param allowedAmps {@code max_charging_current}, the law's allowed current (-1 when absent)
     * @param pilotAmps {@code pilot_current} (-1 when absent)
     */
    record GatewaySample(long tMs, int allowedAmps, int pilotAmps) {
    }

    /**
     * One look at a gateway process: {@code /proc} threads and its {@code /metrics}.
     *
     * @param afterGc     true when taken right after a forced full collection (heap = live set)
     * @param passes      pass intervals counted so far (0: the metric not there yet)
     * @param passP50Ms   the pass interval's median since the process started
     * @param passP99Ms   its 99th percentile
     * @param passMaxMs   its maximum
     */
    record ProcessSample(long tMs, long pid, int threads, long heapBytes, boolean afterGc, long passes,
                         double passP50Ms, double passP99Ms, double passMaxMs) {
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
    final List<Episode> rideEpisodes = new CopyOnWriteArrayList<>();
    final List<String> tripNotes = new CopyOnWriteArrayList<>();
    final List<String> unexpectedExits = new CopyOnWriteArrayList<>();
    final List<String> harnessProblems = new CopyOnWriteArrayList<>();
    final List<Long> safeTimesMs = new CopyOnWriteArrayList<>();
    final List<Restart> restarts = new CopyOnWriteArrayList<>();
    final List<ProcessSample> processSamples = new CopyOnWriteArrayList<>();
    final List<GatewaySample> gatewaySamples = new CopyOnWriteArrayList<>();
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
    volatile String worstLiveHeap = "";
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

    /**
     * Judges every over-rating episode against the bound of the faults around it (or the plain reaction bound), and
     * an episode beyond its bound as a thermal ride or a violation; one check per episode.
     */
    void checkEpisodes() {
        long worst = 0;
        for (Episode episode : episodes) {
            long bound = FaultKind.Bound.INPUT.overRatingMs;
            String cause = "no fault";
            for (Injection injection : injections) {
                long reach = injection.endMs + FaultKind.Bound.LINK.overRatingMs;
                if (injection.startMs <= episode.endMs() && reach >= episode.startMs()
                        && injection.fault.kind().bound.overRatingMs > bound) {
                    bound = injection.fault.kind().bound.overRatingMs;
                    cause = injection.fault.toString();
                }
            }
            worst = Math.max(worst, episode.lengthMs());
            if (bound == Long.MAX_VALUE) {
                frozenEpisodes.add(episode);
                continue;
            }
            Verdict verdict = judge(episode, bound);
            if (verdict == Verdict.THERMAL_RIDE) {
                rideEpisodes.add(episode);
            }
            check("over-rating episode at " + episode.startMs() + " ms within its bound", verdict != Verdict.VIOLATION,
                    episode.lengthMs() + " ms, peak " + String.format(java.util.Locale.ROOT, "%.1f A, θ %.1f %%",
                            episode.peakAmps(), episode.thermalPeakPct()) + ", bound " + bound + " ms (" + cause
                            + ")" + (verdict == Verdict.THERMAL_RIDE ? ", a declared thermal ride" : "")
                            + gatewayDuring(episode));
        }
        worstEpisodeMs = worst;
    }

    Verdict judge(Episode episode, long boundMs) {
        if (episode.lengthMs() <= boundMs) {
            return Verdict.WITHIN_BOUND;
        }
        boolean declared = true;
        int seen = 0;
        for (GatewaySample sample : gatewaySamples) {
            if (sample.tMs() > episode.startMs() + boundMs && sample.tMs() <= episode.endMs()) {
                seen++;
                declared &= sample.pilotAmps() >= 0 && sample.allowedAmps() >= 0
                        && sample.pilotAmps() > sample.allowedAmps();
            }
        }
        boolean ride = seen > 0 && declared && episode.thermalPeakPct() <= RIDE_THERMAL_LIMIT_PCT;
        return ride ? Verdict.THERMAL_RIDE : Verdict.VIOLATION;
    }

    /** What the gateway reported during an episode: was the pilot above its own allowed current? */
    String gatewayDuring(Episode episode) {
        int minAllowed = Integer.MAX_VALUE;
        int maxPilot = -1;
        int seen = 0;
        int pilotAbove = 0;
        for (GatewaySample sample : gatewaySamples) {
            if (sample.tMs() >= episode.startMs() && sample.tMs() <= episode.endMs() && sample.allowedAmps() >= 0
                    && sample.pilotAmps() >= 0) {
                seen++;
                minAllowed = Math.min(minAllowed, sample.allowedAmps());
                maxPilot = Math.max(maxPilot, sample.pilotAmps());
                if (sample.pilotAmps() > sample.allowedAmps()) {
                    pilotAbove++;
                }
            }
        }
        if (seen == 0) {
            return "; no gateway snapshot during it";
        }
        return "; gateway snapshots: allowed ≥ " + minAllowed + " A, pilot ≤ " + maxPilot
                + " A, pilot above allowed in " + pilotAbove + "/" + seen;
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
        String worst = "no process lived long enough for two live-heap samples";
        int judged = 0;
        for (Map.Entry<Long, List<ProcessSample>> entry : byPid.entrySet()) {
            List<ProcessSample> live = entry.getValue().stream().filter(p -> p.afterGc() && p.heapBytes() > 0)
                    .collect(Collectors.toList());
            if (live.size() < 2) {
                continue;
            }
            judged++;
            long first = live.get(0).heapBytes();
            long last = live.get(live.size() - 1).heapBytes();
            long growth = last - first;
            if (growth > worstGrowth) {
                worstGrowth = growth;
                worst = String.format(java.util.Locale.ROOT, "live heap %.1f MiB → %.1f MiB (%+.1f MiB, limit %d "
                        + "MiB) over %d s, %d samples after a full GC, pid %d", first / 1048576.0, last / 1048576.0,
                        growth / 1048576.0, HEAP_LIVE_GROWTH_BYTES >> 20, (live.get(live.size() - 1).tMs()
                        - live.get(0).tMs()) / 1000, live.size(), entry.getKey());
            }
        }
        worstLiveHeap = worst;
        check("heap flat in every gateway process (live heap after a full GC grows ≤ "
                + (HEAP_LIVE_GROWTH_BYTES >> 20) + " MiB over its life)", judged > 0
                && worstGrowth <= HEAP_LIVE_GROWTH_BYTES, worst + " (" + judged + " processes judged)");
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
        int missing = 0;
        for (List<ProcessSample> life : byPid.values()) {
            if (life.size() >= 2 && life.get(life.size() - 1).passes() <= 0) {
                missing++;          // the metric vanished (or never came) in a process that was scraped
            }
        }
        worstPassP50Ms = p50;
        worstPassP99Ms = p99;
        worstPassMaxMs = max;
        check("control-loop pass interval within its bound in every gateway process (p99 ≤ "
                + (long) PASS_P99_LIMIT_MS + " ms, max ≤ " + (long) PASS_MAX_LIMIT_MS + " ms)",
                !figures.isEmpty() && missing == 0 && p99 <= PASS_P99_LIMIT_MS && max <= PASS_MAX_LIMIT_MS,
                figures.isEmpty() ? "no pass-interval metric read from " + byPid.size() + " processes"
                        : String.format(java.util.Locale.ROOT, "worst p50 %.1f ms, p99 %.1f ms, max %.1f ms over "
                        + "%d intervals (%d processes%s)", p50, p99, max, passes, figures.size(),
                        missing == 0 ? "" : "; metric missing in the last scrape of " + missing));
    }

    String describeFailure() {
        return failures().stream().map(c -> c.name() + ": " + c.detail()).collect(Collectors.joining("\n  ",
                "  ", "")) + (harnessProblems.isEmpty() ? "" : "\n  harness: " + harnessProblems);
    }
}
