package me.napolni.dinamics.core.sim;

import me.napolni.dinamics.core.PhaseReadings;

/**
 * The reference law {@code openevse}: the OpenEVSE WiFi current shaper as SCENARIO.md §5 describes it, configured
 * as a careful installer would.
 *
 * <p>The power of the car's phases (all three for a three-phase car, L1 only for a single-phase car) is held
 * against In × 230 V × car phases. A new sample every 2 s (the pass), {@code $GG} every 1 s; available =
 * floor((limit − live power) / (230 V × car phases) + car current), capped at {@code c_limit}, sent as it is
 * (unit gain, up and down). Below 6 A the car is paused; while paused the live power is smoothed "fast up, slow
 * down" (it rises at once and decays by the factor 1 − e^(−2/60) per sample), and the car is resumed as soon
 * as 6 A fits on that smoothed power. More than 120 s since the last sample: pause.
 */
public final class OpenEvseLaw extends PeriodicLaw {

    /** The law's name. */
    public static final String NAME = "openevse";
    /** The pass (sample) period. */
    public static final int PASS_PERIOD_MS = 2000;
    /** The {@code $GG} period. */
    public static final int CAR_POLL_PERIOD_MS = 1000;
    /** Readings older than this are stale. */
    public static final long STALE_AFTER_NS = 120_000_000_000L;
    /** The decay of the smoothed power per sample while paused. */
    public static final double DECAY_FACTOR = 1.0 - Math.exp(-2.0 / 60.0);

    private static final double NO_POWER = Double.NaN;

    private LawSettings settings;
    private double smoothedWatts = NO_POWER;
    private boolean paused;

    /** Creates the law; {@link #powerOn} sets its state. */
    public OpenEvseLaw() {
        super(NAME, PASS_PERIOD_MS, CAR_POLL_PERIOD_MS);
    }

    @Override
    public void powerOn(LawSettings lawSettings, long nowNs) {
        this.settings = lawSettings;
        smoothedWatts = NO_POWER;
        paused = true;
    }

    @Override
    public void pass(LawInputs in, LawCommands out) {
        PhaseReadings mains = in.mains();
        double liveWatts = 0.0;
        boolean stale = false;
        for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
            if (settings.carUsesPhase(phase)) {
                liveWatts += Scenario.VOLTS * mains.amps(phase);
                stale |= mains.isStale(phase, in.nowNs(), STALE_AFTER_NS);
            }
        }
        if (stale) {
            if (!paused) {
                out.pause();
                paused = true;
                smoothedWatts = liveWatts;
            }
            return;
        }
        double perAmpWatts = Scenario.VOLTS * settings.carPhaseCount();
        double limitWatts = settings.breakerAmps() * perAmpWatts;
        if (!paused) {
            int available = (int) Math.floor((limitWatts - liveWatts) / perAmpWatts + in.carAmps());
            available = Math.min(available, settings.carLimitAmps());
            if (available < ChargerModel.MIN_SETPOINT_AMPS) {
                out.pause();
                paused = true;
                smoothedWatts = liveWatts;
            } else if (available != in.setpointAmps()) {
                out.setCurrent(available);
            }
            return;
        }
        if (Double.isNaN(smoothedWatts) || liveWatts > smoothedWatts) {
            smoothedWatts = liveWatts;
        } else {
            smoothedWatts += DECAY_FACTOR * (liveWatts - smoothedWatts);
        }
        int available = (int) Math.floor((limitWatts - smoothedWatts) / perAmpWatts + in.carAmps());
        available = Math.min(available, settings.carLimitAmps());
        if (available >= ChargerModel.MIN_SETPOINT_AMPS) {
            if (available != in.setpointAmps()) {
                out.setCurrent(available);
            }
            out.resume();
            paused = false;
        }
    }
}
