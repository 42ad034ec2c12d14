package me.napolni.dinamics.core.sim;

import java.util.Arrays;

/**
 * Runs one day × car × breaker rating with a law and measures it (SCENARIO.md §2–§4).
 *
 * <p>Step k covers [0.1k, 0.1k + 0.1) s and uses the house current of second ⌊k/10⌋. Each step, in order:
 * <ol>
 *   <li>the meter draws its three noise values and, when powered and not silenced, delivers its reading;</li>
 *   <li>at t0 + n·G the car's current of the previous step is delivered as the {@code $GG} sample;</li>
 *   <li>the law's pass if one is due (t0 + n·P), its setpoint then its pause or resume taking effect;</li>
 *   <li>the car's current for the step ({@link CarModel});</li>
 *   <li>the breaker update with the true currents and the trip test ({@link BreakerModel}); a trip opens the
 *       breaker from the next step for 600 s, during which every current is 0, the law is not called and θ keeps
 *       following its equation;</li>
 * </ol>
 * At 00:00:00.0 and when power returns, the car is paused at 0 A and the setpoint is 6 A; the law is powered on
 * with t0 = 0, or t0 = 0.4 s after power returns (the readings from before the outage are forgotten).
 *
 * <p>{@link #run(Law)} runs the day twice: the main run gives every figure but {@code stale_safe_s}; a second run
 * to 12:05, where readings arriving in [12:00:00.0, 12:05:00.0) are not delivered, gives {@code stale_safe_s}.
 * The loop allocates nothing per step. Instances are not thread-safe; a scenario may run many laws in turn.
 */
public final class Scenario {

    /** The length of a step. */
    public static final long STEP_NS = 100_000_000L;
    /** The length of a step in milliseconds. */
    public static final int STEP_MS = 100;
    /** Steps per second of house data. */
    public static final int STEPS_PER_SECOND = 10;
    /** Supply voltage per phase. */
    public static final double VOLTS = 230.0;
    /** Joules in a kilowatt-hour. */
    public static final double JOULES_PER_KWH = 3.6e6;
    /** The shortest {@code $GG} period a law may choose, milliseconds. */
    public static final int MIN_CAR_POLL_MS = 1000;
    /** Steps from a power return to the law's first pass (0.4 s). */
    public static final int POWER_ON_DELAY_STEPS = 4;
    /** The first step of the meter silence (12:00:00.0). */
    public static final int SILENCE_START_STEP = 12 * 3600 * STEPS_PER_SECOND;
    /** The first step after the meter silence (12:05:00.0). */
    public static final int SILENCE_END_STEP = SILENCE_START_STEP + 300 * STEPS_PER_SECOND;
    /** A reaction episode is counted only while the house alone leaves at least this much below In. */
    public static final double REACTION_HOUSE_MARGIN_AMPS = 6.0;

    private static final double STEP_S = 0.1;
    private static final int NO_STEP = Integer.MIN_VALUE;

    private final HouseholdDay day;
    private final CarProfile car;
    private final int breakerAmps;
    private final double[][] house;
    private final int steps;
    private final double idealKwh;
    private final double boundKwh;
    private double bound95Pct = Double.NEGATIVE_INFINITY;     // computed on first use
    private final double houseOverloadAs;
    private final double[] readings = new double[3];
    private final double[] currents = new double[3];
    private double[] episodes = new double[256];

    // figures of the current run
    private int trips;
    private int houseTrips;
    private double peakLoad;
    private double overloadAs;
    private double carAmpSteps;
    private int chargingSteps;
    private int pauses;
    private int episodeCount;
    private boolean alreadySafe;
    private boolean outageInSilence;
    private int lastUnsafeStep;

    private Scenario(HouseholdDay day, CarProfile car, int breakerAmps) {
        this.day = day;
        this.car = car;
        this.breakerAmps = breakerAmps;
        this.steps = day.seconds() * STEPS_PER_SECOND;
        this.house = new double[3][day.seconds()];
        for (int phase = 0; phase < 3; phase++) {
            for (int second = 0; second < day.seconds(); second++) {
                house[phase][second] = day.amps(phase, second);
            }
        }
        this.idealKwh = IdealReference.energyKwh(day, car, breakerAmps * IdealReference.IDEAL_FACTOR);
        this.boundKwh = IdealReference.energyKwh(day, car, breakerAmps * IdealReference.BOUND_FACTOR);
        double houseOverload = 0.0;
        for (int phase = 0; phase < 3; phase++) {
            for (int second = 0; second < day.seconds(); second++) {
                houseOverload += Math.max(0.0, house[phase][second] - breakerAmps);
            }
        }
        this.houseOverloadAs = houseOverload;   // each second is 10 steps of 0.1 s
    }

