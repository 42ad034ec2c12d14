package me.napolni.dinamics.core.control;

import me.napolni.dinamics.core.PhaseReadings;
import me.napolni.dinamics.core.time.ManualClock;

/**
 * A small closed loop for balancer tests: a house (per-phase current set by the test), a car on chosen phases that
 * follows its setpoint after a delay, a meter that reads house plus car every pass, and a charger that applies the
 * balancer's decisions. Passes every 100 ms on a {@link ManualClock}; {@code $GG} once a second.
 */
final class BalancerRig {

    static final long PASS_MS = 100;
    private static final long CAR_DELAY_MS = 1_000;

    final ManualClock clock = new ManualClock();
    final PhaseReadings readings = new PhaseReadings();
    final ChargerObservation charger = new ChargerObservation();
    final Decision decision = new Decision();
    final double[] houseAmps = new double[3];
    final CurrentBalancer balancer;
    int carPhaseMask = 0b111;
    boolean meterOn = true;
    double carAmps;
    final double[] thetaAmpsSquared = new double[3];
    double thermalPeakFraction;
    int setpointChanges;
    int pauses;
    int resumes;
    long lastChangeAtMs = -1;
    private int effectiveSetpoint;
    private long setpointChangedAtMs;
    private int pendingSetpoint;

    BalancerRig(BalancerConfig config) {
        balancer = new CurrentBalancer(config);
        charger.carConnected(true).setpointAmps(6).activity(ChargerActivity.PAUSED).carAmps(0.0, ChargerObservation.NEVER);
        effectiveSetpoint = 6;
        pendingSetpoint = 6;
    }

    /** Starts charging at a setpoint, as if the car had been charging for a while. */
    BalancerRig charging(int setpointAmps) {
        charger.activity(ChargerActivity.CHARGING).setpointAmps(setpointAmps);
        effectiveSetpoint = setpointAmps;
        pendingSetpoint = setpointAmps;
        carAmps = setpointAmps;
        return this;
    }

    BalancerRig house(double l1, double l2, double l3) {
        houseAmps[0] = l1;
        houseAmps[1] = l2;
        houseAmps[2] = l3;
        return this;
    }

    BalancerRig carOn(int mask) {
        carPhaseMask = mask;
        return this;
    }

    long nowMs() {
        return clock.nanoTime() / 1_000_000L;
    }

    double mainsAmps(int phase) {
        return houseAmps[phase] + ((carPhaseMask & (1 << phase)) != 0 ? carAmps : 0.0);
    }

    /** Runs one pass and returns its action. */
    DecisionAction pass() {
        clock.advanceMs(PASS_MS);
        long nowMs = nowMs();
        // the car follows the setpoint in force a second ago, at most 3 A/s up, at once down
        if (pendingSetpoint != effectiveSetpoint && nowMs - setpointChangedAtMs >= CAR_DELAY_MS) {
            effectiveSetpoint = pendingSetpoint;
        }
        double target = charger.activity() == ChargerActivity.PAUSED ? 0.0 : effectiveSetpoint;
        carAmps = target > carAmps ? Math.min(target, carAmps + 0.3) : target;
        int breakerAmps = balancer.config().breakerAmps();
        double keep = Math.exp(-PASS_MS / (double) balancer.config().breakerTauMs());
        double tripSquared = Math.pow(balancer.config().breakerToleranceFactor() * breakerAmps, 2);
        for (int phase = 0; phase < 3; phase++) {           // the breaker itself, driven by the true currents
            double amps = mainsAmps(phase);
            thetaAmpsSquared[phase] = keep * thetaAmpsSquared[phase] + (1.0 - keep) * amps * amps;
            thermalPeakFraction = Math.max(thermalPeakFraction, thetaAmpsSquared[phase] / tripSquared);
        }
        if (meterOn) {
            for (int phase = 0; phase < 3; phase++) {
                readings.amps(phase, mainsAmps(phase), clock.nanoTime());
            }
        }
        if (nowMs % 1_000 == 0) {
            charger.carAmps(carAmps, clock.nanoTime());
            if (charger.activity() == ChargerActivity.RESUMING && carAmps > 0.5) {
                charger.activity(ChargerActivity.CHARGING);
            }
        }
        balancer.doWork(clock.nanoTime(), readings, charger, decision);
        apply();
        return decision.action();
    }

    private void apply() {
        switch (decision.action()) {
            case SET_CURRENT -> setpoint(decision.setpointAmps());
            case PAUSE -> {
                charger.activity(ChargerActivity.PAUSED);
                pauses++;
            }
            case RESUME -> {
                setpoint(decision.setpointAmps());
                charger.activity(ChargerActivity.RESUMING);
                resumes++;
            }
            case NONE -> { }
        }
    }

    private void setpoint(int amps) {
        if (amps != charger.setpointAmps()) {
            setpointChanges++;
            lastChangeAtMs = nowMs();
        }
        charger.setpointAmps(amps);
        pendingSetpoint = amps;
        setpointChangedAtMs = nowMs();
    }

    /** Runs passes for a while. */
    BalancerRig run(long ms) {
        for (long t = 0; t < ms; t += PASS_MS) {
            pass();
        }
        return this;
    }

    /** Runs passes until an action happens or the time is up; returns the time waited, or -1. */
    long runUntil(DecisionAction action, long maxMs) {
        for (long t = PASS_MS; t <= maxMs; t += PASS_MS) {
            if (pass() == action) {
                return t;
            }
        }
        return -1;
    }

    int setpoint() {
        return charger.setpointAmps();
    }
}
