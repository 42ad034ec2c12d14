package me.napolni.dinamics.web.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import me.napolni.dinamics.core.device.ChargerStatus;
import me.napolni.dinamics.core.device.DeviceStatus;

/**
 * The chart's recent past: a bounded ring of samples taken from status snapshots, stamped by the caller's clock.
 * Storage is allocated once; the oldest sample is overwritten when the ring is full. Unknown values are NaN.
 */
final class SampleHistory {

    static final int PHASES = 3;
    private static final int SERIES = PHASES + 3;
    private static final int CAR = PHASES;
    private static final int LIMIT = PHASES + 1;
    private static final int BREAKER = PHASES + 2;

    private final long[] tsMs;
    private final double[][] series;
    private int next;
    private int size;

    SampleHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        tsMs = new long[capacity];
        series = new double[SERIES][capacity];
    }

    int capacity() {
        return tsMs.length;
    }

    synchronized int size() {
        return size;
    }

    synchronized void record(long nowMs, DeviceStatus status) {
        tsMs[next] = nowMs;
        for (int phase = 0; phase < PHASES; phase++) {
            series[phase][next] = mains(status, phase);
        }
        series[CAR][next] = carAmps(status);
        series[LIMIT][next] = limitAmps(status);
        series[BREAKER][next] = status.breaker();
        next = (next + 1) % tsMs.length;
        size = Math.min(size + 1, tsMs.length);
    }

    /**
     * The samples stamped at or after {@code sinceMs}, oldest first, as columns: {@code ts} (Unix ms),
     * {@code l1}..{@code l3}, {@code car}, {@code limit}, {@code breaker}.
     */
    synchronized ObjectNode since(long sinceMs) {
        ObjectNode json = StatusJson.object();
        ArrayNode ts = json.putArray("ts");
        ArrayNode[] columns = {json.putArray("l1"), json.putArray("l2"), json.putArray("l3"), json.putArray("car"),
            json.putArray("limit"), json.putArray("breaker")};
        int oldest = (next - size + tsMs.length) % tsMs.length;
        for (int i = 0; i < size; i++) {
            int index = (oldest + i) % tsMs.length;
            if (tsMs[index] < sinceMs) {
                continue;
            }
            ts.add(tsMs[index]);
            for (int s = 0; s < SERIES; s++) {
                StatusJson.putNumber(columns[s], series[s][index]);
            }
        }
        return json;
    }

    static double mains(DeviceStatus status, int phase) {
        if (phase >= status.mains().size()) {
            return Double.NaN;
        }
        Double amps = status.mains().get(phase);
        return amps == null ? Double.NaN : amps;
    }

    /** All cars together: the chart shows what the chargers draw from the breaker. */
    static double carAmps(DeviceStatus status) {
        double total = 0;
        boolean known = false;
        for (ChargerStatus charger : status.chargers()) {
            if (charger.chargingCurrent() != null) {
                total += charger.chargingCurrent();
                known = true;
            }
        }
        return known ? total : Double.NaN;
    }

    static double limitAmps(DeviceStatus status) {
        double total = 0;
        boolean known = false;
        for (ChargerStatus charger : status.chargers()) {
            if (charger.maxChargingCurrent() != null) {
                total += charger.maxChargingCurrent();
                known = true;
            }
        }
        return known ? total : Double.NaN;
    }
}
