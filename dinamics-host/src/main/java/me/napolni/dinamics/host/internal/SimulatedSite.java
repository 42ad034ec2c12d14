package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.sampling.RmsMeter;
import me.napolni.dinamics.core.sampling.SyntheticCtWaveform;
import me.napolni.dinamics.core.sim.BreakerModel;
import me.napolni.dinamics.core.sim.CarModel;
import me.napolni.dinamics.core.sim.CarProfile;
import me.napolni.dinamics.core.sim.HouseholdDay;
import me.napolni.dinamics.rapi.emulator.EvseEmulator;

import java.util.concurrent.TimeUnit;

/**
 * The simulated house for {@code simulate}: a household day replayed on the simulation clock, a car that draws
 * what the charger's pilot allows (the scenario's car model), the breaker's thermal model, and the mains current of
 * house plus car turned into raw CT samples by {@link SyntheticCtWaveform} and measured by {@link RmsMeter}, the
 * path real CT clamps take.
 *
 * <p>One thread steps the car, the breaker and the controller's timers every 100 ms of simulated time and measures
 * the mains every 200 ms.
 */
public final class SimulatedSite implements MeasurementSource {

    /** Samples per phase per measurement, as emonLib's usual call. */
    public static final int SAMPLES = 1480;
    private static final long STEP_NS = 100_000_000L;
    private static final int MEASURE_EVERY_STEPS = 2;

    private final HouseholdDay day;
    private final CarProfile car;
    private final int startSecond;
    private final SimClock clock;
    private final EvseEmulator evse;
    private final CarModel carModel;
    private final BreakerModel breaker;
    private final SyntheticCtWaveform waveform;
    private final RmsMeter meter;
    private final short[][] blocks = new short[3][SAMPLES];
    private final double[] amps = new double[3];
    private final double[] trueAmps = new double[3];
    private static final int STATE_C = 0x03;
    private int lastDrawAmps = -1;
    private volatile boolean running;
    private volatile int trips;
    private volatile double thermalPeakPct;
    private volatile double carAmps;
    private volatile long simSecond;
    private Thread thread;

    /**
     * Creates the site.
     *
     * @param day the household day
     * @param car the car profile
     * @param breakerAmps the breaker rating
     * @param startSecond the second of the day the simulation starts at
     * @param calibration the CT calibration
     * @param clock the simulation clock
     * @param evse the controller the car is plugged into
     */
    public SimulatedSite(HouseholdDay day, CarProfile car, int breakerAmps, int startSecond, int calibration,
            SimClock clock, EvseEmulator evse) {
        this.day = day;
        this.car = car;
        this.startSecond = startSecond;
        this.clock = clock;
        this.evse = evse;
        this.carModel = new CarModel(car.maxAmps());
        this.simSecond = startSecond;
        this.breaker = new BreakerModel(breakerAmps, day.amps(0, startSecond), day.amps(1, startSecond),
                day.amps(2, startSecond));
        this.waveform = SyntheticCtWaveform.create(3, calibration, 42L);
        this.meter = RmsMeter.create(3, calibration);
    }

    @Override
    public void start(MainsReadings sink) {
        running = true;
        evse.car().plugIn().requestCharge(true);
        thread = new Thread(() -> run(sink), "simulated-site");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(MainsReadings sink) {
        long step = 0;
        long originNs = clock.nanoTime();
        boolean wasCharging = false;
        while (running) {
            long dueNs = originNs + step * STEP_NS;
            long aheadNs = dueNs - clock.nanoTime();
            if (aheadNs > 0) {
                try {
                    // pace the simulation to its clock: real time = simulated time / speed
                    TimeUnit.NANOSECONDS.sleep((long) (aheadNs / clock.speed()));
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            long second = (startSecond + step / 10) % day.seconds();
            simSecond = startSecond + step / 10;
            evse.tick();
            boolean charging = evse.stateCode() == STATE_C;
            if (charging && !wasCharging) {
                carModel.resume();
            } else if (!charging && wasCharging) {
                carModel.pause();
            }
            wasCharging = charging;
            double car = carModel.step(evse.capacityAmps());
            carAmps = car;
            int wholeAmps = (int) Math.round(car);
            if (wholeAmps != lastDrawAmps) {
                evse.car().draw(wholeAmps);      // the emulator reports what the car draws in $GG, whole amps
                lastDrawAmps = wholeAmps;
            }
            for (int phase = 0; phase < 3; phase++) {
                trueAmps[phase] = day.amps(phase, (int) second) + (this.car.usesPhase(phase) ? car : 0.0);
            }
            if (breaker.step(trueAmps[0], trueAmps[1], trueAmps[2])) {
                trips++;
            }
            thermalPeakPct = Math.max(thermalPeakPct, 100.0 * maxTheta() / breaker.thresholdSquared());
            if (step % MEASURE_EVERY_STEPS == 0) {
                for (int phase = 0; phase < 3; phase++) {
                    waveform.amps(phase, trueAmps[phase]);
                }
                waveform.read(blocks, SAMPLES);
                meter.measureBlocks(blocks, 0, SAMPLES, amps);
                long now = clock.nanoTime();
                for (int phase = 0; phase < 3; phase++) {
                    sink.amps(phase, amps[phase], now);
                }
            }
            step++;
        }
    }

    private double maxTheta() {
        return Math.max(breaker.theta(0), Math.max(breaker.theta(1), breaker.theta(2)));
    }

    @Override
    public void calibration(int calibration) {
        waveform.calibration(calibration);
        meter.calibration(calibration);
    }

    /**
     * Returns how often the breaker model tripped.
     *
     * @return trips (the simulation goes on: it is a model)
     */
    public int trips() {
        return trips;
    }

    /**
     * Returns the breaker's thermal state now.
     *
     * @return percent of the trip threshold
     */
    public double thermalPct() {
        return 100.0 * maxTheta() / breaker.thresholdSquared();
    }

    /**
     * Returns the highest thermal state so far.
     *
     * @return percent of the trip threshold
     */
    public double thermalPeakPct() {
        return thermalPeakPct;
    }

    /**
     * Returns the car's current now.
     *
     * @return amps per phase
     */
    public double carAmps() {
        return carAmps;
    }

    /**
     * Returns the simulated time of day.
     *
     * @return seconds since midnight of the day (may pass 86400 after midnight)
     */
    public long simSecond() {
        return simSecond;
    }

    /**
     * Returns the simulated local time, for the delay timer.
     *
     * @return minutes since midnight, 0..1439
     */
    public int minuteOfDay() {
        return (int) (simSecond % 86_400 / 60);
    }

    @Override
    public String description() {
        return "simulated house " + day.name() + " with car " + car.id();
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