    /**
     * Prepares a scenario case.
     *
     * @param day the house
     * @param car the car profile
     * @param breakerAmps the main breaker's rating In per phase
     * @return a scenario ready to run laws
     * @throws IllegalArgumentException if the rating is below the car's 6 A minimum
     */
    public static Scenario of(HouseholdDay day, CarProfile car, int breakerAmps) {
        if (breakerAmps < ChargerModel.MIN_SETPOINT_AMPS) {
            throw new IllegalArgumentException("breakerAmps must be at least 6: " + breakerAmps);
        }
        return new Scenario(day, car, breakerAmps);
    }

    /**
     * Returns the day.
     *
     * @return the house data
     */
    public HouseholdDay day() {
        return day;
    }

    /**
     * Returns the car profile.
     *
     * @return the car
     */
    public CarProfile car() {
        return car;
    }

    /**
     * Returns the rating.
     *
     * @return In per phase, amps
     */
    public int breakerAmps() {
        return breakerAmps;
    }

    /**
     * Returns the energy of the ideal reference.
     *
     * @return kWh
     */
    public double idealKwh() {
        return idealKwh;
    }

    /**
     * Returns {@code bound_113_pct}: the ideal with 1.13·In as a percentage of the ideal.
     *
     * @return percent, {@link ScenarioMetrics#NOT_APPLICABLE} when the ideal is 0
     */
    public double bound113Pct() {
        return idealKwh > 0.0 ? 100.0 * boundKwh / idealKwh : ScenarioMetrics.NOT_APPLICABLE;
    }

    /**
     * Returns {@code bound_95_pct}: the {@link ThermalBound} at {@value ThermalBound#GOAL_PEAK_PCT} % as a
     * percentage of the ideal (computed once per scenario, on first use).
     *
     * @return percent, {@link ScenarioMetrics#NOT_APPLICABLE} when the ideal is 0 or no law can meet the peak
     */
    public double bound95Pct() {
        if (bound95Pct == Double.NEGATIVE_INFINITY) {
            double upperKwh = ThermalBound.of(day, car, breakerAmps, ThermalBound.GOAL_PEAK_PCT).upperKwh();
            bound95Pct = idealKwh > 0.0 ? 100.0 * upperKwh / idealKwh : ScenarioMetrics.NOT_APPLICABLE;
        }
        return bound95Pct;
    }

    /**
     * Returns how many simulated seconds one {@link #run(Law)} covers (main run and silence run).
     *
     * @return seconds
     */
    public double simulatedSecondsPerRun() {
        return (steps + Math.min(steps, SILENCE_END_STEP)) * STEP_S;
    }

    /**
     * Runs a law over the day, and again with the meter silence, and measures it.
     *
     * @param law the law; {@link Law#powerOn} is called at the start of each run, so one instance serves both
     * @return the figures
     * @throws IllegalArgumentException if the law's periods are out of range
     */
    public ScenarioMetrics run(Law law) {
        int passSteps = stepsOf(law.passPeriodMs(), STEP_MS, "passPeriodMs");
        int pollSteps = stepsOf(law.carPollPeriodMs(), MIN_CAR_POLL_MS, "carPollPeriodMs");
        double staleSafeS = ScenarioMetrics.NOT_APPLICABLE;
        if (steps >= SILENCE_END_STEP) {
            simulate(law, passSteps, pollSteps, true, SILENCE_END_STEP);
            staleSafeS = staleSafeSeconds();
        }
        ChargerModel charger = simulate(law, passSteps, pollSteps, false, steps);
        double energyKwh = carAmpSteps * STEP_S * VOLTS * car.phaseCount() / JOULES_PER_KWH;
        double chargingHours = chargingSteps * STEP_S / 3600.0;
        double changesPerHour = chargingHours > 0.0 ? charger.changes() / chargingHours
                : charger.changes() == 0 ? 0.0 : ScenarioMetrics.NOT_APPLICABLE;
        return new ScenarioMetrics(trips, houseTrips, 100.0 * peakLoad, overloadAs * STEP_S - houseOverloadAs,
                energyKwh, share(energyKwh), bound113Pct(), bound95Pct(), changesPerHour, charger.changes(), pauses,
                reactionP99(), episodeCount, staleSafeS);
    }

