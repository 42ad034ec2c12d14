package me.napolni.dinamics.core.sim;

import java.util.Arrays;

/**
 * The reference law {@code original}: Implera EVSE-Dinamics V11 as SCENARIO.md §5 describes it.
 *
 * <p>A pass every 0.6 s, {@code $GG} every 10 s. Per phase a 10-pass moving average of the readings (buffers
 * start at 0); load = the largest of the three averages (no phase detection); max_current = trunc(In − load +
 * Icar), floor 0, capped at {@code c_limit}. set_current starts at 0. A decrease (max_current &lt; set_current)
 * is sent at once; an increase needs 50 passes, not necessarily consecutive, with max_current &gt; set_current
 * + 1 (the counter resets only when a setpoint is sent). Below 6 A nothing is sent; after 100 consecutive passes
 * below 6 A the car is paused; plug &amp; charge resumes the car on the first pass with max_current ≥ 6 A. No
 * stale-data handling.
 */
public final class OriginalLaw extends PeriodicLaw {

    /** The law's name. */
    public static final String NAME = "original";
    /** The pass period. */
    public static final int PASS_PERIOD_MS = 600;
    /** The {@code $GG} period. */
    public static final int CAR_POLL_PERIOD_MS = 10_000;
    /** Passes in the moving average. */
    public static final int AVERAGE_PASSES = 10;
    /** Passes with room to raise before a raise is sent. */
    public static final int RAISE_PASSES = 50;
    /** Consecutive passes below the minimum before the car is paused. */
    public static final int PAUSE_PASSES = 100;

    private final double[][] window = new double[3][AVERAGE_PASSES];
    private int slot;
    private int breakerAmps;
    private int carLimitAmps;
    private int setCurrentAmps;
    private int raiseCount;
    private int belowCount;
    private boolean paused;

    /** Creates the law; {@link #powerOn} sets its state. */
    public OriginalLaw() {
        super(NAME, PASS_PERIOD_MS, CAR_POLL_PERIOD_MS);
    }

    @Override
    public void powerOn(LawSettings settings, long nowNs) {
        breakerAmps = settings.breakerAmps();
        carLimitAmps = settings.carLimitAmps();
        for (int phase = 0; phase < 3; phase++) {
            Arrays.fill(window[phase], 0.0);
        }
        slot = 0;
        setCurrentAmps = 0;
        raiseCount = 0;
        belowCount = 0;
        paused = true;
    }

    @Override
    public void pass(LawInputs in, LawCommands out) {
        double load = 0.0;
        for (int phase = 0; phase < 3; phase++) {
            window[phase][slot] = in.mains().amps(phase);
            double sum = 0.0;
            for (int i = 0; i < AVERAGE_PASSES; i++) {
                sum += window[phase][i];
            }
            load = Math.max(load, sum / AVERAGE_PASSES);
        }
        slot = (slot + 1) % AVERAGE_PASSES;
        int maxCurrent = (int) Math.max(0.0, breakerAmps - load + in.carAmps());
        maxCurrent = Math.min(maxCurrent, carLimitAmps);
        if (maxCurrent < ChargerModel.MIN_SETPOINT_AMPS) {
            belowCount++;
            if (belowCount >= PAUSE_PASSES && !paused) {
                out.pause();
                paused = true;
            }
            return;
        }
        belowCount = 0;
        if (paused) {
            out.resume();
            paused = false;
        }
        if (maxCurrent < setCurrentAmps) {
            send(out, maxCurrent);
        } else if (maxCurrent > setCurrentAmps + 1) {
            raiseCount++;
            if (raiseCount >= RAISE_PASSES) {
                send(out, maxCurrent);
            }
        }
    }

    private void send(LawCommands out, int amps) {
        out.setCurrent(amps);
        setCurrentAmps = amps;
        raiseCount = 0;
    }
}
