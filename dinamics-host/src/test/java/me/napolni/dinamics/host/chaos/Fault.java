package me.napolni.dinamics.host.chaos;

/**
 * One injection of the schedule.
 *
 * @param id         its index in the schedule (stable across shrinking, so a reproduction names the same faults)
 * @param kind       what is done
 * @param atMs       wall-clock offset from the start of the run
 * @param durationMs how long it lasts (0 for instantaneous faults)
 * @param param      a kind-specific seed (latency, value sequence, counts)
 */
record Fault(int id, FaultKind kind, long atMs, long durationMs, long param) {

    long endMs() {
        return atMs + durationMs;
    }

    @Override
    public String toString() {
        return "#" + id + " " + kind + "@" + atMs + "ms+" + durationMs + "ms";
    }
}
