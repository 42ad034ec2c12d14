package me.napolni.dinamics.core.sim;

import java.util.ArrayList;
import java.util.List;

/** A test law driven by a script, recording what it saw. */
final class ScriptedLaw implements Law {

    /** What the law does at a pass. */
    interface Script {
        void pass(LawInputs in, LawCommands out);
    }

    final List<Long> powerOnNs = new ArrayList<>();
    final List<Long> passNs = new ArrayList<>();
    final List<Double> carAmps = new ArrayList<>();
    final List<Long> carSampledAtNs = new ArrayList<>();
    final List<Long> mainsArrivalNs = new ArrayList<>();
    private final int passPeriodMs;
    private final int carPollPeriodMs;
    private final Script script;

    ScriptedLaw(int passPeriodMs, int carPollPeriodMs, Script script) {
        this.passPeriodMs = passPeriodMs;
        this.carPollPeriodMs = carPollPeriodMs;
        this.script = script;
    }

    /** Resumes the car and asks for a fixed current at every pass, every 100 ms. */
    static ScriptedLaw holding(int amps) {
        return new ScriptedLaw(100, 1000, (in, out) -> {
            out.setCurrent(amps);
            out.resume();
        });
    }

    /** Holds one current until a time, then another. */
    static ScriptedLaw holdingThen(int amps, double untilS, int thenAmps) {
        return new ScriptedLaw(100, 1000, (in, out) -> {
            out.setCurrent(in.nowNs() < (long) (untilS * 1e9) ? amps : thenAmps);
            out.resume();
        });
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public int passPeriodMs() {
        return passPeriodMs;
    }

    @Override
    public int carPollPeriodMs() {
        return carPollPeriodMs;
    }

    @Override
    public void powerOn(LawSettings settings, long nowNs) {
        powerOnNs.add(nowNs);
    }

    @Override
    public void pass(LawInputs in, LawCommands out) {
        passNs.add(in.nowNs());
        carAmps.add(in.carAmps());
        carSampledAtNs.add(in.carSampledAtNs());
        mainsArrivalNs.add(in.mains().measuredAtNs(0));
        script.pass(in, out);
    }
}
