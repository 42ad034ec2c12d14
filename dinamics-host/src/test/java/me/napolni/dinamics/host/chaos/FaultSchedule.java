package me.napolni.dinamics.host.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A seeded fault schedule: the same seed, length and count always give the same faults. Every kind appears at
 * least once when the count allows (so a short CI run still covers everything), then kinds are drawn at random;
 * times are uniform over the run minus a warm-up and a quiet tail in which recovery is checked.
 *
 * @param seed   the seed
 * @param runMs  the run's wall-clock length
 * @param faults the faults, ordered by start time
 */
record FaultSchedule(long seed, long runMs, List<Fault> faults) {

    /** Time before the first fault: the gateway connects and balances. */
    static final long WARM_UP_MS = 15_000;
    /** Time after the last fault ends: everything must have recovered. */
    static final long QUIET_TAIL_MS = 20_000;

    static FaultSchedule generate(long seed, long runMs, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        FaultKind[] kinds = FaultKind.values();
        List<FaultKind> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chosen.add(i < kinds.length ? kinds[i] : kinds[random.nextInt(kinds.length)]);
        }
        List<Fault> faults = new ArrayList<>();
        long window = Math.max(1, runMs - WARM_UP_MS - QUIET_TAIL_MS);
        for (int i = 0; i < chosen.size(); i++) {
            FaultKind kind = chosen.get(i);
            long duration = kind.maxMs == 0 ? 0 : kind.minMs + random.nextLong(kind.maxMs - kind.minMs + 1);
            long latest = Math.max(1, window - duration);
            long at = WARM_UP_MS + random.nextLong(latest);
            faults.add(new Fault(i, kind, at, duration, random.nextLong()));
        }
        faults.sort(Comparator.comparingLong(Fault::atMs).thenComparingInt(Fault::id));
        return new FaultSchedule(seed, runMs, Collections.unmodifiableList(faults));
    }

    FaultSchedule only(Predicate<Fault> keep) {
        return new FaultSchedule(seed, runMs, faults.stream().filter(keep).collect(Collectors.toUnmodifiableList()));
    }

    String describe() {
        return "seed=" + seed + " runMs=" + runMs + " faults=" + faults.stream().map(Fault::toString)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
