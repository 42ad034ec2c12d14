package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.ChargerPort;
import me.napolni.dinamics.core.control.ChargerActivity;
import me.napolni.dinamics.core.control.ChargerObservation;
import me.napolni.dinamics.core.settings.Settings;
import me.napolni.dinamics.core.time.NanoClock;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One OpenEVSE controller as the control loop sees it: a RAPI link kept alive and polled on its own thread.
 *
 * <p>What it does (TOPICS.md 4.4, RAPI.md 2.3.2 and 2.6):
 * <ul>
 *   <li>connects, then {@code $GV}, {@code $GC}, {@code $GS}, {@code $SY 5 6} and the wanted {@code $SC n V};</li>
 *   <li>polls {@code $GC}, {@code $G0}, {@code $GG}, {@code $GS}, {@code $GU} no less often than {@code timer5..9}
 *   ({@code $GG} at least every second: the balancer needs the car's current); an {@code $AT} is applied at once
 *   and brings the next {@code $GG} and {@code $GC} forward;</li>
 *   <li>sends {@code $SC n V} when the wanted value differs from the one in force, when a {@code $GC} poll (or an
 *   {@code $AT}) shows a pilot other than the one the last {@code $SC} put in force (a controller restarted
 *   without a {@code $AB} we saw), and whenever the control loop sends it again ({@link #setCurrent}: the loop
 *   repeats a setpoint the charger does not show);</li>
 *   <li>keeps the {@code $SY} heartbeat alive every second, acknowledging a missed pulse with {@code $SY 165} and
 *   re-sending the setpoint;</li>
 *   <li>raises {@code CON_ERROR} after 3 requests in a row without a valid reply (each waits {@code timer13}); then
 *   only a {@code $GV} probe once per {@code timer10}; the first valid reply clears it, but no sooner than
 *   {@code timer14} after it was raised, and the set-up is redone;</li>
 *   <li>sends a {@code $GV} probe when no valid reply came for {@code timer10};</li>
 *   <li>reconnects with a doubling back-off (1 s to 30 s) when the port vanishes.</li>
 * </ul>
 * Time for polls and timers comes from the gateway's clock (sped up in {@code simulate}); reply timeouts are real.
 */
public final class RapiChargerPort implements ChargerPort, AutoCloseable {

    /** Opens a link; called again after a loss. */
    @FunctionalInterface
    public interface Connector {
        /**
         * Opens the link.
         *
         * @param listener gets notifications and the loss
         * @return the link
         * @throws IOException when the port is not there
         */
        RapiLink connect(RapiLink.Listener listener) throws IOException;
    }

    /** What the port reports to the gateway, on its own thread. */
    public interface Events {
        /**
         * A polled or commanded exchange completed (not heartbeats or probes).
         *
         * @param command the two letters
         * @param raw the reply as received
         */
        void onReply(String command, String raw);

        /**
         * A notification came.
         *
         * @param raw the frame
         */
        void onAsync(String raw);

        /**
         * The charger acked FD/FE/FS.
         *
         * @param enable 1, 2 or 3
         */
        void onEnableAck(int enable);

        /**
         * A request was slow or got no reply.
         *
         * @param waitedMs how long it waited
         */
        void onTimeout(long waitedMs);

        /**
         * The link went to {@code CON_ERROR} or came back; on recovery the gateway re-asserts its intent.
         *
         * @param ok true when recovered
         */
        void onConnection(boolean ok);
    }

    /** No setpoint wanted yet. */
    public static final int NO_SETPOINT = Integer.MIN_VALUE;
    /** Failed requests in a row that raise {@code CON_ERROR}. */
    public static final int FAILURES_FOR_CON_ERROR = 3;
    /** The heartbeat interval sent with {@code $SY}, seconds. */
    public static final int HEARTBEAT_INTERVAL_S = 5;
    /** The heartbeat fallback current, amps. */
    public static final int HEARTBEAT_FALLBACK_AMPS = 6;
    /** The heartbeat pulse period, ms of gateway time. */
    public static final long PULSE_PERIOD_MS = 1_000;
    /** The longest gap between {@code $GG} polls, ms. */
    public static final long CAR_CURRENT_POLL_MS = 1_000;

    private static final System.Logger LOG = System.getLogger(RapiChargerPort.class.getName());
    private static final long MS = 1_000_000L;
    private static final long MIN_BACKOFF_MS = 1_000;
    private static final long MAX_BACKOFF_MS = 30_000;
    private static final long IDLE_WAIT_MS = 10;

    private record Action(String command, CompletableFuture<RapiLink.Reply> result) {
    }

    private record Notification(String command, List<String> fields, String raw) {
    }

    private final String id;
    private final Connector connector;
    private final NanoClock clock;
    private final Supplier<Settings> settings;
    private final Events events;
    private final ConcurrentLinkedQueue<Action> actions = new ConcurrentLinkedQueue<>();
    // notifications arrive on the link's reader thread and are applied on the port thread, the view's one writer
    private final ConcurrentLinkedQueue<Notification> notifications = new ConcurrentLinkedQueue<>();
    private final Object wake = new Object();
    private final Thread thread;

    private volatile boolean running = true;
    private volatile ChargerView view = ChargerView.INITIAL;
    private volatile int wantedSetpoint = NO_SETPOINT;
    private volatile boolean resendSetpoint;
    private volatile long consecutiveFailures;
    private volatile boolean conError;

    // owned by the port thread
    private RapiLink link;
    private int setpointInForce = NO_SETPOINT;
    /** The pilot the controller reported after our last {@code $SC} (its clamp included), or NO_SETPOINT. */
    private int pilotAfterSetpoint = NO_SETPOINT;
    private long conErrorSinceNs;
    private long lastValidReplyNs;
    private long lastProbeNs;
    private long nextConnectNs;
    private long backoffMs = MIN_BACKOFF_MS;
    private long nextPulseNs;
    private final long[] lastPollNs = new long[5];
    private static final String[] POLLS = {"GC", "G0", "GG", "GS", "GU"};
    private volatile boolean pollCarSoon;
    private static final long RESUME_GRACE_NS = 10_000_000_000L;
    private volatile long resumeRequestedNs = Long.MIN_VALUE / 2;

    /**
     * Creates and starts a port.
     *
     * @param id the charger id
     * @param connector opens the link
     * @param clock the gateway's clock
     * @param settings the settings in force (timers)
     * @param events where events go
     */
    public RapiChargerPort(String id, Connector connector, NanoClock clock, Supplier<Settings> settings,
            Events events) {
        this.id = id;
        this.connector = connector;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
        long now = clock.nanoTime();
        this.nextConnectNs = now;
        this.lastValidReplyNs = now;
        this.thread = new Thread(this::loop, "rapi-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Returns the charger id.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Returns what is known of the controller.
     *
     * @return the latest view
     */
    public ChargerView view() {
        return view;
    }

    /**
     * Tells whether the link is in {@code CON_ERROR}.
     *
     * @return true while the controller does not answer
     */
    public boolean conError() {
        return conError;
    }

    /**
     * Returns the wanted setpoint.
     *
     * @return amps or {@link #NO_SETPOINT}
     */
    public int wantedSetpoint() {
        return wantedSetpoint;
    }

    /**
     * Sends a command ahead of the polls ({@code FE}, {@code FS}, {@code FD}, {@code S3 n}, or an allow-listed
     * request).
     *
     * @param command the command without {@code $}
     * @return the reply; fails when the link is in {@code CON_ERROR} or the request failed
     */
    public CompletableFuture<RapiLink.Reply> send(String command) {
        CompletableFuture<RapiLink.Reply> result = new CompletableFuture<>();
        actions.add(new Action(command, result));
        wakeUp();
        return result;
    }

    // ---------------------------------------------------------------- the core's ChargerPort (loop thread)

    /**
     * The control loop's setpoint: sent as {@code $SC n V} even when it equals the wanted one, because the loop
     * repeats a setpoint only when the charger does not show it.
     *
     * @param amps whole amps
     */
    @Override
    public void setCurrent(int amps) {
        wantedSetpoint = amps;
        resendSetpoint = true;
        wakeUp();
    }

    @Override
    public void pause() {
        send("FS");
    }

    @Override
    public void enable() {
        resumeRequestedNs = clock.nanoTime();
        send("FE");
    }

    @Override
    public void disable() {
        send("FD");
    }

    @Override
    public void observe(ChargerObservation out) {
        ChargerView v = view;
        if (v.carMilliAmps() != ChargerView.UNKNOWN && v.carMeasuredAtNs() != Long.MIN_VALUE) {
            out.carAmps(Math.max(0, v.carMilliAmps()) / 1000.0, v.carMeasuredAtNs());
        }
        if (v.pilotAmps() != ChargerView.UNKNOWN) {
            out.setpointAmps(v.pilotAmps());
        }
        int state = v.evseState();
        ChargerActivity activity;
        if (state == ChargerView.STATE_C) {
            activity = ChargerActivity.CHARGING;
        } else if (state == ChargerView.STATE_SLEEPING || state == ChargerView.STATE_DISABLED) {
            activity = clock.nanoTime() - resumeRequestedNs < RESUME_GRACE_NS ? ChargerActivity.RESUMING
                    : ChargerActivity.PAUSED;
        } else {
            activity = ChargerActivity.CHARGING;
        }
        out.activity(activity);
        // a state never read is not "no car": at start (and in a sped-up simulate, where timer2 passes in a
        // fraction of a real second) the session would otherwise stop a plugged-in car with no_car
        out.carConnected(v.carConnected() || state == ChargerView.UNKNOWN);
        out.linkOk(!conError && v.linkOk());
    }

    private void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            try {
                step();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "charger " + id + ": unexpected " + e, e);
            }
            synchronized (wake) {
                if (running && actions.isEmpty() && notifications.isEmpty()) {
                    try {
                        wake.wait(IDLE_WAIT_MS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private void step() {
        Notification notification;
        while ((notification = notifications.poll()) != null) {
            notification(notification.command(), notification.fields(), notification.raw());
        }
        long now = clock.nanoTime();
        Settings s = settings.get();
        if (link == null || !link.open()) {
            link = null;
            failQueuedActions("link down");
            if (now - nextConnectNs >= 0) {
                connect(now);
            }
            return;
        }
        if (conError) {
            failQueuedActions("evse_offline");
            if (now - lastProbeNs >= s.effectiveTimerMs(10) * MS) {
                lastProbeNs = now;
                exchange("GV", false);
            }
            return;
        }
        Action action;
        while ((action = actions.poll()) != null) {
            RapiLink.Reply reply = exchange(action.command(), true);
            if (reply == null) {
                action.result().completeExceptionally(new TimeoutException("no reply to " + action.command()));
            } else {
                afterAction(action.command(), reply);
                action.result().complete(reply);
            }
            if (conError || link == null) {
                return;
            }
        }
        now = clock.nanoTime();
        if (now - nextPulseNs >= 0) {
            nextPulseNs = now + PULSE_PERIOD_MS * MS;
            pulse();
        }
        boolean resend = resendSetpoint;
        if (resend) {
            resendSetpoint = false;
        }
        int wanted = wantedSetpoint;
        if (wanted != NO_SETPOINT && (resend || wanted != setpointInForce) && link != null && !conError) {
            sendSetpoint(wanted);
        }
        for (int i = 0; i < POLLS.length && link != null && !conError; i++) {
            long periodMs = i == 2 ? Math.min(CAR_CURRENT_POLL_MS, s.effectiveTimerMs(7))
                    : s.effectiveTimerMs(5 + i);
            boolean early = i == 2 && pollCarSoon;
            if (early || clock.nanoTime() - lastPollNs[i] >= periodMs * MS) {
                if (i == 2) {
                    pollCarSoon = false;
                }
                lastPollNs[i] = clock.nanoTime();
                poll(POLLS[i]);
            }
        }
        if (link != null && !conError && clock.nanoTime() - lastValidReplyNs >= s.effectiveTimerMs(10) * MS) {
            lastProbeNs = clock.nanoTime();
            exchange("GV", false);
        }
    }

    private void connect(long now) {
        try {
            link = connector.connect(new RapiLink.Listener() {
                @Override
                public void onNotification(String command, List<String> fields, String raw) {
                    notifications.add(new Notification(command, fields, raw));
                    wakeUp();
                }

                @Override
                public void onLinkLost(String reason) {
                    LOG.log(Level.WARNING, "charger " + id + ": link lost: " + reason);
                    wakeUp();
                }
            });
            backoffMs = MIN_BACKOFF_MS;
            LOG.log(Level.INFO, "charger " + id + ": port open");
            if (conError) {
                lastProbeNs = clock.nanoTime();
                exchange("GV", false);
            } else {
                setUp();
            }
        } catch (IOException e) {
            link = null;
            failure(now);
            LOG.log(Level.DEBUG, "charger " + id + ": cannot open port: " + e.getMessage());
            nextConnectNs = now + backoffMs * MS;
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        }
    }

    /** The connect steps of RAPI.md 2.6, again after a restart ({@code $AB}) or a recovery. */
    private void setUp() {
        exchange("GV", false);
        poll("GC");
        poll("GS");
        RapiLink.Reply heartbeat = exchange("SY " + HEARTBEAT_INTERVAL_S + " " + HEARTBEAT_FALLBACK_AMPS, false);
        if (heartbeat != null && !heartbeat.ok()) {
            LOG.log(Level.WARNING, "charger " + id + ": heartbeat not accepted: " + heartbeat.raw());
        }
        setpointInForce = NO_SETPOINT;
        int wanted = wantedSetpoint;
        if (wanted != NO_SETPOINT) {
            sendSetpoint(wanted);
        }
        nextPulseNs = clock.nanoTime() + PULSE_PERIOD_MS * MS;
    }

    private void pulse() {
        RapiLink.Reply reply = exchange("SY", false);
        if (reply != null && !reply.ok() && reply.decimal(2, 0) == 2) {
            LOG.log(Level.WARNING, "charger " + id + ": missed heartbeat pulse acknowledged, setpoint re-sent");
            exchange("SY 165", false);
            setpointInForce = NO_SETPOINT;
            int wanted = wantedSetpoint;
            if (wanted != NO_SETPOINT) {
                sendSetpoint(wanted);
            }
        }
    }

    private void sendSetpoint(int amps) {
        RapiLink.Reply reply = exchange("SC " + amps + " V", true);
        if (reply == null) {
            return;
        }
        long inForce = reply.decimal(0, ChargerView.UNKNOWN);
        if (inForce != ChargerView.UNKNOWN) {
            // $NK n means applied but clamped: n is in force; we do not ask again until the wish changes
            setpointInForce = amps;
            pilotAfterSetpoint = (int) inForce;
            publish(view.linkOk(), view.evseState(), view.carConnected(), view.carMilliAmps(),
                    view.carMeasuredAtNs(), view.milliVolts(), (int) inForce, view.cfgMaxAmps(), view.sessionWs(),
                    view.enable());
        }
    }

    private void poll(String command) {
        RapiLink.Reply reply = exchange(command, true);
        if (reply == null || !reply.ok()) {
            return;
        }
        ChargerView v = view;
        switch (command) {
            case "GC": {
                int pilot = (int) reply.decimal(2, v.pilotAmps());
                publish(v.linkOk(), v.evseState(), v.carConnected(), v.carMilliAmps(), v.carMeasuredAtNs(),
                        v.milliVolts(), pilot, (int) reply.decimal(3, v.cfgMaxAmps()), v.sessionWs(), v.enable());
                if (setpointInForce != NO_SETPOINT && pilotAfterSetpoint != NO_SETPOINT
                        && pilot != pilotAfterSetpoint) {
                    // the controller changed its pilot without us (a restart whose $AB was lost): ours again
                    LOG.log(Level.WARNING, "charger " + id + ": pilot " + pilot + " A, not the " + pilotAfterSetpoint
                            + " A set; sending the setpoint again");
                    setpointInForce = NO_SETPOINT;
                }
                break;
            }
            case "G0":
                publish(v.linkOk(), v.evseState(), reply.decimal(0, 0) == 1, v.carMilliAmps(), v.carMeasuredAtNs(),
                        v.milliVolts(), v.pilotAmps(), v.cfgMaxAmps(), v.sessionWs(), v.enable());
                break;
            case "GG":
                publish(v.linkOk(), v.evseState(), v.carConnected(), reply.decimal(0, ChargerView.UNKNOWN),
                        clock.nanoTime(), reply.decimal(1, ChargerView.UNKNOWN), v.pilotAmps(), v.cfgMaxAmps(),
                        v.sessionWs(), v.enable());
                break;
            case "GS":
                state((int) reply.hex(0, ChargerView.UNKNOWN), reply.hex(3, -1));
                break;
            default:
                publish(v.linkOk(), v.evseState(), v.carConnected(), v.carMilliAmps(), v.carMeasuredAtNs(),
                        v.milliVolts(), v.pilotAmps(), v.cfgMaxAmps(), reply.decimal(0, ChargerView.UNKNOWN),
                        v.enable());
                break;
        }
    }

    private void state(int evseState, long vflags) {
        ChargerView v = view;
        boolean connected = vflags >= 0 ? (vflags & 0x0100) != 0 || evseState == ChargerView.STATE_B
                || evseState == ChargerView.STATE_C : v.carConnected();
        if (evseState == ChargerView.STATE_B || evseState == ChargerView.STATE_C) {
            connected = true;
        } else if (evseState == ChargerView.STATE_A) {
            connected = false;
        }
        publish(v.linkOk(), evseState, connected, v.carMilliAmps(), v.carMeasuredAtNs(), v.milliVolts(),
                v.pilotAmps(), v.cfgMaxAmps(), v.sessionWs(), v.enable());
    }

    private void afterAction(String command, RapiLink.Reply reply) {
        if (!reply.ok()) {
            return;
        }
        int enable = "FD".equals(command) ? 1 : "FE".equals(command) ? 2 : "FS".equals(command) ? 3 : 0;
        if (enable != 0) {
            ChargerView v = view;
            publish(v.linkOk(), v.evseState(), v.carConnected(), v.carMilliAmps(), v.carMeasuredAtNs(),
                    v.milliVolts(), v.pilotAmps(), v.cfgMaxAmps(), v.sessionWs(), enable);
            events.onEnableAck(enable);
            pollCarSoon = true;
            lastPollNs[3] = Long.MIN_VALUE / 2;    // re-read the state soon
            if (enable == 2) {
                setpointInForce = NO_SETPOINT;    // enabling does not restore the wanted current (RAPI 2.3.2)
            }
        }
    }

    private void notification(String command, List<String> fields, String raw) {
        events.onAsync(raw);
        if ("AT".equals(command) && fields.size() >= 3) {
            long state = parseHex(fields.get(0));
            long capacity = parseDecimal(fields.get(2));
            long vflags = fields.size() >= 4 ? parseHex(fields.get(3)) : -1;
            ChargerView v = view;
            if (capacity > 0) {
                publish(v.linkOk(), v.evseState(), v.carConnected(), v.carMilliAmps(), v.carMeasuredAtNs(),
                        v.milliVolts(), (int) capacity, v.cfgMaxAmps(), v.sessionWs(), v.enable());
            }
            if (state >= 0) {
                state((int) state, vflags);
            }
            pollCarSoon = true;
            lastPollNs[0] = Long.MIN_VALUE / 2;   // re-read $GC: the capacity may not be ours
        } else if ("AB".equals(command)) {
            LOG.log(Level.WARNING, "charger " + id + ": controller restarted (" + raw + "), redoing the set-up");
            setpointInForce = NO_SETPOINT;
            nextPulseNs = Long.MIN_VALUE / 2;
            if (link != null && !conError) {
                setUp();
            }
            events.onConnection(true);
        }
    }

    private static long parseHex(String text) {
        try {
            return Long.parseLong(text, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseDecimal(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** One request; null when it failed (counted towards {@code CON_ERROR}). */
    private RapiLink.Reply exchange(String command, boolean report) {
        RapiLink current = link;
        if (current == null) {
            return null;
        }
        long timeoutMs = settings.get().value(me.napolni.dinamics.core.settings.SettingKey.TIMER13);
        long startNs = System.nanoTime();
        try {
            RapiLink.Reply reply = current.request(command, timeoutMs).get(timeoutMs + 5_000, TimeUnit.MILLISECONDS);
            long waitedMs = (System.nanoTime() - startNs) / MS;
            if (waitedMs > timeoutMs / 2) {
                events.onTimeout(waitedMs);
            }
            success(clock.nanoTime());
            if (report) {
                events.onReply(command.substring(0, 2), reply.raw());
            }
            return reply;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof TimeoutException) {
                events.onTimeout((System.nanoTime() - startNs) / MS);
            }
            failure(clock.nanoTime());
            if (!current.open()) {
                link = null;
                nextConnectNs = clock.nanoTime() + backoffMs * MS;
                backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return null;
        }
    }

    private void success(long now) {
        consecutiveFailures = 0;
        lastValidReplyNs = now;
        if (conError && now - conErrorSinceNs >= settings.get().value(
                me.napolni.dinamics.core.settings.SettingKey.TIMER14) * MS) {
            conError = false;
            LOG.log(Level.INFO, "charger " + id + ": link OK again");
            ChargerView v = view;
            publish(true, v.evseState(), v.carConnected(), v.carMilliAmps(), v.carMeasuredAtNs(), v.milliVolts(),
                    v.pilotAmps(), v.cfgMaxAmps(), v.sessionWs(), v.enable());
            setUp();
            events.onConnection(true);
        } else if (!conError && !view.linkOk()) {
            ChargerView v = view;
            publish(true, v.evseState(), v.carConnected(), v.carMilliAmps(), v.carMeasuredAtNs(), v.milliVolts(),
                    v.pilotAmps(), v.cfgMaxAmps(), v.sessionWs(), v.enable());
        }
    }

    private void failure(long now) {
        consecutiveFailures++;
        if (consecutiveFailures >= FAILURES_FOR_CON_ERROR && !conError) {
            conError = true;
            conErrorSinceNs = now;
            lastProbeNs = now;
            LOG.log(Level.WARNING, "charger " + id + ": CON_ERROR (" + consecutiveFailures
                    + " requests without a valid reply)");
            ChargerView v = view;
            publish(false, v.evseState(), v.carConnected(), v.carMilliAmps(), v.carMeasuredAtNs(), v.milliVolts(),
                    v.pilotAmps(), v.cfgMaxAmps(), v.sessionWs(), v.enable());
            events.onConnection(false);
        }
    }

    private void failQueuedActions(String reason) {
        Action action;
        while ((action = actions.poll()) != null) {
            action.result().completeExceptionally(new IOException(reason));
        }
    }

    private void publish(boolean linkOk, int evseState, boolean carConnected, long carMilliAmps,
            long carMeasuredAtNs, long milliVolts, int pilotAmps, int cfgMaxAmps, long sessionWs, int enable) {
        view = new ChargerView(linkOk, evseState, carConnected, carMilliAmps, carMeasuredAtNs, milliVolts,
                pilotAmps, cfgMaxAmps, sessionWs, enable);
    }

    @Override
    public void close() {
        running = false;
        wakeUp();
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RapiLink current = link;
        if (current != null) {
            current.close();
        }
        failQueuedActions("closed");
    }
}
