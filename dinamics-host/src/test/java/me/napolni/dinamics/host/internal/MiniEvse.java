package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.time.NanoClock;
import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.codec.RapiFrameDecoder;
import me.napolni.dinamics.rapi.codec.RapiFrameEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;

/**
 * A small OpenEVSE controller for the host's tests, speaking RAPI over a byte stream: the
 * states A, B, C, sleeping and disabled, {@code $SC} with volatile clamping to cfgmax, {@code $FE}/{@code $FS}/
 * {@code $FD} with {@code $AT} after the reply, the {@code $SY} heartbeat with its fallback, and the polls the
 * gateway makes. The car is driven from outside ({@link #carDraw(double)}, {@link #plug(boolean)}).
 *
 * <p>A test double beside the {@code rapi-protocol} {@code EvseEmulator}: it can go silent (a hung controller).
 * It uses the same codec, so frames on the wire are real RAPI frames with checksums and sequence ids.
 */
public final class MiniEvse implements AutoCloseable {

    /** EVSE state A: no car. */
    public static final int STATE_A = 0x01;
    /** EVSE state B: car connected. */
    public static final int STATE_B = 0x02;
    /** EVSE state C: charging. */
    public static final int STATE_C = 0x03;
    /** Sleeping. */
    public static final int STATE_SLEEPING = 0xFE;
    /** Disabled. */
    public static final int STATE_DISABLED = 0xFF;

    private static final System.Logger LOG = System.getLogger(MiniEvse.class.getName());
    private static final int VFLAG_EV_CONNECTED = 0x0100;
    private static final long NS_PER_S = 1_000_000_000L;

    private final NanoClock clock;
    private final int cfgMaxAmps;
    private volatile int capacityAmps;
    private volatile int state = STATE_A;
    private volatile boolean plugged;
    private volatile boolean enabled = true;
    private volatile boolean sleeping;
    private volatile double carAmps;
    private volatile double sessionWs;
    private volatile boolean silent;
    private int heartbeatIntervalS;
    private int heartbeatCurrent;
    private int heartbeatTrigger;
    private long lastPulseNs;
    private volatile OutputStream out;
    private volatile ServerSocket server;
    private volatile boolean closed;
    private long framesReceived;
    private final java.util.Map<String, Integer> received = new java.util.HashMap<>();

    /**
     * Creates a controller.
     *
     * @param clock the simulation's clock (heartbeat supervision)
     * @param cfgMaxAmps the configured maximum
     */
    public MiniEvse(NanoClock clock, int cfgMaxAmps) {
        this.clock = clock;
        this.cfgMaxAmps = cfgMaxAmps;
        this.capacityAmps = cfgMaxAmps;
        this.lastPulseNs = clock.nanoTime();
    }

    /**
     * Serves one client after another on a loopback TCP port, on a daemon thread.
     *
     * @param port the port, 0 for a free one
     * @return the port it listens on
     * @throws IOException when it cannot listen
     */
    public int serveTcp(int port) throws IOException {
        ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        server = socket;
        Thread thread = new Thread(() -> {
            while (!closed) {
                try (Socket client = socket.accept()) {
                    client.setTcpNoDelay(true);
                    serve(client.getInputStream(), client.getOutputStream());
                } catch (IOException e) {
                    if (!closed) {
                        LOG.log(Level.DEBUG, "EVSE client gone: " + e.getMessage());
                    }
                }
            }
        }, "mini-evse-tcp");
        thread.setDaemon(true);
        thread.start();
        return socket.getLocalPort();
    }

    /**
     * Serves one stream until it ends (call on its own thread).
     *
     * @param in commands
     * @param output replies
     * @throws IOException when the stream breaks
     */
    public void serve(InputStream in, OutputStream output) throws IOException {
        out = output;
        RapiFrameDecoder decoder = RapiFrameDecoder.forCommands();
        byte[] buffer = new byte[256];
        int read;
        while (!closed && (read = in.read(buffer)) >= 0) {
            for (int i = 0; i < read; i++) {
                int outcome = decoder.onByte(buffer[i]);
                if (silent) {
                    continue;
                }
                if (outcome == RapiFrameDecoder.FRAME_READY) {
                    handle(decoder.frame());
                } else if (outcome == RapiFrameDecoder.MALFORMED) {
                    write("$NK^21\r");
                }
            }
        }
    }

