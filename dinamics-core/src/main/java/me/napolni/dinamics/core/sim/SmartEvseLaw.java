package me.napolni.dinamics.core.sim;

import me.napolni.dinamics.core.PhaseReadings;

/**
 * The reference law {@code smartevse}: SmartEVSE-3 in smart mode as SCENARIO.md §5 describes it.
 *
 * <p>A 1 s timer (the pass, with {@code $GG} every 1 s) and balancing on every second pass: headroom = In −
 * largest phase; the internal setpoint rises by ¼ of a positive headroom and drops by the full deficit, with the
 * guard setpoint ≤ In − (largest phase − previous setpoint), capped at {@code c_limit}; {@code floor} of it is
 * sent. Shortage (6 A does not fit): hold 6 A. Hard shortage (6 A &gt; In − base load, base load = the largest
 * phase without the car's current) for 3 s, or the largest phase above 2·In, pauses at once. While paused, the car
 * is retried at 6 A 60 s after 6 A last failed to fit. Readings stale for ≥ 11 s pause the car and count as a
 * failure to fit (so the retry comes 60 s after they are fresh again).
 */
public final class SmartEvseLaw extends PeriodicLaw {

    /** The law's name. */
    public static final String NAME = "smartevse";
    /** The timer (pass) period. */
    public static final int PASS_PERIOD_MS = 1000;
    /** The {@code $GG} period. */
    public static final int CAR_POLL_PERIOD_MS = 1000;
    /** Passes per balancing (every 2 s). */
    public static final int BALANCE_EVERY_PASSES = 2;
    /** Hard shortage lasting this long pauses the car. */
    public static final long HARD_SHORTAGE_NS = 3_000_000_000L;
    /** After 6 A last failed to fit, the retry waits this long. */
    public static final long RETRY_AFTER_NS = 60_000_000_000L;
    /** Readings this old are stale. */
    public static final long STALE_AFTER_NS = 11_000_000_000L;
    /** Above this multiple of In on any phase the car is paused at once. */
    public static final double EMERGENCY_FACTOR = 2.0;

    private static final long NEVER = Long.MIN_VALUE;

    private LawSettings settings;
    private double setpointAmps;
    private boolean paused;
    private long hardShortageSinceNs = NEVER;
    private long lastFailedNs = NEVER;
    private int passCount;

    /** Creates the law; {@link #powerOn} sets its state. */
    public SmartEvseLaw() {
        super(NAME, PASS_PERIOD_MS, CAR_POLL_PERIOD_MS);
    }

    @Override
    public void powerOn(LawSettings lawSettings, long nowNs) {
        this.settings = lawSettings;
        setpointAmps = ChargerModel.MIN_SETPOINT_AMPS;
        paused = true;
        hardShortageSinceNs = NEVER;
        lastFailedNs = NEVER;
        passCount = 0;
    }

    @Override
    public void pass(LawInputs in, LawCommands out) {
        boolean balance = passCount % BALANCE_EVERY_PASSES == 0;
        passCount++;
        long nowNs = in.nowNs();
        PhaseReadings mains = in.mains();
        if (mains.anyStale(nowNs, STALE_AFTER_NS - 1)) {
            lastFailedNs = nowNs;
            pauseIfCharging(out);
            return;
        }
        double breakerAmps = settings.breakerAmps();
        double largest = 0.0;
        double baseLoad = 0.0;
        for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
            double amps = mains.amps(phase);
            largest = Math.max(largest, amps);
            baseLoad = Math.max(baseLoad, amps - (settings.carUsesPhase(phase) ? in.carAmps() : 0.0));
        }
        boolean hardShortage = ChargerModel.MIN_SETPOINT_AMPS > breakerAmps - baseLoad;
        if (paused) {
            if (hardShortage) {
                lastFailedNs = nowNs;
            } else if (lastFailedNs == NEVER || nowNs - lastFailedNs >= RETRY_AFTER_NS) {
                setpointAmps = ChargerModel.MIN_SETPOINT_AMPS;
                if (in.setpointAmps() != ChargerModel.MIN_SETPOINT_AMPS) {
                    out.setCurrent(ChargerModel.MIN_SETPOINT_AMPS);
                }
                out.resume();
                paused = false;
                hardShortageSinceNs = NEVER;
            }
            return;
        }
        if (largest > EMERGENCY_FACTOR * breakerAmps) {
            lastFailedNs = nowNs;
            pauseIfCharging(out);
            return;
        }
        if (hardShortage) {
            lastFailedNs = nowNs;
            if (hardShortageSinceNs == NEVER) {
                hardShortageSinceNs = nowNs;
            }
            if (nowNs - hardShortageSinceNs >= HARD_SHORTAGE_NS) {
                pauseIfCharging(out);
                return;
            }
        } else {
            hardShortageSinceNs = NEVER;
        }
        if (!balance) {
            return;
        }
        double headroom = breakerAmps - largest;
        double previous = setpointAmps;
        double next = headroom > 0.0 ? previous + headroom / 4.0 : previous + headroom;
        next = Math.min(next, breakerAmps - (largest - previous));
        next = Math.min(next, settings.carLimitAmps());
        if (next < ChargerModel.MIN_SETPOINT_AMPS) {
            lastFailedNs = nowNs;
            next = ChargerModel.MIN_SETPOINT_AMPS;
        }
        setpointAmps = next;
        int whole = (int) Math.floor(next);
        if (whole != in.setpointAmps()) {
            out.setCurrent(whole);
        }
    }

    private void pauseIfCharging(LawCommands out) {
        if (!paused) {
            out.pause();
            paused = true;
        }
        hardShortageSinceNs = NEVER;
    }
}
