package me.napolni.dinamics.core.control.internal;

import me.napolni.dinamics.core.PhaseReadings;

/**
 * Finds the phases a car draws on from how the mains move when the car's current steps (start, cut, raise).
 *
 * <p>At each new car measurement ({@code $GG}) that agrees with the previous one (the car's current is steady),
 * the detector compares the mains with a reference taken at the last steady point. When the car's current has
 * moved by at least {@link #MIN_STEP_AMPS}, every phase whose mains moved by at least {@link #ACTIVE_RATIO} of
 * that step is active and every phase that moved by at most {@link #INACTIVE_RATIO} of it is not; anything in
 * between, or no active phase, is inconclusive (a house load switched at the same moment). A step counts when
 * {@link #CONFIRMATIONS} consecutive steady measurements agree (a pulsing hob cannot fake that). A narrower set
 * (or the first one) is adopted only after two separate rises of the car's current agree: a cut follows a house
 * load that has just risen, which would hide the car on that phase. A wider set is adopted at once after
 * {@link #WIDEN_CONFIRMATIONS} measurements. Until something is known the mask is {@link PhaseSet#NONE} and the
 * balancer assumes all three phases.
 */
public final class PhaseDetector {

    /** The smallest change of the car's current that is used for detection. */
    public static final double MIN_STEP_AMPS = 4.0;
    /** Mains moving by at least this share of the car's step: the car draws on that phase. */
    public static final double ACTIVE_RATIO = 0.6;
    /** Mains moving by at most this share of the car's step: the car does not draw on that phase. */
    public static final double INACTIVE_RATIO = 0.3;
    /** Consecutive agreeing classifications that make one step count. */
    public static final int CONFIRMATIONS = 3;
    /** Consecutive classifications that widen the set. */
    public static final int WIDEN_CONFIRMATIONS = 2;

    private static final double STEADY_AMPS = 0.6;
    private static final long MAX_SAMPLE_GAP_NS = 5_000_000_000L;
    private static final long MAX_REFERENCE_AGE_NS = 60_000_000_000L;
    private static final long NO_TIME = Long.MIN_VALUE;

    private final double[] referenceMainsAmps = new double[PhaseReadings.MAX_PHASES];
    private double referenceCarAmps;
    private long referenceAtNs = NO_TIME;
    private double previousCarAmps;
    private long previousCarAtNs = NO_TIME;
    private int mask = PhaseSet.NONE;
    private int candidateMask = PhaseSet.NONE;
    private int candidateCount;
    private int pendingMask = PhaseSet.NONE;

    /** Forgets everything (a new car). */
    public void reset() {
        mask = PhaseSet.NONE;
        pendingMask = PhaseSet.NONE;
        forgetReference();
        previousCarAtNs = NO_TIME;
    }

    /** Forgets the detected phases but keeps tracking (a doubt about them). */
    public void forgetMask() {
        mask = PhaseSet.NONE;
        pendingMask = PhaseSet.NONE;
        candidateMask = PhaseSet.NONE;
        candidateCount = 0;
    }

    /**
     * Returns the detected phases.
     *
     * @return a mask (L1 = 1, L2 = 2, L3 = 4), or {@link PhaseSet#NONE} while unknown
     */
    public int mask() {
        return mask;
    }

    /**
     * Takes one pass's data; only a new car measurement can change anything.
     *
     * @param mains fresh mains readings
     * @param carAmps the car's current per phase
     * @param carMeasuredAtNs when it was measured
     */
    public void update(PhaseReadings mains, double carAmps, long carMeasuredAtNs) {
        if (carMeasuredAtNs == NO_TIME || carMeasuredAtNs == previousCarAtNs) {
            return;
        }
        boolean steady = previousCarAtNs != NO_TIME
                && carMeasuredAtNs - previousCarAtNs <= MAX_SAMPLE_GAP_NS
                && Math.abs(carAmps - previousCarAmps) <= STEADY_AMPS;
        previousCarAmps = carAmps;
        previousCarAtNs = carMeasuredAtNs;
        if (!steady) {
            return;
        }
        if (referenceAtNs == NO_TIME || carMeasuredAtNs - referenceAtNs > MAX_REFERENCE_AGE_NS) {
            takeReference(mains, carAmps, carMeasuredAtNs);
            return;
        }
        double stepAmps = carAmps - referenceCarAmps;
        if (Math.abs(stepAmps) < MIN_STEP_AMPS) {
            if (Math.abs(stepAmps) < STEADY_AMPS) {
                takeReference(mains, carAmps, carMeasuredAtNs);   // follow the house while the car holds still
            }
            return;
        }
        int classified = classify(mains, stepAmps);
        if (classified == PhaseSet.NONE) {
            candidateMask = PhaseSet.NONE;
            candidateCount = 0;
            return;
        }
        if (classified == candidateMask) {
            candidateCount++;
        } else {
            candidateMask = classified;
            candidateCount = 1;
        }
        if (mask != PhaseSet.NONE && (classified & ~mask) != 0) {
            if (candidateCount >= WIDEN_CONFIRMATIONS) {
                mask |= classified;               // the car draws on more phases than thought: at once
                pendingMask = PhaseSet.NONE;
                takeReference(mains, carAmps, carMeasuredAtNs);
            }
            return;
        }
        if (candidateCount < CONFIRMATIONS) {
            return;
        }
        // A cut answers a house load that has just risen on some phase, which hides the car there; only a rise of
        // the car's own current (a start or a raise, made while the house held still) may narrow the set, and
        // only when two such steps agree.
        if (stepAmps > 0.0 && classified != mask) {
            if (pendingMask == classified) {
                mask = classified;
                pendingMask = PhaseSet.NONE;
            } else {
                pendingMask = classified;
            }
        }
        takeReference(mains, carAmps, carMeasuredAtNs);
    }

    private int classify(PhaseReadings mains, double stepAmps) {
        int active = PhaseSet.NONE;
        for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
            double ratio = (mains.amps(phase) - referenceMainsAmps[phase]) / stepAmps;
            if (ratio >= ACTIVE_RATIO) {
                active |= 1 << phase;
            } else if (ratio > INACTIVE_RATIO) {
                return PhaseSet.NONE;
            }
        }
        return active;
    }

    private void takeReference(PhaseReadings mains, double carAmps, long atNs) {
        for (int phase = 0; phase < PhaseReadings.MAX_PHASES; phase++) {
            referenceMainsAmps[phase] = mains.amps(phase);
        }
        referenceCarAmps = carAmps;
        referenceAtNs = atNs;
        candidateMask = PhaseSet.NONE;
        candidateCount = 0;
    }

    private void forgetReference() {
        referenceAtNs = NO_TIME;
        candidateMask = PhaseSet.NONE;
        candidateCount = 0;
    }
}
