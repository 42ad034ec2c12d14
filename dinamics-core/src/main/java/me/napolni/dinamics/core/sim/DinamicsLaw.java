package me.napolni.dinamics.core.sim;

import me.napolni.dinamics.core.control.BalancerConfig;
import me.napolni.dinamics.core.control.ChargerActivity;
import me.napolni.dinamics.core.control.ChargerObservation;
import me.napolni.dinamics.core.control.CurrentBalancer;
import me.napolni.dinamics.core.control.Decision;

/**
 * Our law in the scenario: {@link CurrentBalancer} behind the scenario's {@link Law} interface (DESIGN.md §4).
 *
 * <p>Passes every 100 ms, polls {@code $GG} every second, and detects the car's phases itself (the installer's
 * wiring in {@link LawSettings#carPhaseMask()} is not used). It tracks the charger's activity from its own
 * commands, as a gateway does between status polls.
 */
public final class DinamicsLaw extends PeriodicLaw {

    /** The law's name in tables and JSON. */
    public static final String NAME = "dinamics";
    /** The period of the passes. */
    public static final int PASS_PERIOD_MS = 100;
    /** The period of the {@code $GG} polls. */
    public static final int CAR_POLL_PERIOD_MS = 1000;

    private static final double DRAWING_AMPS = 0.5;

    private final BalancerConfig base;
    private final ChargerObservation charger = new ChargerObservation();
    private final Decision decision = new Decision();
    private CurrentBalancer balancer;
    private long resumedAtNs;

    /** Creates the law with the product's default settings ({@link BalancerConfig#defaults()}). */
    public DinamicsLaw() {
        this(BalancerConfig.defaults());
    }

    /**
     * Creates the law with other settings; the breaker rating and {@code c_limit} come from each run.
     *
     * @param base the settings to start from
     */
    public DinamicsLaw(BalancerConfig base) {
        super(NAME, PASS_PERIOD_MS, CAR_POLL_PERIOD_MS);
        this.base = base;
    }

    @Override
    public void powerOn(LawSettings settings, long nowNs) {
        BalancerConfig config = base.toBuilder()
                .breakerAmps(settings.breakerAmps())
                .cLimitAmps(settings.carLimitAmps())
                .build();
        balancer = new CurrentBalancer(config);
        charger.carAmps(0.0, ChargerObservation.NEVER)
                .activePhases(ChargerObservation.PHASES_UNKNOWN)
                .setpointAmps(ChargerModel.POWER_ON_SETPOINT_AMPS)
                .activity(ChargerActivity.PAUSED)
                .carConnected(true)
                .linkOk(true);
        resumedAtNs = nowNs;
    }

    @Override
    public void pass(LawInputs in, LawCommands out) {
        charger.setpointAmps(in.setpointAmps());
        charger.carAmps(in.carAmps(), in.carSampledAtNs());
        if (charger.activity() == ChargerActivity.RESUMING && in.carAmps() > DRAWING_AMPS
                && in.carSampledAtNs() > resumedAtNs) {
            charger.activity(ChargerActivity.CHARGING);
        }
        balancer.doWork(in.nowNs(), in.mains(), charger, decision);
        switch (decision.action()) {
            case SET_CURRENT -> {
                out.setCurrent(decision.setpointAmps());
                charger.setpointAmps(decision.setpointAmps());
            }
            case PAUSE -> {
                out.pause();
                charger.activity(ChargerActivity.PAUSED);
            }
            case RESUME -> {
                if (decision.setpointAmps() != in.setpointAmps()) {
                    out.setCurrent(decision.setpointAmps());
                    charger.setpointAmps(decision.setpointAmps());
                }
                out.resume();
                charger.activity(ChargerActivity.RESUMING);
                resumedAtNs = in.nowNs();
            }
            case NONE -> {
                // nothing to send
            }
        }
    }

    /**
     * Returns the decision of the latest pass, for tests.
     *
     * @return the reused decision holder
     */
    public Decision lastDecision() {
        return decision;
    }
}
