package me.napolni.dinamics.core.control;

import java.util.concurrent.TimeUnit;
import me.napolni.dinamics.core.PhaseReadings;
import me.napolni.dinamics.core.control.internal.BreakerThermalState;
import me.napolni.dinamics.core.control.internal.MinimumWindow;
import me.napolni.dinamics.core.control.internal.PhaseDetector;
import me.napolni.dinamics.core.control.internal.PhaseSet;
import me.napolni.dinamics.core.session.StopReason;
import me.napolni.dinamics.core.settings.FailsafeMode;

/**
 * The control law: keeps the car's current as high as the breaker allows, and never so high that it trips
 * (DESIGN.md §4).
 *
 * <ul>
 *   <li><b>Headroom</b> per phase the car draws on: {@code breaker − (mains − car) − margin}; the target is the
 *   lowest of them, capped by {@code c_limit} and the charger's range. Until the car's phases are known (detected
 *   from how the mains move when the car's current rises, or given by the caller) all three phases count, the car's
 *   current taken to flow on each.</li>
 *   <li><b>Cut at once, raise slowly</b>: when a car phase exceeds {@code breaker − margin + cutTolerance}, the
 *   setpoint drops at the same pass to what fits, unless the overload can ride on the breaker's tolerance (below).
 *   It rises only once the headroom has held for {@code raiseDelayMs}, to the lowest headroom seen meanwhile, by at
 *   most {@code raiseStepAmps} per {@code raiseStepIntervalMs}: a pulsing hob does not make the current hunt.</li>
 *   <li><b>The breaker's thermal budget</b>: the balancer tracks each phase's thermal state with the breaker's own
 *   model ({@code θ ← a·θ + (1 − a)·I²}, τ = {@code breakerTauMs}, trip above {@code (1.13·In)²}). A short overload
 *   (a motor's inrush, a hob's pulse, a kettle) is carried for up to {@code overloadAllowanceMs} while the state
 *   projected {@code overloadHorizonMs} ahead stays under {@code overloadBudgetFraction} of the trip threshold;
 *   then the cut goes to the larger of the headroom and the current the breaker sustains
 *   ({@code sustainFraction}).</li>
 *   <li><b>Below the minimum</b> (6 A) the car keeps the minimum on that tolerance; it is paused only when holding
 *   the minimum would bring the projected state to {@code thermalPauseFraction} ({@code thermal}), or when far less
 *   than the minimum fits for {@code deepShortagePauseMs} ({@code no_headroom}, the seed's timer4). A car it paused
 *   is resumed after {@code minimumPauseMs} once the minimum plus {@code resumeMarginAmps} has fitted for
 *   {@code resumeDelayMs}; a car paused otherwise (power-on) as soon as it fits.</li>
 *   <li><b>Failsafe</b>: stale readings bring the safe current (the minimum, or a pause) at the first pass after
 *   {@code staleAfterMs}; before the first reading nothing is raised or resumed; while the link to the controller
 *   is down nothing is sent ({@code evse_link}: the controller's {@code $SY} fallback holds).</li>
 * </ul>
 *
 * <p>Usage, on the control loop's thread (the balancer is not thread-safe and does not allocate in
 * {@link #doWork}):
 * <pre>{@code
 * CurrentBalancer balancer = new CurrentBalancer(BalancerConfig.defaults());
 * Decision decision = new Decision();
 * while (running) {
 *     long nowNs = clock.nanoTime();
 *     // fill readings and observation from the meter and the charger's replies
 *     balancer.doWork(nowNs, readings, observation, decision);
 *     switch (decision.action()) {
 *         case SET_CURRENT -> port.setCurrent(decision.setpointAmps());   // then observation.setpointAmps(..)
 *         case PAUSE -> port.pause();                                     // then observation.activity(PAUSED)
 *         case RESUME -> port.resume(decision.setpointAmps());            // then observation.activity(RESUMING)
 *         case NONE -> { }
 *     }
 * }
 * }</pre>
 * The balancer resumes a paused car whenever the headroom allows; a caller that honours an operator's sleep or
 * plug-and-charge setting simply does not act on {@link DecisionAction#RESUME}.
 */