    private synchronized void handle(RapiFrame frame) throws IOException {
        framesReceived++;
        String command = frame.command();
        received.merge(command, 1, Integer::sum);
        int notify = -1;
        String reply;
        switch (command) {
            case "GV":
                reply = ok("8.2.3.EU", "5.2.1");
                break;
            case "GC":
                reply = ok("6", "32", Integer.toString(capacityAmps), Integer.toString(cfgMaxAmps));
                break;
            case "GS":
                reply = ok(hex2(state), "0", hex2(pilotState()), String.format(Locale.ROOT, "%04x", vflags()));
                break;
            case "GG":
                reply = ok(Long.toString(state == STATE_C ? Math.round(carAmps * 1000) : 0), "230000");
                break;
            case "GU":
                reply = ok(Long.toString((long) sessionWs), "1234");
                break;
            case "G0":
                reply = ok(plugged ? "1" : "0");
                break;
            case "GE":
                reply = ok(Integer.toString(capacityAmps), "0201");
                break;
            case "GF":
                reply = ok("0", "0", "0");
                break;
            case "GY":
                reply = ok(Integer.toString(heartbeatIntervalS), Integer.toString(heartbeatCurrent),
                        Integer.toString(heartbeatTrigger));
                break;
            case "SY":
                reply = heartbeat(frame);
                break;
            case "SC": {
                int amps = frame.paramCount() >= 1 ? frame.paramDecimal(0) : RapiFrame.NOT_A_NUMBER;
                if (amps == RapiFrame.NOT_A_NUMBER) {
                    reply = "NK";
                    break;
                }
                amps &= 0xFF;
                int applied = Math.max(6, Math.min(cfgMaxAmps, amps));
                int before = capacityAmps;
                capacityAmps = applied;
                reply = (applied == amps ? "OK " : "NK ") + applied;
                if (before != applied) {
                    notify = 1;
                }
                break;
            }
            case "FE":
                enabled = true;
                sleeping = false;
                reply = "OK";
                notify = updateState();
                break;
            case "FS":
                sleeping = true;
                reply = "OK";
                notify = updateState();
                break;
            case "FD":
                enabled = false;
                reply = "OK";
                notify = updateState();
                break;
            default:
                reply = "NK";
                break;
        }
        write(encode(reply, frame.hasSeqId() ? frame.seqId() : RapiFrame.NO_SEQ));
        if (notify >= 0) {
            writeAt();
        }
    }

    private String heartbeat(RapiFrame frame) {
        lastPulseNs = clock.nanoTime();
        if (frame.paramCount() == 2) {
            heartbeatIntervalS = Math.max(0, frame.paramDecimal(0));
            heartbeatCurrent = Math.max(0, frame.paramDecimal(1));
            heartbeatTrigger = 0;
            return "OK " + heartbeatIntervalS + " " + heartbeatCurrent + " 0";
        }
        if (frame.paramCount() == 1) {
            if (frame.paramDecimal(0) == 165 && heartbeatTrigger == 2) {
                heartbeatTrigger = 1;
                capacityAmps = cfgMaxAmps;
                return "OK " + heartbeatIntervalS + " " + heartbeatCurrent + " 1";
            }
            return "OK " + heartbeatIntervalS + " " + heartbeatCurrent + " " + heartbeatTrigger;
        }
        return (heartbeatTrigger == 2 ? "NK " : "OK ") + heartbeatIntervalS + " " + heartbeatCurrent + " "
                + heartbeatTrigger;
    }

    /**
     * Restarts the controller as one whose {@code $AB} never reached the gateway (lost to line noise): it comes back
     * at its configured maximum current and says nothing.
     */
    public synchronized void rebootSilently() {
        capacityAmps = cfgMaxAmps;
    }

