package me.napolni.dinamics.core.session;

import java.util.concurrent.TimeUnit;
import me.napolni.dinamics.core.settings.EnableIntent;

/**
 * The rules of a charging session for one charger, as pure logic with time passed in (TOPICS.md 4.2, 4.4, 7.5).
 *
 * <ul>
 *   <li><b>Operator.</b> {@code set_enable 1} disables until {@code set_enable 2}; {@code 3} puts to sleep until
 *   {@code 2} or, with plug &amp; charge on, the next plug-in. {@code 2} clears every stop, restarts the timers
 *   and enables if the allowed current is at least the minimum, else waits asleep ({@code no_headroom}).</li>
 *   <li><b>Auto-stops</b>, counted only while enabled, each on a condition that must hold without a break for its
 *   delay: timer1 (P&amp;C off) car current below 0.5 A ({@code no_current}); timer2 (P&amp;C off) no car
 *   ({@code no_car}); timer3 car current above the pilot + 0.5 A ({@code over_current}). They hold until
 *   {@code set_enable 2}, or with P&amp;C on until the next plug-in.</li>
 *   <li><b>timer4</b>: allowed current below the minimum - 3 A puts the charger to sleep ({@code no_headroom});
 *   it wakes by itself once the minimum is allowed again.</li>
 *   <li><b>Plug &amp; charge on</b>: an asleep charger is enabled when a car is connected and nothing holds it
 *   and the minimum is allowed.</li>
 *   <li><b>Delay timer</b>: outside the window the charger sleeps ({@code delay_timer}); {@code set_enable 2}
 *   outside the window charges at once, and the window applies again from its next opening.</li>
 * </ul>
 * <pre>
 *   ChargingSession session = ChargingSession.start(settings.enableIntent());
 *   session.operator(EnableIntent.ENABLED);                       // from a queued command
 *   session.doWork(nowNs, inputs, output);                        // each pass
 *   if (output.changed()) { port.enable() / port.sleep() / port.disable() }
 * </pre>
 * Not thread-safe: one control loop thread owns it. It does not allocate.
 */
public final class ChargingSession {

    /** The car draws "no current" below this. */
    public static final double NO_CURRENT_AMPS = 0.5;
    /** The car draws "over current" above its pilot plus this. */
    public static final double OVER_CURRENT_AMPS = 0.5;
    /** timer4 fires when the allowed current is below the minimum minus this. */
    public static final int NO_HEADROOM_BELOW_MINIMUM_AMPS = 3;
    /** A condition that does not hold. */
    public static final long NOT_SINCE = Long.MIN_VALUE;

    private static final int TIMERS = 5;

    private EnableIntent operatorHold;
    private StopReason autoStop;
    private boolean headroomPaused;
    private boolean delayOverride;
    private boolean enableRequested;
    private boolean lastConnected;
    private final long[] sinceNs = new long[TIMERS];
    private StationState state;
    private StopReason stopReason;

    private ChargingSession(EnableIntent storedIntent) {
        this.operatorHold = storedIntent == EnableIntent.OFF || storedIntent == EnableIntent.SLEEP
                ? storedIntent : EnableIntent.NONE;
        // A stored 2 (or none) sends nothing at start: the charger is taken as it is, enabled.
        // A stored 1 or 3 is applied again: the first pass reports a change.
        this.state = StationState.ENABLED;
        resetTimers();
    }

    /**
     * Starts the session logic after a (re)start of the gateway.
     *
     * @param storedIntent the persisted intent; 1 and 3 are applied again at the first pass, 2 and none send nothing
     * @return the session
     */
    public static ChargingSession start(EnableIntent storedIntent) {
        return new ChargingSession(storedIntent);
    }

    /**
     * Applies an operator's {@code set_enable}; it takes effect at the next {@link #doWork}.
     *
     * @param intent off, enabled or sleep; {@link EnableIntent#NONE} is ignored
     */
    public void operator(EnableIntent intent) {
        switch (intent) {
            case OFF, SLEEP -> {
                operatorHold = intent;
                enableRequested = false;
            }
            case ENABLED -> {
                operatorHold = EnableIntent.NONE;
                autoStop = null;
                headroomPaused = false;
                enableRequested = true;
                resetTimers();
            }
            default -> { }
        }
    }

