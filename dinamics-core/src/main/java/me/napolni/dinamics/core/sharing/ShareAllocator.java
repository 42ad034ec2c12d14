package me.napolni.dinamics.core.sharing;

import me.napolni.dinamics.core.PhaseReadings;

/**
 * Shares the site's headroom among several chargers on one breaker (DESIGN.md 4.6, TOPICS.md 7.3).
 *
 * <p>Each pass, for the chargers that want to charge:
 * <ol>
 *   <li><b>Minimums first.</b> In admission order, each charger gets its minimum if the minimum still fits on
 *   every phase it draws on; one that does not fit gets 0 and pauses. The admission order is priority (higher
 *   first), then turn: a charger keeps its place while its turn lasts ({@code rotateAfterNs} from the moment it
 *   was admitted after waiting), a waiting charger comes next, the one that has waited longest first, and a
 *   charger whose turn is over comes after those that began waiting before or when its turn ended. So when not
 *   all minimums fit, the chargers of one priority take turns and none is starved.</li>
 *   <li><b>The rest by priority.</b> Whatever headroom is left goes to the highest priority first, in 1 A steps
 *   round-robin among chargers of equal priority (so equals differ by at most 1 A), each up to its cap and as
 *   long as every phase it draws on has room; lower priorities get what is left.</li>
 * </ol>
 * The sum of the amps given on a phase never exceeds that phase's headroom (a negative headroom counts as 0),
 * nobody gets more than its cap, and a charger gets either 0 or at least its minimum. A charger whose phases are
 * unknown ({@link #ALL_PHASES} or 0) is counted on all three.
 * <pre>
 *   ShareAllocator sharing = ShareAllocator.create(chargers);
 *   sharing.demand(0, true, ShareAllocator.ALL_PHASES, 6, 16, 5);    // each pass, for every charger
 *   sharing.allocate(nowNs, headroomAmps, rotateAfterNs);
 *   int amps = sharing.allocatedAmps(0);                             // 0: pause
 * </pre>
 * Not thread-safe; it does not allocate after construction.
 */
public final class ShareAllocator {

    /** Phase mask of L1. */
    public static final int L1 = 1;
    /** Phase mask of L2. */
    public static final int L2 = 2;
    /** Phase mask of L3. */
    public static final int L3 = 4;
    /** Phase mask of a charger on all three phases (also used when its phases are unknown). */
    public static final int ALL_PHASES = L1 | L2 | L3;
    /** The time of a charger that is not waiting or not being served. */
    public static final long NEVER = Long.MIN_VALUE;

    private final int capacity;
    private final boolean[] active;
    private final int[] phaseMask;
    private final int[] minimumAmps;
    private final int[] capAmps;
    private final int[] priority;
    private final int[] allocatedAmps;
    private final long[] servedSinceNs;
    private final long[] waitingSinceNs;
    private final long[] orderKey;
    private final int[] order;
    private final double[] remaining = new double[PhaseReadings.MAX_PHASES];

