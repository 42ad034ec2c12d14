package me.napolni.dinamics.core;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import me.napolni.dinamics.core.control.BalancerConfig;
import me.napolni.dinamics.core.control.ChargerActivity;
import me.napolni.dinamics.core.control.ChargerObservation;
import me.napolni.dinamics.core.control.CurrentBalancer;
import me.napolni.dinamics.core.control.Decision;
import me.napolni.dinamics.core.control.DecisionAction;
import me.napolni.dinamics.core.control.FailsafeState;
import me.napolni.dinamics.core.session.ChargingSession;
import me.napolni.dinamics.core.session.SessionInputs;
import me.napolni.dinamics.core.session.SessionOutput;
import me.napolni.dinamics.core.session.StationState;
import me.napolni.dinamics.core.session.StopReason;
import me.napolni.dinamics.core.settings.ChargerSettings;
import me.napolni.dinamics.core.settings.EnableIntent;
import me.napolni.dinamics.core.settings.Settings;
import me.napolni.dinamics.core.sharing.ShareAllocator;
import me.napolni.dinamics.core.time.LocalMinuteClock;

/**
 * The control loop: one duty cycle that owns the balancing state and commands the chargers (DESIGN.md 1).
 *
 * <p>Each pass, on the loop's one thread:
 * <ol>
 *   <li>drains the bounded command queue ({@link #submit}): a settings swap is one reference write, an operator
 *   command goes to that charger's session;</li>
 *   <li>copies the latest mains readings and asks each {@link ChargerPort} what it observes;</li>
 *   <li>runs the control law ({@link CurrentBalancer}) per charger and, with several chargers, shares the
 *   site's headroom ({@link ShareAllocator}): a charger gets at most its share;</li>
 *   <li>runs the session rules ({@link ChargingSession}: operator intent, plug &amp; charge, timer1..3, delay
 *   timer); timer4 is the control law's deep-shortage pause, with timer4's delay;</li>
 *   <li>calls a port only when what it should do changes (a setpoint that the charger does not take is sent
 *   again after {@value #RESEND_MS} ms; after the link comes back everything is sent again);</li>
 *   <li>enables ({@code $FE}) only on the operator's {@code set_enable 2}, with plug &amp; charge on while a car is
 *   connected, or to undo a stop the gateway itself made of a charger it saw enabled; never merely because it
 *   started or the link came up (TOPICS.md 4.2): a charger found asleep is left asleep, one found enabled is
 *   taken as it is;</li>
 *   <li>publishes an immutable {@link ControlSnapshot} through a volatile reference ({@link #snapshot()}).</li>
 * </ol>
 * Adapters never touch the state: they read snapshots and submit commands. Apart from the snapshot (one small
 * object per pass) and the settings swap, a pass does not allocate.
 * <pre>
 *   ControlLoop loop = ControlLoop.create(settings, readings, List.of(port), LocalMinuteClock.system(zone));
 *   try (LoopRunner runner = LoopRunner.start(loop, NanoClock.system(), TimeUnit.MILLISECONDS.toNanos(500))) {
 *       loop.submit(new ControlCommand.ApplySettings(newSettings));      // from any thread
 *       ControlSnapshot now = loop.snapshot();                           // from any thread
 *   }
 * </pre>
 */
public final class ControlLoop implements DutyCycle {

    /** How many commands may wait; one more is refused ({@code overloaded}, TOPICS.md 2). */
    public static final int COMMAND_QUEUE_CAPACITY = 256;
    /** A setpoint the charger does not show this long after it was sent is sent again. */
    public static final long RESEND_MS = 5_000;
    /** The highest setpoint of a charger. */
    public static final int CHARGER_MAXIMUM_AMPS = 32;
    /** The largest minimum current the control law accepts; a higher {@code c_min_limit} acts as this. */
    public static final int LAW_MINIMUM_CEILING_AMPS = 16;
    /** timer4 acts when the allowed current is this far below the minimum (TOPICS.md 4.4). */
    public static final double DEEP_SHORTAGE_AMPS = 3.0;

    private static final System.Logger LOG = System.getLogger(ControlLoop.class.getName());
    private static final long RESEND_NS = TimeUnit.MILLISECONDS.toNanos(RESEND_MS);
    private static final long NO_TIME = Long.MIN_VALUE;