    /**
     * Advances the controller's own timers (the heartbeat supervision); the simulation calls it every step.
     *
     * @param nowNs the simulation's time
     */
    public synchronized void tick(long nowNs) {
        if (heartbeatIntervalS > 0 && nowNs - lastPulseNs > heartbeatIntervalS * NS_PER_S) {
            lastPulseNs = nowNs;
            heartbeatTrigger = 2;
            int fallback = Math.max(6, heartbeatCurrent);
            if (fallback < capacityAmps) {
                capacityAmps = fallback;
                LOG.log(Level.INFO, "EVSE: heartbeat missed, capacity down to " + fallback + " A");
                try {
                    writeAt();
                } catch (IOException e) {
                    // nobody listening
                }
            }
        }
    }

    private int updateState() {
        int before = state;
        if (!enabled) {
            state = STATE_DISABLED;
        } else if (sleeping) {
            state = STATE_SLEEPING;
        } else {
            state = plugged ? STATE_C : STATE_A;
        }
        return before != state ? 1 : -1;
    }

    private int pilotState() {
        return plugged ? (state == STATE_C ? STATE_C : STATE_B) : STATE_A;
    }

    private int vflags() {
        return plugged ? VFLAG_EV_CONNECTED : 0;
    }

    private void writeAt() throws IOException {
        write(encodeNotification("AT", hex2(state), hex2(pilotState()), Integer.toString(capacityAmps),
                String.format(Locale.ROOT, "%04x", vflags())));
    }

    private static String ok(String... fields) {
        return "OK " + String.join(" ", fields);
    }

    private static String hex2(int value) {
        return String.format(Locale.ROOT, "%02x", value & 0xFF);
    }

    private static String encode(String reply, int seq) {
        String[] tokens = reply.split(" ");
        byte[] frame = new byte[64];
        RapiFrameEncoder encoder = RapiFrameEncoder.forReplies().start(frame, 0, tokens[0]);
        for (int i = 1; i < tokens.length; i++) {
            encoder.param(tokens[i]);
        }
        int length = encoder.finish(seq);
        return new String(frame, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String encodeNotification(String command, String... fields) {
        return encode(command + " " + String.join(" ", fields), RapiFrame.NO_SEQ);
    }

    private void write(String frame) throws IOException {
        OutputStream target = out;
        if (target != null) {
            synchronized (target) {
                target.write(frame.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                target.flush();
            }
        }
    }

    /**
     * Plugs the car in or out.
     *
     * @param in true to plug in
     */
    public synchronized void plug(boolean in) {
        plugged = in;
        if (updateState() >= 0) {
            try {
                writeAt();
            } catch (IOException e) {
                // nobody listening
            }
        }
    }

    /**
     * Puts the controller to sleep by itself, as its front-panel button or a sleep saved before a power cut does.
     */
    public synchronized void sleepByItself() {
        sleeping = true;
        if (updateState() >= 0) {
            try {
                writeAt();
            } catch (IOException e) {
                // nobody listening
            }
        }
    }

    /**
     * Sets what the car draws now.
     *
     * @param amps per phase
     */
    public void carDraw(double amps) {
        carAmps = amps;
    }

    /**
     * Adds session energy.
     *
     * @param ws watt-seconds
     */
    public void addEnergy(double ws) {
        sessionWs += ws;
    }

    /**
     * Returns the capacity offered to the car.
     *
     * @return amps
     */
    public int capacityAmps() {
        return capacityAmps;
    }

    /**
     * Returns the EVSE state.
     *
     * @return the RAPI state code
     */
    public int state() {
        return state;
    }

    /**
     * Tells whether the car may draw (state C).
     *
     * @return true while charging is allowed
     */
    public boolean charging() {
        return state == STATE_C;
    }

    /**
     * Makes the controller ignore everything (a hung controller) or answer again.
     *
     * @param value true to go silent
     */
    public void silent(boolean value) {
        silent = value;
    }

    /**
     * Returns how many good frames it received.
     *
     * @return the count
     */
    public synchronized long framesReceived() {
        return framesReceived;
    }

    /**
     * Returns how many frames of one command it received.
     *
     * @param command e.g. {@code SC}
     * @return the count
     */
    public synchronized int received(String command) {
        return received.getOrDefault(command, 0);
    }

    @Override
    public void close() {
        closed = true;
        ServerSocket socket = server;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // best effort
            }
        }
    }
}