    private ShareAllocator(int capacity) {
        this.capacity = capacity;
        this.active = new boolean[capacity];
        this.phaseMask = new int[capacity];
        this.minimumAmps = new int[capacity];
        this.capAmps = new int[capacity];
        this.priority = new int[capacity];
        this.allocatedAmps = new int[capacity];
        this.servedSinceNs = new long[capacity];
        this.waitingSinceNs = new long[capacity];
        this.orderKey = new long[capacity];
        this.order = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            servedSinceNs[i] = NEVER;
            waitingSinceNs[i] = NEVER;
        }
    }

    /**
     * Creates an allocator.
     *
     * @param chargers the number of chargers, at least 1; all start inactive
     * @return the allocator
     * @throws IllegalArgumentException when there is no charger
     */
    public static ShareAllocator create(int chargers) {
        if (chargers < 1) {
            throw new IllegalArgumentException("at least one charger is needed: " + chargers);
        }
        return new ShareAllocator(chargers);
    }

    /**
     * Returns the number of chargers.
     *
     * @return as created
     */
    public int chargerCount() {
        return capacity;
    }

    /**
     * States what a charger wants for the next {@link #allocate}; values stay until changed.
     *
     * @param index the charger, 0..chargerCount-1
     * @param wantsToCharge true when a car is connected and nothing (operator, timers) holds it off
     * @param phases the phases it draws on, a mask of {@link #L1}, {@link #L2}, {@link #L3}; 0 means unknown
     * @param minimumAmps its minimum current, at least 1
     * @param capAmps its cap, at least {@code minimumAmps}
     * @param priorityRank its priority, higher is served first
     * @throws IllegalArgumentException when the cap is below the minimum or the minimum below 1
     */
    public void demand(int index, boolean wantsToCharge, int phases, int minimumAmps, int capAmps,
            int priorityRank) {
        if (minimumAmps < 1 || capAmps < minimumAmps) {
            throw new IllegalArgumentException("need 1 <= minimum <= cap");
        }
        active[index] = wantsToCharge;
        phaseMask[index] = (phases & ALL_PHASES) == 0 ? ALL_PHASES : phases & ALL_PHASES;
        this.minimumAmps[index] = minimumAmps;
        this.capAmps[index] = capAmps;
        priority[index] = priorityRank;
    }

    /**
     * Shares the headroom.
     *
     * @param nowNs the current time, from the injected clock
     * @param headroomAmps the amps the chargers may draw together per phase (L1, L2, L3): breaker minus margin
     *     minus the rest of the house
     * @param rotateAfterNs how long a charger's turn lasts while another waits, positive
     */
    public void allocate(long nowNs, double[] headroomAmps, long rotateAfterNs) {
        for (int p = 0; p < remaining.length; p++) {
            remaining[p] = Math.max(0.0, headroomAmps[p]);
        }
        int n = 0;
        for (int i = 0; i < capacity; i++) {
            allocatedAmps[i] = 0;
            if (!active[i]) {
                servedSinceNs[i] = NEVER;
                waitingSinceNs[i] = NEVER;
                continue;
            }
            orderKey[i] = admissionKey(i, nowNs, rotateAfterNs);
            order[n++] = i;
        }
        sortByPriorityThenKey(n);
        admitMinimums(n, nowNs);
        raiseByPriority(n);
    }

    /**
     * Returns a charger's share from the last {@link #allocate}.
     *
     * @param index the charger
     * @return amps, 0 meaning pause (or inactive), otherwise between its minimum and its cap
     */
    public int allocatedAmps(int index) {
        return allocatedAmps[index];
    }

    /**
     * Tells whether an active charger got nothing in the last {@link #allocate}.
     *
     * @param index the charger
     * @return true when it wants to charge but must pause
     */
    public boolean paused(int index) {
        return active[index] && allocatedAmps[index] == 0;
    }

    /**
     * Returns since when a charger has been served without a break.
     *
     * @param index the charger
     * @return the time it was admitted after waiting, or {@link #NEVER}
     */
    public long servedSinceNs(int index) {
        return servedSinceNs[index];
    }

    /**
     * Returns since when an active charger has been waiting.
     *
     * @param index the charger
     * @return the time its wait began, or {@link #NEVER} when it is served or inactive
     */
    public long waitingSinceNs(int index) {
        return waitingSinceNs[index];
    }

    private long admissionKey(int i, long nowNs, long rotateAfterNs) {
        if (servedSinceNs[i] != NEVER) {
            long turnEndsNs = servedSinceNs[i] + rotateAfterNs;
            return nowNs - servedSinceNs[i] < rotateAfterNs ? Long.MIN_VALUE : turnEndsNs;
        }
        if (waitingSinceNs[i] == NEVER) {
            waitingSinceNs[i] = nowNs;
        }
        return waitingSinceNs[i];
    }

    /** Insertion sort: a handful of chargers, and no allocation. */
    private void sortByPriorityThenKey(int n) {
        for (int a = 1; a < n; a++) {
            int item = order[a];
            int b = a - 1;
            while (b >= 0 && before(item, order[b])) {
                order[b + 1] = order[b];
                b--;
            }
            order[b + 1] = item;
        }
    }

    private boolean before(int x, int y) {
        if (priority[x] != priority[y]) {
            return priority[x] > priority[y];
        }
        if (orderKey[x] != orderKey[y]) {
            return orderKey[x] < orderKey[y];
        }
        boolean xWaits = servedSinceNs[x] == NEVER;
        if (xWaits != (servedSinceNs[y] == NEVER)) {
            return xWaits;      // a wait that began when a turn ended goes before that turn's charger
        }
        return x < y;
    }

    private void admitMinimums(int n, long nowNs) {
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (fits(phaseMask[i], minimumAmps[i])) {
                take(phaseMask[i], minimumAmps[i]);
                allocatedAmps[i] = minimumAmps[i];
                if (servedSinceNs[i] == NEVER) {
                    servedSinceNs[i] = nowNs;
                }
                waitingSinceNs[i] = NEVER;
            } else {
                servedSinceNs[i] = NEVER;
                if (waitingSinceNs[i] == NEVER) {
                    waitingSinceNs[i] = nowNs;
                }
            }
        }
    }

    private void raiseByPriority(int n) {
        int groupStart = 0;
        while (groupStart < n) {
            int groupEnd = groupStart + 1;
            while (groupEnd < n && priority[order[groupEnd]] == priority[order[groupStart]]) {
                groupEnd++;
            }
            boolean raised = true;
            while (raised) {
                raised = false;
                for (int k = groupStart; k < groupEnd; k++) {
                    int i = order[k];
                    if (allocatedAmps[i] > 0 && allocatedAmps[i] < capAmps[i] && fits(phaseMask[i], 1)) {
                        take(phaseMask[i], 1);
                        allocatedAmps[i]++;
                        raised = true;
                    }
                }
            }
            groupStart = groupEnd;
        }
    }

    private boolean fits(int mask, int amps) {
        for (int p = 0; p < remaining.length; p++) {
            if ((mask & (1 << p)) != 0 && remaining[p] < amps) {
                return false;
            }
        }
        return true;
    }

    private void take(int mask, int amps) {
        for (int p = 0; p < remaining.length; p++) {
            if ((mask & (1 << p)) != 0) {
                remaining[p] -= amps;
            }
        }
    }
}