    private final BlockingQueue<ControlCommand> commands = new ArrayBlockingQueue<>(COMMAND_QUEUE_CAPACITY);
    private final LatestReadings latest;
    private final LocalMinuteClock localTime;
    private final int count;
    private final ChargerPort[] ports;
    private final CurrentBalancer[] balancers;
    private final ChargerObservation[] observations;
    private final Decision[] decisions;
    private final ChargingSession[] sessions;
    private final SessionInputs[] sessionInputs;
    private final SessionOutput[] sessionOutputs;
    private final StationState[] commandedState;
    private final int[] commandedSetpoint;
    private final long[] setpointSentNs;
    private final boolean[] lawPaused;
    private final StopReason[] lawPauseReason;
    private final StopReason[] stopReason;
    private final int[] allowedAmps;
    private final boolean[] linkWasOk;
    /** The gateway may send {@code $FE}: after set_enable 2, or after it stopped a charger it saw enabled. */
    private final boolean[] mayEnable;
    /** The charger is asleep by another's doing and left so (plug &amp; charge off, no set_enable 2 yet). */
    private final boolean[] held;
    private final ShareAllocator sharing;
    private final double[] siteHeadroomAmps = new double[PhaseReadings.MAX_PHASES];
    private final double[] carOnPhaseAmps = new double[PhaseReadings.MAX_PHASES];
    private final PhaseReadings readings = new PhaseReadings();

    private volatile Settings settings;
    private volatile ControlSnapshot snapshot;
    private volatile boolean brokerReachable = true;
    private long passes;

    private ControlLoop(Settings initial, LatestReadings latest, List<ChargerPort> chargerPorts,
            LocalMinuteClock localTime) {
        this.settings = initial;
        this.latest = latest;
        this.localTime = localTime;
        this.count = chargerPorts.size();
        this.ports = chargerPorts.toArray(new ChargerPort[0]);
        this.balancers = new CurrentBalancer[count];
        this.observations = new ChargerObservation[count];
        this.decisions = new Decision[count];
        this.sessions = new ChargingSession[count];
        this.sessionInputs = new SessionInputs[count];
        this.sessionOutputs = new SessionOutput[count];
        this.commandedState = new StationState[count];
        this.commandedSetpoint = new int[count];
        this.setpointSentNs = new long[count];
        this.lawPaused = new boolean[count];
        this.lawPauseReason = new StopReason[count];
        this.stopReason = new StopReason[count];
        this.allowedAmps = new int[count];
        this.linkWasOk = new boolean[count];
        this.mayEnable = new boolean[count];
        this.held = new boolean[count];
        for (int i = 0; i < count; i++) {
            ChargerSettings charger = initial.chargers().get(i);
            balancers[i] = new CurrentBalancer(balancerConfig(initial, charger));
            observations[i] = new ChargerObservation();
            decisions[i] = new Decision();
            sessions[i] = ChargingSession.start(charger.enableIntent());
            sessionInputs[i] = new SessionInputs();
            sessionOutputs[i] = new SessionOutput();
            commandedState[i] = null;       // unknown: taken as it is at the first pass, never enabled for that
            commandedSetpoint[i] = ChargerSnapshot.UNKNOWN_AMPS;
            setpointSentNs[i] = NO_TIME;
            linkWasOk[i] = true;
        }
        this.sharing = ShareAllocator.create(count);
    }

    /**
     * Creates a loop.
     *
     * @param initial the settings at start, with one charger per port
     * @param latest where the measuring threads leave the mains readings
     * @param ports one port per charger, in the order of {@link Settings#chargers()}
     * @param localTime the local time of day, for the delay timer
     * @return the loop; run it with a {@link LoopRunner}, or call {@link #doWork} directly
     * @throws IllegalArgumentException when the number of ports differs from the number of chargers
     */
    public static ControlLoop create(Settings initial, LatestReadings latest, List<ChargerPort> ports,
            LocalMinuteClock localTime) {
        if (ports.size() != initial.chargerCount()) {
            throw new IllegalArgumentException(ports.size() + " ports for " + initial.chargerCount() + " chargers");
        }
        return new ControlLoop(initial, latest, List.copyOf(ports), localTime);
    }