    /**
     * Measures the ideal reference as a row of the table: its energy (100 % share by definition), and the thermal
     * peak, overload and trips its currents would cause on a breaker that never opens; the law-only figures are
     * not applicable.
     *
     * @return the figures of the ideal
     */
    public ScenarioMetrics ideal() {
        BreakerModel breaker = new BreakerModel(breakerAmps, house[0][0], house[1][0], house[2][0]);
        BreakerModel houseAlone = new BreakerModel(breakerAmps, house[0][0], house[1][0], house[2][0]);
        double peak = 0.0;
        double overload = 0.0;
        int idealTrips = 0;
        int idealHouseTrips = 0;
        boolean wasTripping = false;
        for (int second = 0; second < day.seconds(); second++) {
            double carAmps = IdealReference.amps(day, car, breakerAmps, second);
            for (int phase = 0; phase < 3; phase++) {
                currents[phase] = house[phase][second] + (car.usesPhase(phase) ? carAmps : 0.0);
                overload += STEPS_PER_SECOND * Math.max(0.0, currents[phase] - breakerAmps);
            }
            for (int sub = 0; sub < STEPS_PER_SECOND; sub++) {
                boolean tripping = breaker.step(currents[0], currents[1], currents[2]);
                boolean houseTripping = houseAlone.step(house[0][second], house[1][second], house[2][second]);
                peak = Math.max(peak, breaker.load());
                if (tripping && !wasTripping) {
                    if (houseTripping) {
                        idealHouseTrips++;
                    } else {
                        idealTrips++;
                    }
                }
                wasTripping = tripping;
            }
        }
        return new ScenarioMetrics(idealTrips, idealHouseTrips, 100.0 * peak, overload * STEP_S - houseOverloadAs,
                idealKwh, share(idealKwh), bound113Pct(), bound95Pct(), ScenarioMetrics.NOT_APPLICABLE,
                ScenarioMetrics.NOT_COUNTED, ScenarioMetrics.NOT_COUNTED, ScenarioMetrics.NOT_APPLICABLE,
                ScenarioMetrics.NOT_COUNTED, ScenarioMetrics.NOT_APPLICABLE);
    }

    private double share(double energyKwh) {
        return idealKwh > 0.0 ? 100.0 * energyKwh / idealKwh : ScenarioMetrics.NOT_APPLICABLE;
    }

    private static int stepsOf(int periodMs, int minimumMs, String what) {
        if (periodMs < minimumMs) {
            throw new IllegalArgumentException(what + " must be at least " + minimumMs + " ms: " + periodMs);
        }
        return (periodMs + STEP_MS - 1) / STEP_MS;
    }