    /**
     * Runs one pass.
     *
     * @param nowNs the current time, from the injected clock
     * @param in what is observed now
     * @param out receives the state the charger should be in
     */
    public void doWork(long nowNs, SessionInputs in, SessionOutput out) {
        boolean pnc = in.plugAndCharge();
        boolean plugIn = in.carConnected() && !lastConnected;
        lastConnected = in.carConnected();
        if (plugIn && pnc) {
            autoStop = null;
            if (operatorHold == EnableIntent.SLEEP) {
                operatorHold = EnableIntent.NONE;
            }
        }
        if (in.insideDelayWindow()) {
            delayOverride = false;
        } else if (enableRequested) {
            delayOverride = true;
        }
        if (state == StationState.ENABLED) {
            runTimers(nowNs, in, pnc);
        } else {
            resetTimers();
        }
        boolean minimumAllowed = in.allowedAmps() >= in.minimumAmps();
        if (headroomPaused && minimumAllowed) {
            headroomPaused = false;
        }

        StationState next;
        StopReason reason;
        if (operatorHold == EnableIntent.OFF) {
            next = StationState.DISABLED;
            reason = StopReason.OPERATOR_OFF;
        } else if (operatorHold == EnableIntent.SLEEP) {
            next = StationState.ASLEEP;
            reason = StopReason.OPERATOR_SLEEP;
        } else if (autoStop != null) {
            next = StationState.ASLEEP;
            reason = autoStop;
        } else if (!in.insideDelayWindow() && !delayOverride) {
            next = StationState.ASLEEP;
            reason = StopReason.DELAY_TIMER;
        } else if (headroomPaused) {
            next = StationState.ASLEEP;
            reason = StopReason.NO_HEADROOM;
        } else if (state == StationState.ENABLED) {
            next = StationState.ENABLED;
            reason = null;
        } else if (!minimumAllowed) {
            headroomPaused = true;
            next = StationState.ASLEEP;
            reason = StopReason.NO_HEADROOM;
        } else if (enableRequested || !pnc || in.carConnected()) {
            next = StationState.ENABLED;
            reason = null;
        } else {
            next = state;
            reason = stopReason;
        }
        enableRequested = false;
        boolean changed = next != state;
        if (changed) {
            resetTimers();
        }
        state = next;
        stopReason = reason;
        out.set(next, reason, changed);
    }

    /**
     * Returns the state decided at the last pass.
     *
     * @return the state
     */
    public StationState state() {
        return state;
    }

    /**
     * Returns why the charger is not charging, as decided at the last pass.
     *
     * @return the reason, or null when enabled
     */
    public StopReason stopReason() {
        return stopReason;
    }

    /**
     * Returns since when a timer's condition has held.
     *
     * @param number 1..4
     * @return the time the condition began, or {@link #NOT_SINCE}
     */
    public long conditionSinceNs(int number) {
        return sinceNs[number];
    }

    private void runTimers(long nowNs, SessionInputs in, boolean pnc) {
        if (track(1, !pnc && in.carAmps() < NO_CURRENT_AMPS, nowNs, in)) {
            autoStop = StopReason.NO_CURRENT;
        }
        if (track(2, !pnc && !in.carConnected(), nowNs, in)) {
            autoStop = StopReason.NO_CAR;
        }
        if (track(3, in.carAmps() > in.pilotAmps() + OVER_CURRENT_AMPS, nowNs, in)) {
            autoStop = StopReason.OVER_CURRENT;
        }
        if (track(4, in.allowedAmps() < in.minimumAmps() - NO_HEADROOM_BELOW_MINIMUM_AMPS, nowNs, in)) {
            headroomPaused = true;
        }
    }

    /** Follows one condition; true when it has held without a break for the timer's delay; an off timer forgets. */
    private boolean track(int number, boolean holds, long nowNs, SessionInputs in) {
        if (!holds || in.timerMs(number) == SessionInputs.TIMER_OFF) {
            sinceNs[number] = NOT_SINCE;
            return false;
        }
        if (sinceNs[number] == NOT_SINCE) {
            sinceNs[number] = nowNs;
        }
        return nowNs - sinceNs[number] >= TimeUnit.MILLISECONDS.toNanos(in.timerMs(number));
    }

    private void resetTimers() {
        for (int i = 0; i < TIMERS; i++) {
            sinceNs[i] = NOT_SINCE;
        }
    }
}
