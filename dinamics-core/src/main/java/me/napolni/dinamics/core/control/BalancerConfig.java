package me.napolni.dinamics.core.control;

import java.util.ArrayList;
import java.util.List;
import me.napolni.dinamics.core.settings.FailsafeMode;

/**
 * The settings of the control law, immutable and validated as a whole.
 *
 * <p>Build one from {@link #defaults()} with {@link #toBuilder()}; the constructor rejects any out-of-range value and
 * lists every problem at once. Times are real milliseconds, currents amps per phase. The defaults are the ones tuned
 * on the household scenario (SCENARIO.md, {@code docs/scenario.md}).
 *
 * @param breakerAmps rating of the main breaker on each phase (6..100 A)
 * @param cLimitAmps the cap on the car's current ({@code c_limit}, 6..32 A on the MQTT side)
 * @param minimumCurrentAmps the lowest setpoint the charger accepts (6 A by IEC 61851)
 * @param chargerMaximumAmps the highest setpoint the charger accepts (32 A)
 * @param marginAmps how far below the breaker rating the law aims when it sets or raises the current; a small
 *     negative margin rounds the whole-amp setpoint up and leaves the phase up to that much above the rating, which
 *     the breaker carries indefinitely (IEC 60898-1: no trip at 1.13 In)
 * @param cutToleranceAmps how far a car phase may exceed {@code breakerAmps - marginAmps} before an overload begins;
 *     keeps reading noise from making the current hunt
 * @param overloadAllowanceMs the longest an overload is carried on the breaker's thermal tolerance before the law
 *     cuts to the headroom; 0 cuts at once, always
 * @param overloadBudgetFraction an overload is carried only while the breaker's thermal state, projected {@code
 *     overloadHorizonMs} ahead at the present currents, stays under this share of its trip threshold: short peaks (a
 *     motor's inrush, a hob's pulses, a kettle) ride on the tolerance, big ones are cut at once
 * @param overloadHorizonMs how far ahead the thermal state is projected before an overload is carried or the minimum
 *     current held
 * @param sustainFraction when an overload can no longer be carried, the law cuts to the larger of the headroom and
 *     the steady current at which the breaker's thermal state levels off at this share of its trip threshold; 0 cuts
 *     to the headroom
 * @param raiseDelayMs how long the headroom must have held before the current is raised; longer than the pulse
 *     period of an induction hob so that its pulses do not make the current hunt
 * @param raiseStepAmps the largest single raise
 * @param raiseStepIntervalMs the shortest time between two raises
 * @param raiseHysteresisAmps how much more than one amp above the setpoint the held headroom must be before a raise;
 *     keeps slow drifts of the house from nudging the setpoint up amp by amp
 * @param resumeMarginAmps how much more than the minimum current must fit before a paused car is resumed
 * @param resumeDelayMs how long the minimum plus the resume margin must have fitted before a car the law paused is
 *     resumed (a car paused otherwise is resumed at the first reading the minimum fits)
 * @param minimumPauseMs the shortest pause the law imposes on a car it paused itself
 * @param staleAfterMs readings older than this are stale: the safe current or a pause follows
 * @param failsafeMode what the law does on stale readings
 * @param breakerTauMs thermal time constant of the breaker (250 s in the scenario model)
 * @param breakerToleranceFactor the current, relative to the rating, that the breaker carries indefinitely (1.13)
 * @param thermalPauseFraction below the minimum current, the law pauses when the breaker's thermal state, projected
 *     {@code overloadHorizonMs} ahead, reaches this share of its trip threshold; below 0.95 so that the peak stays
 *     under 95 % even when the house's own load rises next
 * @param thermalHorizonMs the time a cut or a pause takes to act (the charger's and the car's delays), added to
 *     every thermal projection
 * @param deepShortageAmps when less than {@code minimumCurrentAmps - deepShortageAmps} fits, even on the current the
 *     breaker sustains (see {@code sustainFraction}), for {@code deepShortagePauseMs}, the car is paused ({@code
 *     no_headroom}, the seed's {@code timer4})
 * @param deepShortagePauseMs see {@code deepShortageAmps}
 * @param staticMode no current transformers: the setpoint is {@code c_limit} and readings are ignored
 */
