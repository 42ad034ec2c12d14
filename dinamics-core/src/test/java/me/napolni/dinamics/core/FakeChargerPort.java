package me.napolni.dinamics.core;

import java.util.ArrayList;
import java.util.List;
import me.napolni.dinamics.core.control.ChargerActivity;
import me.napolni.dinamics.core.control.ChargerObservation;
import me.napolni.dinamics.core.time.NanoClock;

/** A charger that obeys at once and records every command; its car draws its setpoint up to a maximum. */
final class FakeChargerPort implements ChargerPort {

    final List<String> calls = new ArrayList<>();
    private final NanoClock clock;
    int setpointAmps = 16;
    boolean paused;
    boolean disabled;
    boolean carConnected = true;
    boolean linkOk = true;
    double carMaximumAmps = 32;
    int activePhases = 123;

    FakeChargerPort(NanoClock clock) {
        this.clock = clock;
    }

    double carAmps() {
        return carConnected && !paused && !disabled ? Math.min(setpointAmps, carMaximumAmps) : 0.0;
    }

    String lastCall() {
        return calls.isEmpty() ? "" : calls.get(calls.size() - 1);
    }

    @Override
    public void setCurrent(int amps) {
        calls.add("SC " + amps);
        setpointAmps = amps;
    }

    @Override
    public void pause() {
        calls.add("FS");
        paused = true;
    }

    @Override
    public void enable() {
        calls.add("FE");
        paused = false;
        disabled = false;
    }

    @Override
    public void disable() {
        calls.add("FD");
        disabled = true;
    }

    @Override
    public void observe(ChargerObservation out) {
        out.carAmps(carAmps(), clock.nanoTime()).setpointAmps(setpointAmps).carConnected(carConnected)
                .activePhases(activePhases).linkOk(linkOk)
                .activity(paused || disabled ? ChargerActivity.PAUSED : ChargerActivity.CHARGING);
    }
}