public final class CurrentBalancer {

    /** The setpoint before the balancer has seen the charger's. */
    private static final int UNSET_AMPS = -1;
    private static final long NO_TIME = Long.MIN_VALUE;
    /** A pause or resume that the observation does not reflect after this long is sent again. */
    private static final long COMMAND_RETRY_NS = TimeUnit.SECONDS.toNanos(5);
    /** Phases outside the detected set whose thermal state reaches this fraction make the detection doubtful. */
    private static final double DOUBT_THERMAL_FRACTION = 0.85;
    /** Resolution of the held-headroom window. */
    private static final long WINDOW_BUCKET_NS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Time constant of the light smoothing of the headroom that raises and resumes look at (cuts use the raw). */
    private static final long SMOOTHING_NS = TimeUnit.MILLISECONDS.toNanos(500);
    /** How long a car the balancer did not pause needs the headroom to have held: none, it resumes at the first fit. */
    private static final long FIRST_RESUME_DELAY_MS = 0L;
    /** The end of the held-headroom window that a rise of the headroom may still be passing through. */
    private static final long SETTLE_MS = 4_000L;
    /** The car is drawing when the charger measures more than this. */
    private static final double DRAWING_AMPS = 0.5;

    private BalancerConfig config;
    private final BreakerThermalState thermal = new BreakerThermalState();
    private final PhaseDetector detector = new PhaseDetector();

    private long lastPassNs = NO_TIME;
    private boolean sessionOpen;
    private int setpointAmps = UNSET_AMPS;
    private final MinimumWindow headroomWindow = new MinimumWindow(WINDOW_BUCKET_NS,
            TimeUnit.MILLISECONDS.toNanos(BalancerConfig.MAX_DELAY_MS));
    private double smoothedHeadroomAmps = Double.NaN;
    private int windowMask = PhaseSet.NONE;
    private long lastRaiseNs = NO_TIME;
    private long deepShortageSinceNs = NO_TIME;
    private long overloadSinceNs = NO_TIME;
    private boolean breakerLowered;
    private long pausedAtNs = NO_TIME;
    private StopReason pauseReason;
    private long pauseSentNs = NO_TIME;
    private long resumeSentNs = NO_TIME;

    /**
     * Creates a balancer.
     *
     * @param config the settings
     */
    public CurrentBalancer(BalancerConfig config) {
        this.config = requireConfig(config);
    }

    /**
     * Returns the settings in force.
     *
     * @return the settings
     */
    public BalancerConfig config() {
        return config;
    }

    /**
     * Swaps the settings; the next pass uses them (a lower breaker or {@code c_limit} cuts at once). The state
     * (thermal, phases, timers) is kept.
     *
     * @param newConfig the new settings
     */
    public void config(BalancerConfig newConfig) {
        BalancerConfig checked = requireConfig(newConfig);
        if (checked.breakerAmps() < config.breakerAmps()) {
            breakerLowered = true;      // a lowered rating is honoured at once, without riding on the tolerance
        }
        this.config = checked;
    }

