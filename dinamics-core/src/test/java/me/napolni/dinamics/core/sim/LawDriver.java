package me.napolni.dinamics.core.sim;

/**
 * Drives a law pass by pass with hand-made inputs, playing a charger that accepts 6 to 32 A.
 */
final class LawDriver {

    private final Law law;
    private final LawInputs in;
    private final LawCommands out = new LawCommands();
    private final long periodNs;
    private long nowNs;

    LawDriver(Law law, int breakerAmps, CarProfile car) {
        this.law = law;
        this.in = LawInputs.of(LawSettings.of(breakerAmps, car));
        this.periodNs = law.passPeriodMs() * 1_000_000L;
        law.powerOn(in.settings(), 0L);
    }

    /** Delivers a reading of every phase, arriving now. */
    LawDriver mains(double l1, double l2, double l3) {
        in.mains().amps(0, l1, nowNs);
        in.mains().amps(1, l2, nowNs);
        in.mains().amps(2, l3, nowNs);
        return this;
    }

    /** Delivers a {@code $GG} sample, taken now. */
    LawDriver car(double amps) {
        in.carAmps(amps, nowNs);
        return this;
    }

    /** Runs one pass at the current time, applies an accepted setpoint, and moves time by the law's period. */
    LawCommands pass() {
        in.nowNs(nowNs);
        out.clear();
        law.pass(in, out);
        if (out.hasSetpoint() && out.setpointAmps() >= 6 && out.setpointAmps() <= 32) {
            in.setpointAmps(out.setpointAmps());
        }
        nowNs += periodNs;
        return out;
    }

    /** The time of the next pass. */
    long nowNs() {
        return nowNs;
    }

    double nowS() {
        return nowNs / 1e9;
    }

    int setpointAmps() {
        return in.setpointAmps();
    }
}
