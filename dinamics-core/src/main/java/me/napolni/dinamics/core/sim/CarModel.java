package me.napolni.dinamics.core.sim;

/**
 * The car's current, step by step (100 ms), as IEC 61851 lets a car behave (SCENARIO.md §3).
 *
 * <ul>
 *   <li>Target at step k (time t = 0.1k s): min(car max, the lowest setpoint in force during [t − 2 s, t − 1 s]),
 *       that is the setpoints after the commands of steps k − 20 to k − 10.</li>
 *   <li>Charging: each step the current moves toward the target by at most +0.3 A or −2.0 A.</li>
 *   <li>Pause at step k from current c0 (the previous step's): the current of step k + i is c0 · (9 − i) / 10,
 *       so it is 0 from step k + 9, whose end is 1.0 s after the command.</li>
 *   <li>Resume at step k: 0 A in steps k to k + 49 (5.0 s), 6 A in step k + 50, then the charging rule.
 *       A pause during those 5 s cancels the resume.</li>
 *   <li>Resume while charging or resuming, and pause while pausing or paused, are no-ops.</li>
 * </ul>
 *
 * <p>Call {@link #pause()} or {@link #resume()} (if any) and then {@link #step(int)} once per step.
 */
public final class CarModel {

    /** Fastest rise of the current per 100 ms step, amps (3 A/s). */
    public static final double RISE_PER_STEP_AMPS = 0.3;
    /** Fastest fall of the current per 100 ms step, amps (20 A/s). */
    public static final double FALL_PER_STEP_AMPS = 2.0;
    /** Steps from a pause command to 0 A (1.0 s). */
    public static final int PAUSE_RAMP_STEPS = 10;
    /** Steps of 0 A after a resume command (5.0 s). */
    public static final int RESUME_DEAD_STEPS = 50;
    /** The current the car takes when it starts after a resume. */
    public static final double START_AMPS = 6.0;
    /** The oldest step of the setpoint window, steps before now (2 s). */
    public static final int WINDOW_OLDEST_STEPS = 20;
    /** The newest step of the setpoint window, steps before now (1 s). */
    public static final int WINDOW_NEWEST_STEPS = 10;

    private static final int HISTORY = 32;
    private static final int HISTORY_MASK = HISTORY - 1;
    private static final int CHARGING = 0;
    private static final int RESUMING = 1;
    private static final int PAUSING = 2;
    private static final int PAUSED = 3;

    private final double maxAmps;
    private final int[] setpointHistory = new int[HISTORY];
    private int step;
    private int state;
    private int stepsInState;
    private double amps;
    private double pauseFromAmps;

    /**
     * Creates a paused car whose charger has had its power-on setpoint for ever.
     *
     * @param maxAmps the most the car draws per phase
     */
    public CarModel(double maxAmps) {
        this.maxAmps = maxAmps;
        powerOn();
    }

    /** Power returns (or the day starts): the car is paused at 0 A and the setpoint has been 6 A. */
    public void powerOn() {
        state = PAUSED;
        stepsInState = 0;
        amps = 0.0;
        pauseFromAmps = 0.0;
        step = 0;
        for (int i = 0; i < HISTORY; i++) {
            setpointHistory[i] = ChargerModel.POWER_ON_SETPOINT_AMPS;
        }
    }

    /**
     * Handles {@code $FS} in the current step, before {@link #step(int)}.
     *
     * @return true when it stopped a charging or resuming car (a pause that counts)
     */
    public boolean pause() {
        if (state == CHARGING) {
            pauseFromAmps = amps;
        } else if (state == RESUMING) {
            pauseFromAmps = 0.0;
        } else {
            return false;
        }
        state = PAUSING;
        stepsInState = 0;
        return true;
    }

    /**
     * Handles {@code $FE} in the current step, before {@link #step(int)}.
     *
     * @return true when it started a resume of a pausing or paused car
     */
    public boolean resume() {
        if (state == CHARGING || state == RESUMING) {
            return false;
        }
        state = RESUMING;
        stepsInState = 0;
        return true;
    }

    /**
     * Advances one step.
     *
     * @param setpointAmps the charger's setpoint after this step's commands
     * @return the car's current in this step, amps per car phase
     */
    public double step(int setpointAmps) {
        setpointHistory[step & HISTORY_MASK] = setpointAmps;
        switch (state) {
            case CHARGING:
                amps += clamp(target() - amps);
                break;
            case RESUMING:
                if (stepsInState < RESUME_DEAD_STEPS) {
                    amps = 0.0;
                } else {
                    state = CHARGING;
                    amps = START_AMPS;
                }
                break;
            case PAUSING:
                if (stepsInState < PAUSE_RAMP_STEPS - 1) {
                    amps = pauseFromAmps * (PAUSE_RAMP_STEPS - 1 - stepsInState) / PAUSE_RAMP_STEPS;
                } else {
                    state = PAUSED;
                    amps = 0.0;
                }
                break;
            default:
                amps = 0.0;
                break;
        }
        stepsInState++;
        step++;
        return amps;
    }

    private double target() {
        int lowest = Integer.MAX_VALUE;
        for (int back = WINDOW_NEWEST_STEPS; back <= WINDOW_OLDEST_STEPS; back++) {
            lowest = Math.min(lowest, setpointHistory[(step - back) & HISTORY_MASK]);
        }
        return Math.min(maxAmps, lowest);
    }

    private static double clamp(double delta) {
        if (delta > RISE_PER_STEP_AMPS) {
            return RISE_PER_STEP_AMPS;
        }
        return Math.max(delta, -FALL_PER_STEP_AMPS);
    }

    /**
     * Returns the car's current in the last step.
     *
     * @return amps per car phase
     */
    public double amps() {
        return amps;
    }

    /**
     * Tells whether the charger has the car paused ({@code $FS} in force, ramping down or stopped).
     *
     * @return true while pausing or paused
     */
    public boolean paused() {
        return state == PAUSING || state == PAUSED;
    }

    /**
     * Tells whether a resume is in its 5 s dead time.
     *
     * @return true while resuming
     */
    public boolean resuming() {
        return state == RESUMING;
    }
}