    private static BalancerConfig requireConfig(BalancerConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("balancer settings must be given");
        }
        return config;
    }

    /**
     * Runs one pass: reads the mains and the charger, decides, and writes the decision.
     *
     * @param nowNs the current time, from the injected clock
     * @param mains the latest mains readings (house and car) with their times
     * @param charger what is known about the charger
     * @param out the holder to write the decision into
     */
    public void doWork(long nowNs, PhaseReadings mains, ChargerObservation charger, Decision out) {
        BalancerConfig c = config;
        long dtNs = lastPassNs == NO_TIME ? 0L : Math.max(0L, nowNs - lastPassNs);
        lastPassNs = nowNs;
        long tauNs = TimeUnit.MILLISECONDS.toNanos(c.breakerTauMs());

        boolean anyReading = mains.hasReading(0) || mains.hasReading(1) || mains.hasReading(2);
        // a reading that is not a current (NaN, infinite, negative) is no better than none: the safe side
        boolean validReadings = valid(mains);
        boolean stale = mains.anyStale(nowNs, TimeUnit.MILLISECONDS.toNanos(c.staleAfterMs())) || !validReadings;
        if (anyReading && validReadings) {
            thermal.update(mains, dtNs, tauNs, c.breakerAmps());
        }
        FailsafeState failsafe = anyReading ? (stale ? FailsafeState.STALE : FailsafeState.OFF)
                : FailsafeState.NO_READINGS;

        if (!charger.carConnected()) {
            closeSession();
            out.set(DecisionAction.NONE, Math.max(0, charger.setpointAmps()), allowedAmps(c, mains, charger,
                    failsafe), linkFailsafe(charger, failsafe), null, 0);
            return;
        }
        openSession(charger);
        if (!stale) {
            detector.update(mains, charger.carAmps(), charger.carMeasuredAtNs());
        }
        if (!charger.linkOk()) {
            out.set(DecisionAction.NONE, setpointAmps == UNSET_AMPS ? Math.max(0, charger.setpointAmps())
                    : setpointAmps, allowedAmps(c, mains, charger, failsafe), FailsafeState.EVSE_LINK, pauseReason, 0);
            return;
        }
        if (c.staticMode()) {
            staticPass(c, nowNs, charger, out);
            return;
        }
        if (charger.activity() == ChargerActivity.PAUSED) {
            pausedPass(c, nowNs, dtNs, mains, charger, failsafe, out);
        } else {
            chargingPass(c, nowNs, dtNs, mains, charger, failsafe, tauNs, out);
        }
    }

    private static boolean valid(PhaseReadings mains) {
        for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
            double amps = mains.amps(phase);
            if (!(amps >= 0.0 && amps < Double.POSITIVE_INFINITY)) {
                return false;
            }
        }
        return true;
    }

    private void openSession(ChargerObservation charger) {
        if (!sessionOpen) {
            sessionOpen = true;
            setpointAmps = UNSET_AMPS;
            detector.reset();
            clearHolds();
            pausedAtNs = NO_TIME;
            pauseReason = null;
            pauseSentNs = NO_TIME;
            resumeSentNs = NO_TIME;
        }
    }

    private void closeSession() {
        sessionOpen = false;
        setpointAmps = UNSET_AMPS;
        detector.reset();
        clearHolds();
    }

    private void clearHolds() {
        headroomWindow.clear();
        smoothedHeadroomAmps = Double.NaN;
        lastRaiseNs = NO_TIME;
        deepShortageSinceNs = NO_TIME;
        overloadSinceNs = NO_TIME;
    }

    /** Feeds the held-headroom window; a change of the car's phases starts it again. */
    private void holdHeadroom(long nowNs, long dtNs, double headroomAmps, int mask) {
        if (mask != windowMask || Double.isNaN(smoothedHeadroomAmps)) {
            windowMask = mask;
            headroomWindow.clear();
            smoothedHeadroomAmps = headroomAmps;
        } else {
            smoothedHeadroomAmps += (headroomAmps - smoothedHeadroomAmps) * dtNs / (double) (SMOOTHING_NS + dtNs);
        }
        headroomWindow.add(nowNs, smoothedHeadroomAmps);
    }

    /** The lowest smoothed headroom over the last {@code delayMs}, or NaN when it has not been watched that long. */
    private double heldHeadroomAmps(long nowNs, long delayMs) {
        long windowNs = msToNs(delayMs);
        return headroomWindow.covers(nowNs, windowNs) ? headroomWindow.minimum(nowNs, windowNs) : Double.NaN;
    }

    private void staticPass(BalancerConfig c, long nowNs, ChargerObservation charger, Decision out) {
        int cap = c.capAmps();
        setpointAmps = cap;
        int phases = PhaseSet.code(PhaseSet.mask(charger.activePhases()));
        if (charger.activity() == ChargerActivity.PAUSED) {
            boolean pauseOver = pausedAtNs == NO_TIME || nowNs - pausedAtNs >= msToNs(c.minimumPauseMs());
            if (pauseOver && retryDue(resumeSentNs, nowNs)) {
                resumeSentNs = nowNs;
                pausedAtNs = NO_TIME;
                pauseReason = null;
                out.set(DecisionAction.RESUME, cap, cap, FailsafeState.OFF, null, 0);
            } else {
                out.set(DecisionAction.NONE, cap, cap, FailsafeState.OFF, pauseReason, 0);
            }
            return;
        }
        DecisionAction action = charger.setpointAmps() != cap ? DecisionAction.SET_CURRENT : DecisionAction.NONE;
        out.set(action, cap, cap, FailsafeState.OFF, null, phases);
    }

    private void pausedPass(BalancerConfig c, long nowNs, long dtNs, PhaseReadings mains, ChargerObservation charger,
            FailsafeState failsafe, Decision out) {
        pauseSentNs = NO_TIME;
        deepShortageSinceNs = NO_TIME;
        breakerLowered = false;
        if (setpointAmps == UNSET_AMPS) {
            setpointAmps = clamp(charger.setpointAmps(), c.minimumCurrentAmps(), c.capAmps());
        }
        if (failsafe != FailsafeState.OFF) {
            clearHolds();
            StopReason reason = pauseReason != null ? pauseReason
                    : c.failsafeMode() == FailsafeMode.PAUSE ? StopReason.FAILSAFE : null;
            out.set(DecisionAction.NONE, setpointAmps, failsafeAllowedAmps(c), failsafe, reason, 0);
            return;
        }
        int mask = effectiveMask(charger);
        double headroomAmps = headroomAmps(c, mains, charger, mask);
        holdHeadroom(nowNs, dtNs, headroomAmps, mask);
        int allowed = allowedFromHeadroom(c, headroomAmps);
        boolean pauseOver = pausedAtNs == NO_TIME || nowNs - pausedAtNs >= msToNs(c.minimumPauseMs());
        // the resume delay guards against flapping after a pause of ours; a car paused by someone else (or by a
        // power-on) is resumed as soon as the headroom fits
        long resumeDelayMs = pausedAtNs == NO_TIME ? Math.min(c.resumeDelayMs(), FIRST_RESUME_DELAY_MS)
                : c.resumeDelayMs();
        double heldAmps = heldHeadroomAmps(nowNs, resumeDelayMs);
        if (pauseOver && Math.min(heldAmps, headroomAmps) >= c.minimumCurrentAmps() + c.resumeMarginAmps()
                && retryDue(resumeSentNs, nowNs)) {
            setpointAmps = clamp((int) Math.floor(Math.min(heldAmps, headroomAmps)), c.minimumCurrentAmps(),
                    c.capAmps());
            resumeSentNs = nowNs;
            pausedAtNs = NO_TIME;
            pauseReason = null;
            lastRaiseNs = nowNs;
            out.set(DecisionAction.RESUME, setpointAmps, allowed, failsafe, null, 0);
            return;
        }
        StopReason reason = pauseReason != null ? pauseReason
                : headroomAmps < c.minimumCurrentAmps() ? StopReason.NO_HEADROOM : null;
        out.set(DecisionAction.NONE, setpointAmps, allowed, failsafe, reason, 0);
    }

    private void chargingPass(BalancerConfig c, long nowNs, long dtNs, PhaseReadings mains,
            ChargerObservation charger, FailsafeState failsafe, long tauNs, Decision out) {
        resumeSentNs = NO_TIME;
        pausedAtNs = NO_TIME;
        pauseReason = null;
        int min = c.minimumCurrentAmps();
        int cap = c.capAmps();
        int chargerSetpoint = charger.setpointAmps();
        if (setpointAmps == UNSET_AMPS) {
            setpointAmps = clamp(chargerSetpoint, min, cap);
        } else if (chargerSetpoint < setpointAmps && chargerSetpoint >= min) {
            setpointAmps = chargerSetpoint;     // changed elsewhere: take the lower value, raise at our pace
        }
        int mask = effectiveMask(charger);
        int phases = charger.carAmps() > DRAWING_AMPS ? PhaseSet.code(knownMask(charger)) : 0;

        if (failsafe != FailsafeState.OFF) {
            clearHolds();
            if (c.failsafeMode() == FailsafeMode.PAUSE) {
                pause(nowNs, StopReason.FAILSAFE, out, failsafe, phases);
                return;
            }
            setpointAmps = Math.min(setpointAmps, min);
            out.set(commandFor(chargerSetpoint), setpointAmps, min, failsafe, null, phases);
            return;
        }

        doubtDetection(c, charger);
        double headroomAmps = headroomAmps(c, mains, charger, mask);
        holdHeadroom(nowNs, dtNs, headroomAmps, mask);
        int allowed = allowedFromHeadroom(c, headroomAmps);
        int target = Math.min(setpointAmps, cap);

        // cut at once when a car phase is above the breaker, to what fits now
        double overshootAmps = overshootAmps(c, mains, mask);
        if (breakerLowered) {
            breakerLowered = false;
            target = Math.min(target, Math.max(min, (int) Math.floor(headroomAmps)));
        }
        if (overshootAmps > c.cutToleranceAmps()) {
            if (overloadSinceNs == NO_TIME) {
                overloadSinceNs = nowNs;
            }
            if (!overloadTolerable(c, nowNs, mains, mask, tauNs)) {
                double fits = Math.max(headroomAmps, sustainableHeadroomAmps(c, mains, charger, mask));
                target = Math.min(target, Math.max(min, (int) Math.floor(fits)));
            }
        } else {
            overloadSinceNs = NO_TIME;
        }

        // raise slowly: to the lowest headroom held over the raise delay, by at most one step per interval
        if (target == setpointAmps && target < cap) {
            double heldAmps = heldHeadroomAmps(nowNs, c.raiseDelayMs());
            boolean stepDue = lastRaiseNs == NO_TIME || nowNs - lastRaiseNs >= msToNs(c.raiseStepIntervalMs());
            // while the window's oldest seconds still hold the rise itself, wait: one raise instead of two
            double settledAmps = heldHeadroomAmps(nowNs, Math.max(0L, c.raiseDelayMs() - SETTLE_MS));
            boolean settled = !(settledAmps - heldAmps >= 1.0);
            if (stepDue && settled && heldAmps - c.raiseHysteresisAmps() >= target + 1) {
                int raised = Math.min(Math.min(cap, target + c.raiseStepAmps()),
                        (int) Math.floor(Math.min(heldAmps, headroomAmps)));
                if (raised > target) {
                    target = raised;
                    lastRaiseNs = nowNs;
                }
            }
        }

        // below the minimum: hold it on the breaker's thermal tolerance while the budget lasts
        if (headroomAmps < min) {
            if (thermalBudgetSpent(c, mains, charger, mask, tauNs)) {
                pause(nowNs, StopReason.THERMAL, out, failsafe, phases);
                return;
            }
            // timer4: far less than the minimum fits, even on what the breaker sustains
            double sustainableAmps = Math.max(headroomAmps, sustainableHeadroomAmps(c, mains, charger, mask));
            if (sustainableAmps < min - c.deepShortageAmps()) {
                if (deepShortageSinceNs == NO_TIME) {
                    deepShortageSinceNs = nowNs;
                } else if (nowNs - deepShortageSinceNs >= msToNs(c.deepShortagePauseMs())) {
                    pause(nowNs, StopReason.NO_HEADROOM, out, failsafe, phases);
                    return;
                }
            } else {
                deepShortageSinceNs = NO_TIME;
            }
        } else {
            deepShortageSinceNs = NO_TIME;
        }

        pauseSentNs = NO_TIME;
        setpointAmps = target;
        out.set(commandFor(chargerSetpoint), setpointAmps, allowed, failsafe, null, phases);
    }

    private DecisionAction commandFor(int chargerSetpoint) {
        return chargerSetpoint != setpointAmps ? DecisionAction.SET_CURRENT : DecisionAction.NONE;
    }

    private void pause(long nowNs, StopReason reason, Decision out, FailsafeState failsafe, int phases) {
        deepShortageSinceNs = NO_TIME;
        DecisionAction action = DecisionAction.NONE;
        if (retryDue(pauseSentNs, nowNs)) {
            pauseSentNs = nowNs;
            action = DecisionAction.PAUSE;
        }
        pausedAtNs = nowNs;
        pauseReason = reason;
        out.set(action, setpointAmps, 0, failsafe, reason, phases);
    }

    private static boolean retryDue(long sentNs, long nowNs) {
        return sentNs == NO_TIME || nowNs - sentNs >= COMMAND_RETRY_NS;
    }

    /** The phases the caller gave, else the detected ones, else none known. */
    private int knownMask(ChargerObservation charger) {
        int given = PhaseSet.mask(charger.activePhases());
        return given != PhaseSet.NONE ? given : detector.mask();
    }

    /** The phases the headroom is computed over: the known ones, else all three (the safe side). */
    private int effectiveMask(ChargerObservation charger) {
        int known = knownMask(charger);
        return known != PhaseSet.NONE ? known : PhaseSet.ALL;
    }

    /** A detected set is dropped when a phase outside it heats the breaker as if the car were on it. */
    private void doubtDetection(BalancerConfig c, ChargerObservation charger) {
        int detected = detector.mask();
        if (detected == PhaseSet.NONE || PhaseSet.mask(charger.activePhases()) != PhaseSet.NONE) {
            return;
        }
        double limit = DOUBT_THERMAL_FRACTION * tripAmpsSquared(c);
        for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
            if (!PhaseSet.contains(detected, phase) && thermal.thetaAmpsSquared(phase) > limit) {
                detector.forgetMask();
                return;
            }
        }
    }

    private double headroomAmps(BalancerConfig c, PhaseReadings mains, ChargerObservation charger, int mask) {
        double carAmps = charger.carMeasuredAtNs() == ChargerObservation.NEVER ? 0.0 : charger.carAmps();
        double lowest = Double.MAX_VALUE;
        for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
            if (PhaseSet.contains(mask, phase)) {
                double houseAmps = Math.max(0.0, mains.amps(phase) - carAmps);
                lowest = Math.min(lowest, c.breakerAmps() - houseAmps - c.marginAmps());
            }
        }
        return lowest;
    }

    private static double overshootAmps(BalancerConfig c, PhaseReadings mains, int mask) {
        double highest = -Double.MAX_VALUE;
        for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
            if (PhaseSet.contains(mask, phase)) {
                highest = Math.max(highest, mains.amps(phase) - (c.breakerAmps() - c.marginAmps()));
            }
        }
        return highest;
    }

    /**
     * Tells whether holding the minimum current would spend the breaker's budget: each car phase's thermal state,
     * projected ahead with the house's present load plus the minimum, reaches the pause fraction.
     */
    private boolean thermalBudgetSpent(BalancerConfig c, PhaseReadings mains, ChargerObservation charger, int mask,
            long tauNs) {
        double limit = c.thermalPauseFraction() * tripAmpsSquared(c);
        long horizonNs = msToNs(c.overloadHorizonMs() + c.thermalHorizonMs());
        double carAmps = charger.carMeasuredAtNs() == ChargerObservation.NEVER ? 0.0 : charger.carAmps();
        for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
            if (PhaseSet.contains(mask, phase)) {
                double holdingAmps = Math.max(0.0, mains.amps(phase) - carAmps) + c.minimumCurrentAmps();
                if (thermal.projectedAmpsSquared(phase, holdingAmps, horizonNs, tauNs) > limit) {
                    return true;
                }
            }
        }
        return false;
    }


    /**
     * An overload is carried, not cut, while it is younger than the allowance and the breaker, carrying the present
     * currents for a while longer (at most the rest of the allowance), stays within the overload budget.
     */
    private boolean overloadTolerable(BalancerConfig c, long nowNs, PhaseReadings mains, int mask, long tauNs) {
        long allowanceNs = msToNs(c.overloadAllowanceMs());
        long elapsedNs = nowNs - overloadSinceNs;
        if (elapsedNs >= allowanceNs) {
            return false;
        }
        long horizonNs = Math.min(allowanceNs - elapsedNs, msToNs(c.overloadHorizonMs()))
                + msToNs(c.thermalHorizonMs());
        double limit = c.overloadBudgetFraction() * tripAmpsSquared(c);
        for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
            if (PhaseSet.contains(mask, phase)
                    && thermal.projectedAmpsSquared(phase, mains.amps(phase), horizonNs, tauNs) > limit) {
                return false;
            }
        }
        return true;
    }

    /**
     * The car current at which each car phase settles where the breaker's thermal state levels off at the sustain
     * fraction of its trip threshold (a steady current the breaker carries), or minus infinity when that is off.
     */
    private static double sustainableHeadroomAmps(BalancerConfig c, PhaseReadings mains, ChargerObservation charger,
            int mask) {
        if (c.sustainFraction() <= 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        double sustainAmps = Math.sqrt(c.sustainFraction() * tripAmpsSquared(c));
        double carAmps = charger.carMeasuredAtNs() == ChargerObservation.NEVER ? 0.0 : charger.carAmps();
        double lowest = Double.MAX_VALUE;
        for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
            if (PhaseSet.contains(mask, phase)) {
                lowest = Math.min(lowest, sustainAmps - Math.max(0.0, mains.amps(phase) - carAmps));
            }
        }
        return lowest;
    }

    private static double tripAmpsSquared(BalancerConfig c) {
        double tripAmps = c.breakerToleranceFactor() * c.breakerAmps();
        return tripAmps * tripAmps;
    }

    private int allowedAmps(BalancerConfig c, PhaseReadings mains, ChargerObservation charger,
            FailsafeState failsafe) {
        if (c.staticMode()) {
            return c.capAmps();
        }
        if (failsafe != FailsafeState.OFF) {
            return failsafeAllowedAmps(c);
        }
        return allowedFromHeadroom(c, headroomAmps(c, mains, charger, effectiveMask(charger)));
    }

    private static int failsafeAllowedAmps(BalancerConfig c) {
        return c.failsafeMode() == FailsafeMode.MINIMUM ? c.minimumCurrentAmps() : 0;
    }

    private static int allowedFromHeadroom(BalancerConfig c, double headroomAmps) {
        if (!(headroomAmps > 0.0)) {
            return 0;
        }
        return (int) Math.min(c.capAmps(), Math.floor(headroomAmps));
    }

    private static FailsafeState linkFailsafe(ChargerObservation charger, FailsafeState failsafe) {
        return charger.linkOk() ? failsafe : FailsafeState.EVSE_LINK;
    }

    private static int clamp(int value, int low, int high) {
        return Math.max(low, Math.min(high, value));
    }

    private static long msToNs(long ms) {
        return ms * 1_000_000L;
    }
}