    /**
     * Translates the settings of one charger into the control law's settings.
     *
     * @param settings the site's settings
     * @param charger the charger's settings
     * @return the control law's settings
     */
    public static BalancerConfig balancerConfig(Settings settings, ChargerSettings charger) {
        int minimum = Math.min(charger.cMinLimitAmps(), LAW_MINIMUM_CEILING_AMPS);
        return BalancerConfig.defaults().toBuilder()
                .breakerAmps(settings.breakerAmps())
                .minimumCurrentAmps(minimum)
                .cLimitAmps(Math.max(minimum, charger.cLimitAmps()))
                .chargerMaximumAmps(CHARGER_MAXIMUM_AMPS)
                .marginAmps(settings.breakerMarginDeciAmps() / 10.0)
                .raiseDelayMs(settings.raiseDelayMs())
                .raiseStepAmps(settings.raiseStepAmps())
                .resumeMarginAmps(settings.resumeMarginDeciAmps() / 10.0)
                .resumeDelayMs(settings.resumeDelayMs())
                .minimumPauseMs(settings.minPauseMs())
                .staleAfterMs(settings.staleAfterMs())
                .failsafeMode(settings.failsafeMode())
                .deepShortageAmps(Math.min(DEEP_SHORTAGE_AMPS, minimum))
                .deepShortagePauseMs(settings.timerMs(4))
                .staticMode(!settings.dynamic())
                .build();
    }

    /**
     * Queues a command for the next pass; callable from any thread.
     *
     * @param command the command
     * @return false when {@value #COMMAND_QUEUE_CAPACITY} commands are already waiting (reply {@code overloaded})
     * @throws IllegalArgumentException for settings with other chargers, or an operator command for an unknown
     *     charger
     */
    public boolean submit(ControlCommand command) {
        Settings current = settings;
        if (command instanceof ControlCommand.ApplySettings apply) {
            List<ChargerSettings> now = current.chargers();
            List<ChargerSettings> next = apply.settings().chargers();
            if (now.size() != next.size()) {
                throw new IllegalArgumentException("the settings must keep the loop's chargers");
            }
            for (int i = 0; i < now.size(); i++) {
                if (!now.get(i).id().equals(next.get(i).id())) {
                    throw new IllegalArgumentException("the settings must keep the loop's chargers");
                }
            }
        } else if (command instanceof ControlCommand.Operator operator) {
            if (current.chargerIndex(operator.chargerId()) < 0) {
                throw new IllegalArgumentException("no charger with id " + operator.chargerId());
            }
        }
        return commands.offer(command);
    }

    /**
     * Returns the settings in force (the last swapped in, or the initial ones).
     *
     * @return the settings
     */
    public Settings settings() {
        return settings;
    }

    /**
     * Returns the snapshot of the last pass.
     *
     * @return the snapshot, or null before the first pass
     */
    public ControlSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Tells the loop whether the MQTT broker is reachable, for {@code nwpc}; callable from any thread.
     *
     * @param reachable false while the broker cannot be reached
     */
    public void brokerReachable(boolean reachable) {
        this.brokerReachable = reachable;
    }

    @Override
    public String roleName() {
        return "control-loop";
    }