    private ChargerModel simulate(Law law, int passSteps, int pollSteps, boolean silence, int endStep) {
        LawSettings settings = LawSettings.of(breakerAmps, car);
        LawInputs in = LawInputs.of(settings);
        LawCommands out = new LawCommands();
        MeasurementModel meter = new MeasurementModel(house[0][0], house[1][0], house[2][0]);
        BreakerModel breaker = new BreakerModel(breakerAmps, house[0][0], house[1][0], house[2][0]);
        BreakerModel houseAlone = new BreakerModel(breakerAmps, house[0][0], house[1][0], house[2][0]);
        CarModel carModel = new CarModel(car.maxAmps());
        ChargerModel charger = new ChargerModel();
        final double rating = breakerAmps;
        final double reactionHouseLimit = rating - REACTION_HOUSE_MARGIN_AMPS;
        final boolean[] carPhase = {car.usesPhase(0), car.usesPhase(1), car.usesPhase(2)};
        final int[] episodeStart = {NO_STEP, NO_STEP, NO_STEP};
        final boolean[] episodeCounts = new boolean[3];

        trips = 0;
        houseTrips = 0;
        peakLoad = 0.0;
        overloadAs = 0.0;
        carAmpSteps = 0.0;
        chargingSteps = 0;
        pauses = 0;
        episodeCount = 0;
        alreadySafe = false;
        outageInSilence = false;
        lastUnsafeStep = NO_STEP;

        int powerReturnStep = 0;          // the first powered step after the latest outage (0: the day's start)
        int t0 = 0;
        int nextPass = NO_STEP;
        int nextPoll = NO_STEP;
        double previousCarAmps = 0.0;
        for (int k = 0; k < endStep; k++) {
            int second = k / STEPS_PER_SECOND;
            long nowNs = k * STEP_NS;
            meter.read(readings);
            boolean powered = k >= powerReturnStep;
            if (k == powerReturnStep) {
                carModel.powerOn();
                charger.powerOn();
                in.clearReadings();
                t0 = k + (k == 0 ? 0 : POWER_ON_DELAY_STEPS);
                nextPass = NO_STEP;
                nextPoll = NO_STEP;
            }
            if (silence && k == SILENCE_START_STEP) {
                alreadySafe = powered && isSafe(carModel, charger);
            }
            if (powered) {
                if (!(silence && k >= SILENCE_START_STEP && k < SILENCE_END_STEP)) {
                    in.mains().amps(0, readings[0], nowNs);
                    in.mains().amps(1, readings[1], nowNs);
                    in.mains().amps(2, readings[2], nowNs);
                }
                if (k == t0) {
                    law.powerOn(settings, nowNs);
                    nextPass = t0;
                    nextPoll = t0;
                }
                if (k == nextPoll) {
                    in.carAmps(previousCarAmps, nowNs);
                    nextPoll += pollSteps;
                }
                if (k == nextPass) {
                    nextPass += passSteps;
                    in.nowNs(nowNs);
                    in.setpointAmps(charger.setpointAmps());
                    out.clear();
                    law.pass(in, out);
                    if (out.hasSetpoint()) {
                        charger.setCurrent(out.setpointAmps());
                    }
                    ChargerAction action = out.action();
                    if (action == ChargerAction.PAUSE) {
                        if (carModel.pause()) {
                            pauses++;
                        }
                    } else if (action == ChargerAction.RESUME) {
                        carModel.resume();
                    }
                }
            }
            double carAmps = powered ? carModel.step(charger.setpointAmps()) : 0.0;
            previousCarAmps = carAmps;
            if (carAmps > 0.0) {
                carAmpSteps += carAmps;
                chargingSteps++;
            }
            for (int phase = 0; phase < 3; phase++) {
                double amps = powered ? house[phase][second] + (carPhase[phase] ? carAmps : 0.0) : 0.0;
                currents[phase] = amps;
                if (amps > rating) {
                    overloadAs += amps - rating;
                }
                if (carPhase[phase]) {
                    if (amps > rating) {
                        if (episodeStart[phase] == NO_STEP) {
                            episodeStart[phase] = k;
                            episodeCounts[phase] = true;
                        }
                        if (house[phase][second] > reactionHouseLimit) {
                            episodeCounts[phase] = false;
                        }
                    } else if (episodeStart[phase] != NO_STEP) {
                        if (episodeCounts[phase]) {
                            addEpisode((k - episodeStart[phase]) * STEP_S);
                        }
                        episodeStart[phase] = NO_STEP;
                    }
                }
            }
            boolean trip = breaker.step(currents[0], currents[1], currents[2]);
            boolean houseTrip = houseAlone.step(house[0][second], house[1][second], house[2][second]);
            peakLoad = Math.max(peakLoad, breaker.load());
            meter.record(currents[0], currents[1], currents[2]);
            if (silence && k >= SILENCE_START_STEP) {
                if (!powered) {
                    outageInSilence = true;
                } else if (!isSafe(carModel, charger)) {
                    lastUnsafeStep = k;
                }
            }
            if (trip) {
                if (houseTrip) {
                    houseTrips++;
                } else {
                    trips++;
                }
                for (int phase = 0; phase < 3; phase++) {
                    if (episodeStart[phase] != NO_STEP) {
                        if (episodeCounts[phase]) {
                            addEpisode(ScenarioMetrics.NEVER);
                        }
                        episodeStart[phase] = NO_STEP;
                    }
                }
                powerReturnStep = k + 1 + BreakerModel.OUTAGE_STEPS;
                if (silence && powerReturnStep > SILENCE_START_STEP && k + 1 < SILENCE_END_STEP) {
                    outageInSilence = true;
                }
            }
        }
        return charger;
    }

    /** Safe in the meter silence: the car paused, or the setpoint at the minimum. */
    private static boolean isSafe(CarModel carModel, ChargerModel charger) {
        return carModel.paused() || charger.setpointAmps() <= ChargerModel.MIN_SETPOINT_AMPS;
    }

    private void addEpisode(double seconds) {
        if (episodeCount == episodes.length) {
            episodes = Arrays.copyOf(episodes, 2 * episodes.length);
        }
        episodes[episodeCount++] = seconds;
    }

    private double reactionP99() {
        if (episodeCount == 0) {
            return 0.0;
        }
        double[] sorted = Arrays.copyOf(episodes, episodeCount);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.99 * episodeCount);
        return sorted[Math.max(rank, 1) - 1];
    }

    private double staleSafeSeconds() {
        if (alreadySafe || outageInSilence) {
            return ScenarioMetrics.NOT_APPLICABLE;
        }
        if (lastUnsafeStep == SILENCE_END_STEP - 1) {
            return ScenarioMetrics.NEVER;
        }
        int safeFrom = lastUnsafeStep == NO_STEP ? SILENCE_START_STEP : lastUnsafeStep + 1;
        return (safeFrom - SILENCE_START_STEP) * STEP_S;
    }
}