public record BalancerConfig(
        int breakerAmps,
        int cLimitAmps,
        int minimumCurrentAmps,
        int chargerMaximumAmps,
        double marginAmps,
        double cutToleranceAmps,
        long overloadAllowanceMs,
        double overloadBudgetFraction,
        long overloadHorizonMs,
        double sustainFraction,
        long raiseDelayMs,
        int raiseStepAmps,
        long raiseStepIntervalMs,
        double raiseHysteresisAmps,
        double resumeMarginAmps,
        long resumeDelayMs,
        long minimumPauseMs,
        long staleAfterMs,
        FailsafeMode failsafeMode,
        long breakerTauMs,
        double breakerToleranceFactor,
        double thermalPauseFraction,
        long thermalHorizonMs,
        double deepShortageAmps,
        long deepShortagePauseMs,
        boolean staticMode) {

    /** The lowest current the charger and the car accept, by IEC 61851. */
    public static final int MIN_CHARGE_CURRENT_AMPS = 6;
    /** The highest setpoint of the charger. */
    public static final int MAX_CHARGE_CURRENT_AMPS = 32;
    /** The longest delay, allowance or horizon. */
    public static final long MAX_DELAY_MS = 600_000L;

    private static final BalancerConfig DEFAULTS = new BalancerConfig(
            16,
            16,
            MIN_CHARGE_CURRENT_AMPS,
            MAX_CHARGE_CURRENT_AMPS,
            -0.3,
            0.3,
            600_000L,
            0.93,
            30_000L,
            0.92,
            15_000L,
            8,
            10_000L,
            0.5,
            1.0,
            10_000L,
            120_000L,
            10_000L,
            FailsafeMode.MINIMUM,
            250_000L,
            1.13,
            0.94,
            3_000L,
            3.0,
            10_000L,
            false);

    /**
     * Validates every component and lists every problem at once.
     *
     * @param breakerAmps see the record's description
     * @param cLimitAmps see the record's description
     * @param minimumCurrentAmps see the record's description
     * @param chargerMaximumAmps see the record's description
     * @param marginAmps see the record's description
     * @param cutToleranceAmps see the record's description
     * @param overloadAllowanceMs see the record's description
     * @param overloadBudgetFraction see the record's description
     * @param overloadHorizonMs see the record's description
     * @param sustainFraction see the record's description
     * @param raiseDelayMs see the record's description
     * @param raiseStepAmps see the record's description
     * @param raiseStepIntervalMs see the record's description
     * @param raiseHysteresisAmps see the record's description
     * @param resumeMarginAmps see the record's description
     * @param resumeDelayMs see the record's description
     * @param minimumPauseMs see the record's description
     * @param staleAfterMs see the record's description
     * @param failsafeMode see the record's description
     * @param breakerTauMs see the record's description
     * @param breakerToleranceFactor see the record's description
     * @param thermalPauseFraction see the record's description
     * @param thermalHorizonMs see the record's description
     * @param deepShortageAmps see the record's description
     * @param deepShortagePauseMs see the record's description
     * @param staticMode see the record's description
     * @throws IllegalArgumentException listing every out-of-range component
     */
    public BalancerConfig {
        List<String> problems = new ArrayList<>();
        check(problems, breakerAmps >= 6 && breakerAmps <= 100,
                "breakerAmps must be 6..100", breakerAmps);
        check(problems, cLimitAmps >= minimumCurrentAmps && cLimitAmps <= 80,
                "cLimitAmps must be minimumCurrentAmps..80", cLimitAmps);
        check(problems, minimumCurrentAmps >= 1 && minimumCurrentAmps <= 16,
                "minimumCurrentAmps must be 1..16", minimumCurrentAmps);
        check(problems, chargerMaximumAmps >= minimumCurrentAmps && chargerMaximumAmps <= 80,
                "chargerMaximumAmps must be minimumCurrentAmps..80", chargerMaximumAmps);
        check(problems, marginAmps >= -2.0 && marginAmps <= 10.0,
                "marginAmps must be -2.0..10.0", marginAmps);
        check(problems, cutToleranceAmps >= 0.0 && cutToleranceAmps <= 10.0,
                "cutToleranceAmps must be 0.0..10.0", cutToleranceAmps);
        check(problems, overloadAllowanceMs >= 0 && overloadAllowanceMs <= MAX_DELAY_MS,
                "overloadAllowanceMs must be 0..600000", overloadAllowanceMs);
        check(problems, overloadBudgetFraction >= 0.01 && overloadBudgetFraction <= 1.0,
                "overloadBudgetFraction must be 0.01..1.0", overloadBudgetFraction);
        check(problems, overloadHorizonMs >= 0 && overloadHorizonMs <= MAX_DELAY_MS,
                "overloadHorizonMs must be 0..600000", overloadHorizonMs);
        check(problems, sustainFraction >= 0.0 && sustainFraction <= 1.0,
                "sustainFraction must be 0.0..1.0", sustainFraction);
        check(problems, raiseDelayMs >= 0 && raiseDelayMs <= MAX_DELAY_MS,
                "raiseDelayMs must be 0..600000", raiseDelayMs);
        check(problems, raiseStepAmps >= 1 && raiseStepAmps <= 80,
                "raiseStepAmps must be 1..80", raiseStepAmps);
        check(problems, raiseStepIntervalMs >= 0 && raiseStepIntervalMs <= MAX_DELAY_MS,
                "raiseStepIntervalMs must be 0..600000", raiseStepIntervalMs);
        check(problems, raiseHysteresisAmps >= 0.0 && raiseHysteresisAmps <= 10.0,
                "raiseHysteresisAmps must be 0.0..10.0", raiseHysteresisAmps);
        check(problems, resumeMarginAmps >= 0.0 && resumeMarginAmps <= 20.0,
                "resumeMarginAmps must be 0.0..20.0", resumeMarginAmps);
        check(problems, resumeDelayMs >= 0 && resumeDelayMs <= MAX_DELAY_MS,
                "resumeDelayMs must be 0..600000", resumeDelayMs);
        check(problems, minimumPauseMs >= 0 && minimumPauseMs <= 3_600_000L,
                "minimumPauseMs must be 0..3600000", minimumPauseMs);
        check(problems, staleAfterMs >= 100 && staleAfterMs <= 600_000L,
                "staleAfterMs must be 100..600000", staleAfterMs);
        check(problems, failsafeMode != null, "failsafeMode must be given", failsafeMode);
        check(problems, breakerTauMs >= 1_000L && breakerTauMs <= 36_000_000L,
                "breakerTauMs must be 1000..36000000", breakerTauMs);
        check(problems, breakerToleranceFactor >= 1.0 && breakerToleranceFactor <= 2.0,
                "breakerToleranceFactor must be 1.0..2.0", breakerToleranceFactor);
        check(problems, thermalPauseFraction >= 0.01 && thermalPauseFraction <= 1.0,
                "thermalPauseFraction must be 0.01..1.0", thermalPauseFraction);
        check(problems, thermalHorizonMs >= 0 && thermalHorizonMs <= 600_000L,
                "thermalHorizonMs must be 0..600000", thermalHorizonMs);
        check(problems, deepShortageAmps >= 0.0 && deepShortageAmps <= minimumCurrentAmps,
                "deepShortageAmps must be 0.0..minimumCurrentAmps", deepShortageAmps);
        check(problems, deepShortagePauseMs >= 0 && deepShortagePauseMs <= MAX_DELAY_MS,
                "deepShortagePauseMs must be 0..600000", deepShortagePauseMs);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid balancer settings: " + String.join("; ", problems));
        }
    }

    private static void check(List<String> problems, boolean ok, String rule, Object value) {
        if (!ok) {
            problems.add(rule + " (was " + value + ")");
        }
    }

    /**
     * Returns the default settings: a 16 A breaker, {@code c_limit} 16 A, readings stale after 10 s, the minimum
     * current as the failsafe, and the law's tuned timing and thermal budget.
     *
     * @return the defaults
     */
    public static BalancerConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a builder that starts from these settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Returns the highest setpoint the law may command: the smaller of {@code c_limit} and the charger's maximum.
     *
     * @return amps, at least {@link #minimumCurrentAmps()}
     */
    public int capAmps() {
        return Math.max(minimumCurrentAmps, Math.min(cLimitAmps, chargerMaximumAmps));
    }

    /** A mutable builder for {@link BalancerConfig}; {@link #build()} validates. */
    public static final class Builder {
        private int breakerAmps;
        private int cLimitAmps;
        private int minimumCurrentAmps;
        private int chargerMaximumAmps;
        private double marginAmps;
        private double cutToleranceAmps;
        private long overloadAllowanceMs;
        private double overloadBudgetFraction;
        private long overloadHorizonMs;
        private double sustainFraction;
        private long raiseDelayMs;
        private int raiseStepAmps;
        private long raiseStepIntervalMs;
        private double raiseHysteresisAmps;
        private double resumeMarginAmps;
        private long resumeDelayMs;
        private long minimumPauseMs;
        private long staleAfterMs;
        private FailsafeMode failsafeMode;
        private long breakerTauMs;
        private double breakerToleranceFactor;
        private double thermalPauseFraction;
        private long thermalHorizonMs;
        private double deepShortageAmps;
        private long deepShortagePauseMs;
        private boolean staticMode;

        private Builder(BalancerConfig from) {
            breakerAmps = from.breakerAmps;
            cLimitAmps = from.cLimitAmps;
            minimumCurrentAmps = from.minimumCurrentAmps;
            chargerMaximumAmps = from.chargerMaximumAmps;
            marginAmps = from.marginAmps;
            cutToleranceAmps = from.cutToleranceAmps;
            overloadAllowanceMs = from.overloadAllowanceMs;
            overloadBudgetFraction = from.overloadBudgetFraction;
            overloadHorizonMs = from.overloadHorizonMs;
            sustainFraction = from.sustainFraction;
            raiseDelayMs = from.raiseDelayMs;
            raiseStepAmps = from.raiseStepAmps;
            raiseStepIntervalMs = from.raiseStepIntervalMs;
            raiseHysteresisAmps = from.raiseHysteresisAmps;
            resumeMarginAmps = from.resumeMarginAmps;
            resumeDelayMs = from.resumeDelayMs;
            minimumPauseMs = from.minimumPauseMs;
            staleAfterMs = from.staleAfterMs;
            failsafeMode = from.failsafeMode;
            breakerTauMs = from.breakerTauMs;
            breakerToleranceFactor = from.breakerToleranceFactor;
            thermalPauseFraction = from.thermalPauseFraction;
            thermalHorizonMs = from.thermalHorizonMs;
            deepShortageAmps = from.deepShortageAmps;
            deepShortagePauseMs = from.deepShortagePauseMs;
            staticMode = from.staticMode;
        }

        /**
         * Sets the breaker rating, amps per phase.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder breakerAmps(int value) {
            breakerAmps = value;
            return this;
        }

        /**
         * Sets the cap on the car's current, amps.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder cLimitAmps(int value) {
            cLimitAmps = value;
            return this;
        }

        /**
         * Sets the lowest setpoint, amps.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder minimumCurrentAmps(int value) {
            minimumCurrentAmps = value;
            return this;
        }

        /**
         * Sets the charger's highest setpoint, amps.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder chargerMaximumAmps(int value) {
            chargerMaximumAmps = value;
            return this;
        }

        /**
         * Sets the margin below the rating, amps.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder marginAmps(double value) {
            marginAmps = value;
            return this;
        }

        /**
         * Sets the overshoot tolerated before an overload begins, amps.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder cutToleranceAmps(double value) {
            cutToleranceAmps = value;
            return this;
        }

        /**
         * Sets how long an overload may be carried, milliseconds (0 cuts at once).
         *
         * @param value the new value
         * @return this builder
         */
        public Builder overloadAllowanceMs(long value) {
            overloadAllowanceMs = value;
            return this;
        }

        /**
         * Sets the share of the trip threshold a carried overload may use.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder overloadBudgetFraction(double value) {
            overloadBudgetFraction = value;
            return this;
        }

        /**
         * Sets the thermal projection horizon for overloads, milliseconds.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder overloadHorizonMs(long value) {
            overloadHorizonMs = value;
            return this;
        }

        /**
         * Sets the share of the trip threshold a sustained overload settles at (0 for none).
         *
         * @param value the new value
         * @return this builder
         */
        public Builder sustainFraction(double value) {
            sustainFraction = value;
            return this;
        }

        /**
         * Sets the raise delay, milliseconds.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder raiseDelayMs(long value) {
            raiseDelayMs = value;
            return this;
        }

        /**
         * Sets the largest raise, amps.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder raiseStepAmps(int value) {
            raiseStepAmps = value;
            return this;
        }

        /**
         * Sets the shortest time between raises, milliseconds.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder raiseStepIntervalMs(long value) {
            raiseStepIntervalMs = value;
            return this;
        }

        /**
         * Sets the raise hysteresis, amps.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder raiseHysteresisAmps(double value) {
            raiseHysteresisAmps = value;
            return this;
        }

        /**
         * Sets the resume margin, amps.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder resumeMarginAmps(double value) {
            resumeMarginAmps = value;
            return this;
        }

        /**
         * Sets the resume delay, milliseconds.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder resumeDelayMs(long value) {
            resumeDelayMs = value;
            return this;
        }

        /**
         * Sets the minimum pause, milliseconds.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder minimumPauseMs(long value) {
            minimumPauseMs = value;
            return this;
        }

        /**
         * Sets the age at which readings are stale, milliseconds.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder staleAfterMs(long value) {
            staleAfterMs = value;
            return this;
        }

        /**
         * Sets the failsafe mode.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder failsafeMode(FailsafeMode value) {
            failsafeMode = value;
            return this;
        }

        /**
         * Sets the breaker's thermal time constant, milliseconds.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder breakerTauMs(long value) {
            breakerTauMs = value;
            return this;
        }

        /**
         * Sets the breaker's tolerance factor, relative to the rating.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder breakerToleranceFactor(double value) {
            breakerToleranceFactor = value;
            return this;
        }

        /**
         * Sets the share of the trip threshold at which the law pauses.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder thermalPauseFraction(double value) {
            thermalPauseFraction = value;
            return this;
        }

        /**
         * Sets the time a cut or pause takes to act, milliseconds.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder thermalHorizonMs(long value) {
            thermalHorizonMs = value;
            return this;
        }

        /**
         * Sets the deep shortage, amps below the minimum current.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder deepShortageAmps(double value) {
            deepShortageAmps = value;
            return this;
        }

        /**
         * Sets how long a deep shortage is held before a pause, milliseconds.
         *
         * @param value the new value
         * @return this builder
         */
        public Builder deepShortagePauseMs(long value) {
            deepShortagePauseMs = value;
            return this;
        }

        /**
         * Sets static mode (no current transformers).
         *
         * @param value the new value
         * @return this builder
         */
        public Builder staticMode(boolean value) {
            staticMode = value;
            return this;
        }

        /**
         * Validates and builds the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException listing every out-of-range value
         */
        public BalancerConfig build() {
            return new BalancerConfig(
                    breakerAmps, cLimitAmps, minimumCurrentAmps, chargerMaximumAmps, marginAmps, cutToleranceAmps,
                    overloadAllowanceMs, overloadBudgetFraction, overloadHorizonMs, sustainFraction, raiseDelayMs,
                    raiseStepAmps, raiseStepIntervalMs, raiseHysteresisAmps, resumeMarginAmps, resumeDelayMs,
                    minimumPauseMs, staleAfterMs, failsafeMode, breakerTauMs, breakerToleranceFactor,
                    thermalPauseFraction, thermalHorizonMs, deepShortageAmps, deepShortagePauseMs, staticMode);
        }
    }
}