    @Override
    public int doWork(long nowNs) {
        int work = drainCommands();
        Settings s = settings;
        latest.copyInto(readings, nowNs);
        for (int i = 0; i < count; i++) {
            ports[i].observe(observations[i]);
        }
        for (int i = 0; i < count; i++) {
            balancers[i].doWork(nowNs, readings, observations[i], decisions[i]);
        }
        if (count > 1) {
            share(nowNs, s);
        }
        boolean pnc = s.plugAndCharge() || (s.nwpc() && !brokerReachable);
        int minute = localTime.minuteOfDay();
        List<ChargerSnapshot> published = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            work += command(i, nowNs, s, s.chargers().get(i), pnc, minute);
            published.add(chargerSnapshot(i, s.chargers().get(i)));
        }
        passes++;
        FailsafeState failsafe = decisions[0].failsafe();
        snapshot = new ControlSnapshot(nowNs, passes, s, readings, failsafe, published);
        return work;
    }

    /**
     * Holds the safe side after a pass failed: every charger that is enabled is set to its minimum current, and
     * the control law raises it again at its own pace.
     *
     * @param error what the pass threw
     */
    @Override
    public void onError(RuntimeException error) {
        Settings s = settings;
        for (int i = 0; i < count; i++) {
            int minimum = Math.min(s.chargers().get(i).cMinLimitAmps(), LAW_MINIMUM_CEILING_AMPS);
            commandedSetpoint[i] = ChargerSnapshot.UNKNOWN_AMPS;
            if (commandedState[i] != StationState.ENABLED) {
                continue;
            }
            try {
                ports[i].setCurrent(minimum);
                commandedSetpoint[i] = minimum;
                setpointSentNs[i] = NO_TIME;
            } catch (RuntimeException again) {
                LOG.log(Level.ERROR, "charger " + s.chargers().get(i).id() + ": could not hold the safe current: "
                        + again);
            }
        }
    }

    private int drainCommands() {
        int drained = 0;
        ControlCommand command;
        while (drained < COMMAND_QUEUE_CAPACITY && (command = commands.poll()) != null) {
            drained++;
            if (command instanceof ControlCommand.ApplySettings apply) {
                applySettings(apply.settings());
            } else if (command instanceof ControlCommand.Operator operator) {
                int index = settings.chargerIndex(operator.chargerId());
                if (index >= 0) {
                    sessions[index].operator(operator.intent());
                    if (operator.intent() == EnableIntent.ENABLED) {
                        mayEnable[index] = true;
                        if (commandedState[index] == StationState.ENABLED) {
                            commandedState[index] = null;   // $FE again: set_enable 2 is answered by the charger
                        }
                    }
                }
            }
        }
        return drained;
    }

    private void applySettings(Settings next) {
        for (int i = 0; i < count; i++) {
            try {
                balancers[i].config(balancerConfig(next, next.chargers().get(i)));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.ERROR, "settings refused by the control law, keeping the previous ones: " + e);
                return;
            }
        }
        settings = next;
    }

    private void share(long nowNs, Settings s) {
        for (int p = 0; p < PhaseReadings.MAX_PHASES; p++) {
            carOnPhaseAmps[p] = 0;
        }
        for (int i = 0; i < count; i++) {
            ChargerObservation observation = observations[i];
            int mask = phaseMask(decisions[i].activePhases() != 0 ? decisions[i].activePhases()
                    : observation.activePhases());
            for (int p = 0; p < PhaseReadings.MAX_PHASES; p++) {
                if ((mask & (1 << p)) != 0) {
                    carOnPhaseAmps[p] += observation.carAmps();
                }
            }
            ChargerSettings charger = s.chargers().get(i);
            boolean wants = observation.carConnected() && sessions[i].state() == StationState.ENABLED && !held[i];
            int minimum = Math.min(charger.cMinLimitAmps(), LAW_MINIMUM_CEILING_AMPS);
            sharing.demand(i, wants, mask, minimum, Math.max(minimum, charger.cLimitAmps()), charger.priority());
        }
        double limit = s.breakerAmps() - s.breakerMarginDeciAmps() / 10.0;
        for (int p = 0; p < PhaseReadings.MAX_PHASES; p++) {
            double houseAmps = Math.max(0.0, readings.amps(p) - carOnPhaseAmps[p]);
            siteHeadroomAmps[p] = limit - houseAmps;
        }
        sharing.allocate(nowNs, siteHeadroomAmps, TimeUnit.MILLISECONDS.toNanos(s.shareRotateMs()));
    }

    private int command(int i, long nowNs, Settings s, ChargerSettings charger, boolean pnc, int minute) {
        ChargerObservation observation = observations[i];
        Decision decision = decisions[i];
        int minimum = Math.min(charger.cMinLimitAmps(), LAW_MINIMUM_CEILING_AMPS);
        int cap = Math.max(minimum, charger.cLimitAmps());
        int share = count > 1 ? sharing.allocatedAmps(i) : cap;
        int allowed = Math.max(0, Math.min(Math.min(decision.allowedAmps(), share), cap));
        allowedAmps[i] = allowed;

        // timer1..3 count only while the charger is enabled: not while left asleep or paused by the control law
        boolean timersRun = commandedState[i] == StationState.ENABLED && !held[i];
        SessionInputs in = sessionInputs[i];
        in.carAmps(observation.carAmps()).pilotAmps(observation.setpointAmps())
                .carConnected(observation.carConnected()).allowedAmps(allowed).minimumAmps(minimum)
                .plugAndCharge(pnc).insideDelayWindow(charger.delayTimer().allows(minute))
                .timerMs(4, SessionInputs.TIMER_OFF);
        for (int timer = 1; timer <= 3; timer++) {
            in.timerMs(timer, timersRun ? s.timerMs(timer) : SessionInputs.TIMER_OFF);
        }
        SessionOutput out = sessionOutputs[i];
        sessions[i].doWork(nowNs, in, out);

        if (!observation.linkOk()) {
            linkWasOk[i] = false;
            stopReason[i] = out.stopReason() != null ? out.stopReason() : lawPauseReason[i];
            return 0;
        }
        if (!linkWasOk[i]) {
            // the link is back: set the charger up again
            linkWasOk[i] = true;
            commandedSetpoint[i] = ChargerSnapshot.UNKNOWN_AMPS;
            commandedState[i] = null;
        }
        if (commandedSetpoint[i] == ChargerSnapshot.UNKNOWN_AMPS && commandedState[i] != null
                && observation.setpointAmps() > 0) {
            commandedSetpoint[i] = observation.setpointAmps();
        }

        StationState desired = out.state();
        StopReason reason = out.stopReason();
        int target = commandedSetpoint[i];
        boolean wasHeld = held[i];
        held[i] = false;
        if (desired == StationState.ENABLED) {
            if (out.changed()) {
                lawPaused[i] = false;
            }
            DecisionAction action = decision.action();
            boolean asleep = observation.activity() == ChargerActivity.PAUSED;
            boolean noShare = count > 1 && observation.carConnected() && share == 0 && !wasHeld;
            if (action == DecisionAction.PAUSE || (noShare && !lawPaused[i])) {
                lawPaused[i] = true;
                lawPauseReason[i] = decision.stopReason() != null ? decision.stopReason()
                        : StopReason.NO_HEADROOM;
            } else if (lawPaused[i] && action == DecisionAction.RESUME && !noShare) {
                lawPaused[i] = false;
            }
            boolean enableAllowed = mayEnable[i] || (pnc && observation.carConnected());
            if (lawPaused[i]) {
                desired = StationState.ASLEEP;
                reason = lawPauseReason[i];
            } else if (commandedState[i] != StationState.ENABLED && !enableAllowed && !asleep) {
                // found enabled (at start, after the link came back): taken as it is
                commandedState[i] = StationState.ENABLED;
                target = clamp(Math.min(decision.setpointAmps(), share), minimum, cap);
            } else if (commandedState[i] != StationState.ENABLED && (!enableAllowed || allowed < minimum)) {
                // asleep by another's doing, and nothing entitles the gateway to start it, or no minimum fits
                held[i] = true;
                stopReason[i] = enableAllowed ? StopReason.NO_HEADROOM : null;
                return 0;
            } else if (commandedState[i] != StationState.ENABLED) {
                // about to enable or resume: start from what fits now, not from a setpoint of long ago
                target = clamp(Math.min(decision.setpointAmps(), allowed), minimum, cap);
            } else {
                target = clamp(Math.min(decision.setpointAmps(), share), minimum, cap);
            }
        }
        stopReason[i] = reason;
        return send(i, nowNs, desired, target, observation);
    }

    private int send(int i, long nowNs, StationState desired, int target, ChargerObservation observation) {
        ChargerPort port = ports[i];
        int sent = 0;
        if (desired == StationState.ENABLED) {
            boolean changed = target != commandedSetpoint[i];
            boolean notTaken = observation.setpointAmps() != target && setpointSentNs[i] != NO_TIME
                    && nowNs - setpointSentNs[i] >= RESEND_NS;
            if (target > 0 && (changed || notTaken)) {
                port.setCurrent(target);
                commandedSetpoint[i] = target;
                setpointSentNs[i] = nowNs;
                sent++;
            }
            if (commandedState[i] != StationState.ENABLED) {
                port.enable();
                commandedState[i] = StationState.ENABLED;
                mayEnable[i] = true;
                sent++;
            }
        } else if (commandedState[i] != desired) {
            if (observation.activity() != ChargerActivity.PAUSED) {
                mayEnable[i] = true;        // a stop of the gateway's own: it may undo it
            }
            if (desired == StationState.DISABLED) {
                port.disable();
            } else {
                port.pause();
            }
            commandedState[i] = desired;
            sent++;
        }
        return sent;
    }

    private ChargerSnapshot chargerSnapshot(int i, ChargerSettings charger) {
        ChargerObservation observation = observations[i];
        StationState state = held[i] ? StationState.ASLEEP
                : commandedState[i] != null ? commandedState[i] : StationState.ENABLED;
        int phases = decisions[i].activePhases() != 0 ? decisions[i].activePhases() : observation.activePhases();
        if (observation.activity() == ChargerActivity.PAUSED && state != StationState.ENABLED) {
            phases = 0;
        }
        return new ChargerSnapshot(charger.id(), charger.priority(), allowedAmps[i], commandedSetpoint[i], state,
                state == StationState.ENABLED ? null : stopReason[i], phases, observation.carAmps(),
                observation.carConnected(), observation.linkOk());
    }

    /** Phases as digits (1, 2, 3, 12, 13, 23, 123) to a mask; 0 or anything else means all three. */
    static int phaseMask(int code) {
        int mask = 0;
        int rest = code;
        while (rest > 0) {
            int digit = rest % 10;
            if (digit >= 1 && digit <= 3) {
                mask |= 1 << (digit - 1);
            }
            rest /= 10;
        }
        return mask == 0 ? ShareAllocator.ALL_PHASES : mask;
    }

    private static int clamp(int value, int low, int high) {
        return Math.max(low, Math.min(high, value));
    }
}
