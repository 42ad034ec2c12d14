package me.napolni.dinamics.rapi.emulator;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import me.napolni.dinamics.rapi.RapiErrorReason;
import me.napolni.dinamics.rapi.RapiException;
import me.napolni.dinamics.rapi.codec.RapiDecodeError;
import me.napolni.dinamics.rapi.codec.RapiDecodeStats;
import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.codec.RapiFrameDecoder;
import me.napolni.dinamics.rapi.codec.RapiFrameEncoder;
import me.napolni.dinamics.rapi.transport.RapiTransport;
import me.napolni.dinamics.rapi.transport.TcpTransport;

/**
 * An emulated OpenEVSE controller (RAPI.md section 8): it answers RAPI commands over any {@link RapiTransport}
 * the way firmware 8.2.3 does, with a simulated car, injectable faults and an injected clock. Time-driven
 * behaviour (heartbeat expiry, energy, limits, the end of a boot) happens in {@link #tick()}, which the emulator's
 * own thread calls after every read and every poll; tests with a manual clock advance it and call {@link #tick()}.
 * <pre>{@code
 * InMemoryTransport.Pair pair = InMemoryTransport.pair();
 * EvseEmulator emulator = EvseEmulator.create(EmulatorConfig.defaults().withClock(clock::get));
 * emulator.attach(pair.controller());
 * emulator.car().plugIn().draw(16);                      // $AT 03 03 32 0540 goes out
 * emulator.fault(EvseFault.GFCI);                        // $AT 06 ...
 * List<RapiFrame> seen = emulator.received();            // what the client sent
 * int port = emulator.serveTcp(0);                       // or: clients connect over loopback TCP
 * }</pre>
 * Deliberate differences from the firmware are those of RAPI.md 8.3 (strict decoding); replies are sent at once
 * (no emulated latency), and the old RAPI 3.x/4.x build profile is not modelled.
 */
public final class EvseEmulator implements AutoCloseable {
    /** The J1772 minimum current. */
    public static final int MIN_AMPS = 6;
    /** The heartbeat acknowledgement cookie. */
    public static final int HEARTBEAT_COOKIE = 165;
    /** Bytes received during a boot that are answered after it (the Arduino serial buffer). */
    public static final int BOOT_BUFFER_BYTES = 64;
    /** Frames kept by {@link #received()} and {@link #sent()}; older ones are dropped (simulate runs for days). */
    public static final int RECORDER_CAPACITY = 10_000;
    /** Time after {@code $FS} at which the relay opens even if the car still draws. */
    public static final long SLEEP_RELAY_DELAY_MS = 3_000;

    static final int STATE_STARTING = 0x00;
    static final int STATE_A = 0x01;
    static final int STATE_B = 0x02;
    static final int STATE_C = 0x03;
    static final int STATE_SLEEPING = 0xfe;
    static final int STATE_DISABLED = 0xff;

    private static final int VF_HARD_FAULT = 0x0002;
    private static final int VF_LIMIT_SLEEP = 0x0004;
    private static final int VF_AUTH_LOCKED = 0x0008;
    private static final int VF_TIME_LIMIT = 0x0010;
    private static final int VF_NOGND_TRIPPED = 0x0020;
    private static final int VF_CHARGING_ON = 0x0040;
    private static final int VF_GFI_TRIPPED = 0x0080;
    private static final int VF_EV_CONNECTED = 0x0100;
    private static final int VF_SESSION_ENDED = 0x0200;
    private static final int VF_EV_CONNECTED_PREV = 0x0400;
    private static final int VF_CHARGE_LIMIT = 0x2000;
    private static final int VF_BOOT_LOCK = 0x4000;
    /** The vflags whose change alone triggers an {@code $AT} (RAPI.md 3.1). */
    private static final int AT_FLAG_MASK = VF_AUTH_LOCKED | VF_EV_CONNECTED | VF_TIME_LIMIT | VF_CHARGE_LIMIT
            | VF_HARD_FAULT;
    private static final int SETTINGS_L2 = 0x0001;
    private static final int SETTINGS_NO_AUTO_LEVEL = 0x0020;
    private static final long NO_DEADLINE = Long.MIN_VALUE;
    private static final long NS_PER_MS = 1_000_000L;
    private static final long NS_PER_S = 1_000_000_000L;
    private static final long QUARTER_HOUR_NS = 15 * 60 * NS_PER_S;
    private static final double WS_PER_KWH = 3_600_000.0;
    private static final System.Logger LOG = System.getLogger(EvseEmulator.class.getName());

    private final EmulatorConfig config;
    private final boolean legacy;
    private final boolean eu;
    private final SimulatedCar car = new SimulatedCar(this);
    private final RapiFrameDecoder decoder = RapiFrameDecoder.forCommands();
    private final RapiDecodeStats decodeStats = new RapiDecodeStats();
    private final RapiFrameEncoder encoder = RapiFrameEncoder.forReplies();
    private final byte[] out = new byte[80];
    private final byte[] bootBuffer = new byte[BOOT_BUFFER_BYTES];
    private final ArrayDeque<RapiFrame> received = new ArrayDeque<>();
    private final ArrayDeque<String> sent = new ArrayDeque<>();
    private final Map<String, Integer> eepromWrites = new HashMap<>();
    private final Object linkMonitor = new Object();
    private final ArrayDeque<Delayed> delayed = new ArrayDeque<>();

    // all state below is guarded by this
    private RapiTransport link;
    private boolean linkReopenable;
    private Thread thread;
    private ServerSocket server;
    private boolean closed;

    private int hwMaxAmps;
    private int cfgMaxAmps;
    private int capacityAmps;
    private int milliVolts;
    private boolean sleeping;
    private boolean limitSleep;
    private boolean disabled;
    private EvseFault fault;
    private boolean overTemperature;
    private boolean relayHeld;
    private long relayOpenAtNs = NO_DEADLINE;
    private int lastPilot = STATE_A;
    private boolean echo;
    private boolean bootLocked;
    private boolean booting;
    private long bootEndsAtNs = NO_DEADLINE;
    private int bootBuffered;
    private int gfiTrips;
    private int noGroundTrips;
    private int stuckRelayTrips;
    private boolean gfiTripped;
    private boolean noGroundTripped;

    private int heartbeatIntervalS;
    private int heartbeatFallbackAmps;
    private int heartbeatTrigger;
    private long lastPulseNs;

    private long lastTickNs;
    private double sessionWs;
    private double lifetimeWh;
    private long chargingNs;
    private int timeLimitQuarterHours;
    private int chargeLimitKwh;

    private int atState = -1;
    private int atPilot = -1;
    private int atCapacity = -1;
    private int atFlags = -1;

    private boolean silent;
    private boolean refusing;
    private long replyLatencyMs;

    private EvseEmulator(EmulatorConfig config) {
        this.config = config;
        this.legacy = config.build() == EmulatorBuild.LEGACY_RAPI_4;
        this.eu = config.build() == EmulatorBuild.EU;
        this.hwMaxAmps = config.hwMaxAmps();
        this.cfgMaxAmps = config.cfgMaxAmps();
        this.capacityAmps = cfgMaxAmps;
        this.milliVolts = config.defaultMilliVolts();
        this.bootLocked = config.bootLock();
        this.replyLatencyMs = config.replyLatencyMs();
        long now = config.clockNs().getAsLong();
        this.lastTickNs = now;
        this.lastPulseNs = now;
        rememberAt();
    }

    /**
     * An emulator that has finished booting, idle (state A), with no link yet.
     *
     * @param config the build and clock
     * @return the emulator
     */
    public static EvseEmulator create(EmulatorConfig config) {
        return new EvseEmulator(config);
    }

    /**
     * An emulator with {@link EmulatorConfig#defaults()}.
     *
     * @return the emulator
     */
    public static EvseEmulator create() {
        return create(EmulatorConfig.defaults());
    }

    // ---- links ----

    /**
     * Answers over a transport from now on (opening it if needed), replacing any earlier link. If the transport
     * fails (a serial port unplugged), the emulator keeps trying to open it again.
     *
     * @param transport the controller's end of the link
     * @throws RapiException PORT_UNAVAILABLE if it cannot be opened
     */
    public void attach(RapiTransport transport) throws RapiException {
        if (!transport.isOpen()) {
            transport.open();
        }
        attach(transport, true);
    }

    private synchronized void attach(RapiTransport transport, boolean reopenable) {
        if (closed) {
            transport.close();
            return;
        }
        RapiTransport previous = link;
        link = transport;
        linkReopenable = reopenable;
        decoder.reset();
        if (previous != null && previous != transport) {
            previous.close();
        }
        startThread();
        synchronized (linkMonitor) {
            linkMonitor.notifyAll();
        }
    }

    /**
     * Listens on {@code 127.0.0.1:port} and answers the client that connects; a new connection replaces the
     * previous one (one client per controller). For {@code dinamics simulate} and TCP tests.
     *
     * @param port the TCP port, or 0 for any free one
     * @return the port actually bound
     * @throws RapiException PORT_UNAVAILABLE if it cannot listen
     */
    public int serveTcp(int port) throws RapiException {
        ServerSocket socket;
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            throw new RapiException(RapiErrorReason.PORT_UNAVAILABLE, "cannot listen on 127.0.0.1:" + port, e);
        }
        synchronized (this) {
            if (server != null) {
                closeServer(socket);
                throw new IllegalStateException("already serving on port " + server.getLocalPort());
            }
            server = socket;
            startThread();
        }
        Thread acceptor = new Thread(() -> acceptLoop(socket), "evse-emulator-tcp " + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return socket.getLocalPort();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket accepted = socket.accept();
                accepted.setTcpNoDelay(true);
                attach(TcpTransport.accepted(accepted), false);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(Level.WARNING, "emulator TCP accept failed: {0}", e.getMessage());
                }
            }
        }
    }

    private void startThread() {
        if (thread == null) {
            thread = new Thread(this::run, "evse-emulator");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        byte[] in = new byte[256];
        while (true) {
            RapiTransport transport;
            boolean reopenable;
            synchronized (this) {
                if (closed) {
                    return;
                }
                transport = link;
                reopenable = linkReopenable;
            }
            int n = 0;
            if (transport == null) {
                pause();
            } else {
                try {
                    n = transport.read(in, 0, in.length, config.pollMs());
                } catch (RapiException e) {
                    linkFailed(transport, reopenable, e);
                }
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (transport != link) {
                    continue;        // replaced meanwhile: these bytes belonged to the old link
                }
                if (n > 0 && echo) {
                    write(in, 0, n);
                }
                for (int i = 0; i < n; i++) {
                    try {
                        onByte(in[i]);
                    } catch (RuntimeException e) {
                        LOG.log(Level.ERROR, "emulator skipped a byte after an unexpected error", e);
                    }
                }
                tick();
            }
        }
    }

    private void linkFailed(RapiTransport transport, boolean reopenable, RapiException e) {
        synchronized (this) {
            if (closed || transport != link) {
                return;
            }
            if (!reopenable) {
                link = null;
                transport.close();
                return;
            }
        }
        pause();
        try {
            transport.open();       // a serial port that comes back (new socat on the same link path)
            synchronized (this) {
                decoder.reset();
            }
            LOG.log(Level.INFO, "emulator link {0} reopened", transport.describe());
        } catch (RapiException again) {
            LOG.log(Level.DEBUG, "emulator link {0} unavailable: {1}", transport.describe(), e.getMessage());
        }
    }

    private void pause() {
        synchronized (linkMonitor) {
            try {
                linkMonitor.wait(config.pollMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- receiving ----

    private void onByte(byte b) {
        if (silent) {
            return;                                 // a hung controller: bytes are lost, nothing is answered
        }
        if (booting) {
            if (bootBuffered < bootBuffer.length) {
                bootBuffer[bootBuffered++] = b;     // answered after $AB; the rest is lost
            }
            return;
        }
        int status = decoder.onByte(b);
        decodeStats.record(status, decoder.lastError());
        if (status == RapiFrameDecoder.FRAME_READY) {
            RapiFrame frame = decoder.frame();
            record(received, frame.copy());
            sync();
            if (refusing) {
                reply(legacy ? RapiFrame.NO_SEQ : frame.seqId(), false);
            } else {
                handle(frame);
            }
            sendAtIfChanged();
        } else if (status == RapiFrameDecoder.MALFORMED) {
            RapiDecodeError error = decoder.lastError();
            if (error == RapiDecodeError.BAD_CHECKSUM || error == RapiDecodeError.TOO_MANY_TOKENS
                    || error == RapiDecodeError.BAD_COMMAND || error == RapiDecodeError.BAD_SEQ
                    || error == RapiDecodeError.BAD_CHAR) {
                startReply(false);
                finishReply(RapiFrame.NO_SEQ);     // $NK^21, never with an id (RAPI.md 8.2)
            }
        }
    }

    private void handle(RapiFrame f) {
        if (legacy) {
            handleLegacy(f);
            return;
        }
        handleCurrent(f);
    }

    /**
     * A unit before RAPI 5.0 does not know ids: the id token is one more parameter, which get commands ignore and
     * set commands with a fixed parameter count refuse. It also lacks the newer commands.
     */
    private void handleLegacy(RapiFrame f) {
        String code = f.command();
        boolean extraToken = f.hasSeqId();
        switch (code) {
            case "GS":
                startReply(true);
                encoder.param(state()).param((int) (chargingNs / NS_PER_S));
                finishReply(RapiFrame.NO_SEQ);
                return;
            case "GC":
                startReply(true);
                encoder.param(MIN_AMPS).param(hwMaxAmps);
                finishReply(RapiFrame.NO_SEQ);
                return;
            case "SY":
            case "GY":
            case "GI":
            case "G5":
            case "S5":
            case "SV":
            case "SB":
                reply(RapiFrame.NO_SEQ, false);
                return;
            default:
                break;
        }
        boolean ignoresExtra = code.charAt(0) == 'G' || "FE FS FD FR F1".contains(code);
        if (extraToken && !ignoresExtra) {
            reply(RapiFrame.NO_SEQ, false);
            return;
        }
        handleCurrent(f);
    }

    private void handleCurrent(RapiFrame f) {
        int seq = legacy ? RapiFrame.NO_SEQ : f.seqId();
        int n = f.paramCount();
        switch (f.command()) {
            case "GS":
                startReply(true);
                encoder.paramHexLower(state(), 2).param((int) (chargingNs / NS_PER_S)).paramHexLower(pilot(), 2)
                        .paramHexLower(vflags(), 4);
                finishReply(seq);
                break;
            case "GG":
                startReply(true);
                encoder.param(drawnAmpsLocked() * 1000).param(milliVolts);
                finishReply(seq);
                break;
            case "GC":
                startReply(true);
                encoder.param(MIN_AMPS).param(hwMaxAmps).param(capacityAmps).param(cfgMaxAmps);
                finishReply(seq);
                break;
            case "GE":
                startReply(true);
                encoder.param(capacityAmps).paramHexLower(eu ? SETTINGS_L2 | SETTINGS_NO_AUTO_LEVEL : SETTINGS_L2, 4);
                finishReply(seq);
                break;
            case "GU":
                startReply(true);
                encoder.param(Long.toString((long) sessionWs)).param(Long.toString((long) lifetimeWh));
                finishReply(seq);
                break;
            case "GV":
                startReply(true);
                encoder.param(config.firmware()).param(config.rapiVersion());
                finishReply(seq);
                break;
            case "G0":
                reply(seq, true, disabled ? 2 : car.isPlugged() ? 1 : 0);
                break;
            case "GA":
                startReply(true);
                encoder.param(220).param(0);
                finishReply(seq);
                break;
            case "GF":
                startReply(true);
                encoder.paramHexLower(gfiTrips, 1).paramHexLower(noGroundTrips, 1).paramHexLower(stuckRelayTrips, 1);
                finishReply(seq);
                break;
            case "GP":
                startReply(true);
                encoder.param(overTemperature ? 700 : 250).param(-2560).param(-2560);
                finishReply(seq);
                break;
            case "GY":
                heartbeatReply(seq, true);
                break;
            case "GI":
                startReply(true);
                encoder.emptyParam().param("EMU0010000C0DE");
                finishReply(seq);
                break;
            case "GT":
                startReply(true);
                encoder.param(165).param(165).param(165).param(165).param(165).param(85);
                finishReply(seq);
                break;
            case "GD":
                startReply(true);
                encoder.param(0).param(0).param(0).param(0);
                finishReply(seq);
                break;
            case "G5":
                startReply(true);
                encoder.param(0).param("A");
                finishReply(seq);
                break;
            case "G3":
                limitReply(seq, timeLimitQuarterHours);
                break;
            case "GH":
                limitReply(seq, chargeLimitKwh);
                break;
            case "SC":
                setCurrent(f, seq);
                break;
            case "SY":
                heartbeat(f, seq);
                break;
            case "SB":
                if (!config.bootLock()) {
                    reply(seq, false);
                } else if (fault != null) {
                    reply(seq, true, 1);
                } else {
                    bootLocked = false;
                    reply(seq, true, 0);
                }
                break;
            case "SV":
                if (n == 1 && f.paramDecimal(0) >= 0) {
                    milliVolts = f.paramDecimal(0);
                    reply(seq, true);
                } else {
                    reply(seq, false);
                }
                break;
            case "S3":
                setLimit(f, seq, true);
                break;
            case "SH":
                setLimit(f, seq, false);
                break;
            case "SL":
                if (n == 1 && (f.paramEquals(0, "1") || f.paramEquals(0, "2") || (!eu && f.paramEquals(0, "A")))) {
                    eepromWrite("service_level");
                    reply(seq, true);
                } else {
                    reply(seq, false);
                }
                break;
            case "S1":
                reply(seq, n == 6);
                break;
            case "ST":
                eepromReply(seq, n == 4, "delay_timer");
                break;
            case "SA":
                eepromReply(seq, n == 2, "ammeter_calibration");
                break;
            case "SK":
                if (n >= 1 && f.paramDecimalLong(0) >= 0) {
                    lifetimeWh = f.paramDecimalLong(0);
                    eepromWrite("lifetime_energy");
                    reply(seq, true);
                } else {
                    reply(seq, false);
                }
                break;
            case "S5":
                reply(seq, n == 1 && (f.paramEquals(0, "A") || f.paramEquals(0, "M") || f.paramEquals(0, "0")
                        || f.paramEquals(0, "1")));
                break;
            case "S0":
                eepromReply(seq, n == 1, "lcd_type");
                break;
            case "FE":
                reply(seq, true);
                if (sleeping || disabled) {
                    sleeping = false;
                    limitSleep = false;
                    disabled = false;
                    relayHeld = false;
                }
                break;
            case "FS":
                reply(seq, true);
                goToSleep(false);
                break;
            case "FD":
                reply(seq, true);
                disabled = true;
                sleeping = false;
                relayHeld = false;
                break;
            case "FR":
                restart();     // no reply: the controller restarts before it can answer
                break;
            case "FP":
                reply(seq, n >= 3 && (fault == null || !fault.hard()));
                break;
            case "FB":
            case "F0":
                reply(seq, n == 1);
                break;
            case "F1":
                reply(seq, true);
                break;
            case "FF":
                feature(f, seq);
                break;
            default:
                reply(seq, false);      // unknown, or not compiled into this build ($G4 $GM $GO $S4 $SM ...)
                break;
        }
    }

    private void setCurrent(RapiFrame f, int seq) {
        int n = f.paramCount();
        if (n < 1 || n > 2) {
            reply(seq, false);
            return;
        }
        int parsed = f.paramDecimal(0);
        int amps = (parsed == RapiFrame.NOT_A_NUMBER ? 0 : parsed) & 0xFF;    // the firmware keeps 8 bits
        if (n == 2 && f.paramEquals(1, "M")) {
            reply(seq, false, hwMaxAmps);     // the once-in-a-lifetime hardware maximum was set at the factory
            return;
        }
        boolean volatileOnly = n == 2;
        if (overTemperature && amps > capacityAmps) {
            reply(seq, false, capacityAmps);
            return;
        }
        int ceiling = volatileOnly ? cfgMaxAmps : hwMaxAmps;
        int applied = Math.max(MIN_AMPS, Math.min(amps, ceiling));
        capacityAmps = applied;
        if (!volatileOnly) {
            cfgMaxAmps = applied;
            eepromWrite("cfgmax");
        }
        reply(seq, applied == amps, applied);
    }

    private void heartbeat(RapiFrame f, int seq) {
        int n = f.paramCount();
        long now = now();
        if (n == 0) {
            lastPulseNs = now;
            heartbeatReply(seq, heartbeatTrigger != 2);
        } else if (n == 1) {
            if (f.paramDecimal(0) != HEARTBEAT_COOKIE) {
                heartbeatReply(seq, false);
            } else if (heartbeatTrigger == 2) {
                if (overTemperature) {
                    heartbeatReply(seq, false);
                    return;
                }
                capacityAmps = cfgMaxAmps;
                heartbeatTrigger = 1;
                lastPulseNs = now;
                heartbeatReply(seq, true);
            } else {
                heartbeatReply(seq, true);
            }
        } else if (n == 2) {
            int interval = f.paramDecimal(0);
            int current = f.paramDecimal(1);
            if (interval < 0 || current < 0) {
                heartbeatReply(seq, false);
                return;
            }
            if (interval == 0 && heartbeatTrigger == 2) {
                capacityAmps = cfgMaxAmps;
            }
            if (interval != heartbeatIntervalS || current != heartbeatFallbackAmps) {
                eepromWrite("heartbeat");
            }
            heartbeatIntervalS = interval;
            heartbeatFallbackAmps = current;
            heartbeatTrigger = 0;
            lastPulseNs = now;
            heartbeatReply(seq, true);
        } else {
            reply(seq, false);
        }
    }

    private void heartbeatReply(int seq, boolean ok) {
        startReply(ok);
        encoder.param(heartbeatIntervalS).param(heartbeatFallbackAmps).param(heartbeatTrigger);
        finishReply(seq);
    }

    private void setLimit(RapiFrame f, int seq, boolean time) {
        int state = state();
        int value = f.paramCount() == 1 ? f.paramDecimal(0) : RapiFrame.NOT_A_NUMBER;
        if (!config.limitCommands() || (state != STATE_B && state != STATE_C) || value < 0 || value > 255) {
            reply(seq, false);
            return;
        }
        if (time) {
            timeLimitQuarterHours = value;
        } else {
            chargeLimitKwh = value;
        }
        reply(seq, true);
    }

    private void limitReply(int seq, int value) {
        if (!config.limitCommands()) {
            reply(seq, false);
        } else {
            reply(seq, true, value);
        }
    }

    private void feature(RapiFrame f, int seq) {
        if (f.paramCount() != 2 || f.paramLength(0) != 1) {
            reply(seq, false);
            return;
        }
        char letter = f.param(0).charAt(0);
        if (letter == 'E') {
            echo = true;        // the firmware bug: "$FF E 0" turns echo on as well (RAPI.md 1.8)
            reply(seq, true);
            return;
        }
        boolean valueOk = f.paramEquals(1, "0") || f.paramEquals(1, "1");
        if ("BDFGRTV".indexOf(letter) < 0 || !valueOk) {
            reply(seq, false);
            return;
        }
        eepromWrite("feature_" + letter);
        reply(seq, true);
    }

    private void eepromReply(int seq, boolean ok, String setting) {
        if (ok) {
            eepromWrite(setting);
        }
        reply(seq, ok);
    }

    private void eepromWrite(String setting) {
        eepromWrites.merge(setting, 1, Integer::sum);
    }

    // ---- sending ----

    private void reply(int seq, boolean ok) {
        startReply(ok);
        finishReply(seq);
    }

    private void reply(int seq, boolean ok, int value) {
        startReply(ok);
        encoder.param(value);
        finishReply(seq);
    }

    private void startReply(boolean ok) {
        encoder.start(out, 0, ok ? 'O' : 'N', 'K');
    }

    private void finishReply(int seq) {
        int length = encoder.finish(seq);
        if (echo) {
            out[length++] = '\n';
        }
        send(length);
    }

    private void notifyFrame(char first, char second) {
        encoder.start(out, 0, first, second);
    }

    private void sendAt(int state, int pilot, int capacity, int flags) {
        notifyFrame('A', 'T');
        encoder.paramHexLower(state, 2).paramHexLower(pilot, 2).param(capacity).paramHexLower(flags, 4);
        send(encoder.finish());
    }

    private void send(int length) {
        record(sent, new String(out, 0, length, StandardCharsets.ISO_8859_1).trim());
        writeFrame(length);
    }

    private static <T> void record(ArrayDeque<T> recorder, T item) {
        if (recorder.size() == RECORDER_CAPACITY) {
            recorder.pollFirst();
        }
        recorder.addLast(item);
    }

    /** A frame held back by the configured reply latency. */
    private static final class Delayed {
        final byte[] bytes;
        final long dueNs;

        Delayed(byte[] bytes, long dueNs) {
            this.bytes = bytes;
            this.dueNs = dueNs;
        }
    }

    private void writeFrame(int length) {
        if (replyLatencyMs == 0 && delayed.isEmpty()) {
            write(out, 0, length);
            return;
        }
        byte[] copy = Arrays.copyOf(out, length);
        delayed.addLast(new Delayed(copy, now() + replyLatencyMs * NS_PER_MS));
    }

    private void flushDelayed() {
        long now = now();
        while (!delayed.isEmpty() && now - delayed.peekFirst().dueNs >= 0) {
            byte[] bytes = delayed.pollFirst().bytes;
            write(bytes, 0, bytes.length);
        }
    }

    private void write(byte[] bytes, int offset, int length) {
        RapiTransport transport = link;
        if (transport == null || silent) {
            return;
        }
        try {
            transport.write(bytes, offset, length);
        } catch (RapiException e) {
            LOG.log(Level.DEBUG, "emulator write to {0} lost: {1}", transport.describe(), e.getMessage());
        }
    }

    /** Sends {@code $AT} when the state, pilot, capacity or a watched flag changed (RAPI.md 3.1). */
    private void sendAtIfChanged() {
        int state = state();
        if (state == STATE_STARTING) {
            return;
        }
        if (legacy) {
            if (state != atState) {
                notifyFrame('S', 'T');
                encoder.paramHexLower(state, 2);
                send(encoder.finish());
                atState = state;
            }
            return;
        }
        int pilot = pilot();
        int flags = vflags();
        if (state != atState || pilot != atPilot || capacityAmps != atCapacity
                || (flags & AT_FLAG_MASK) != (atFlags & AT_FLAG_MASK)) {
            sendAt(state, pilot, capacityAmps, flags);
            atState = state;
            atPilot = pilot;
            atCapacity = capacityAmps;
            atFlags = flags;
        }
    }

    private void rememberAt() {
        atState = state();
        atPilot = pilot();
        atCapacity = capacityAmps;
        atFlags = vflags();
    }

    // ---- state ----

    private int state() {
        if (booting) {
            return STATE_STARTING;
        }
        if (fault != null) {
            return fault.stateCode();
        }
        if (disabled) {
            return STATE_DISABLED;
        }
        if (sleeping) {
            return STATE_SLEEPING;
        }
        if (!car.isPlugged()) {
            return STATE_A;
        }
        return car.isRequesting() ? STATE_C : STATE_B;
    }

    private int pilot() {
        int state = state();
        if (state == STATE_A || state == STATE_B || state == STATE_C) {
            lastPilot = state;
        } else if (state == STATE_SLEEPING) {
            lastPilot = car.isPlugged() ? STATE_B : STATE_A;
        } else if (state == STATE_STARTING) {
            return STATE_STARTING;
        }
        return lastPilot;
    }

    private boolean relayClosed() {
        return state() == STATE_C || (sleeping && relayHeld && fault == null && !disabled);
    }

    private int vflags() {
        int flags = car.isPlugged() ? VF_EV_CONNECTED | VF_EV_CONNECTED_PREV : VF_SESSION_ENDED;
        if (booting) {
            return VF_SESSION_ENDED | (bootLocked ? VF_BOOT_LOCK : 0);
        }
        if (relayClosed()) {
            flags |= VF_CHARGING_ON;
        }
        if (timeLimitQuarterHours > 0) {
            flags |= VF_TIME_LIMIT;
        }
        if (chargeLimitKwh > 0) {
            flags |= VF_CHARGE_LIMIT;
        }
        if (limitSleep && sleeping) {
            flags |= VF_LIMIT_SLEEP;
        }
        if (fault != null && fault.hard()) {
            flags |= VF_HARD_FAULT;
        }
        if (gfiTripped) {
            flags |= VF_GFI_TRIPPED;
        }
        if (noGroundTripped) {
            flags |= VF_NOGND_TRIPPED;
        }
        if (bootLocked) {
            flags |= VF_BOOT_LOCK;
        }
        return flags;
    }

    private int drawnAmpsLocked() {
        return relayClosed() ? Math.min(car.wanted(), capacityAmps) : 0;
    }

    private void goToSleep(boolean forLimit) {
        if (state() == STATE_SLEEPING) {
            return;
        }
        boolean wasCharging = relayClosed();
        sleeping = true;
        limitSleep = forLimit;
        relayHeld = wasCharging && car.wanted() > 1;
        relayOpenAtNs = now() + SLEEP_RELAY_DELAY_MS * NS_PER_MS;
    }

    private long now() {
        return config.clockNs().getAsLong();
    }

    /** Brings energy, charging time and the timers up to now; every entry point calls it before a change. */
    private void sync() {
        long now = now();
        long dt = now - lastTickNs;
        if (dt > 0) {
            int amps = drawnAmpsLocked();
            if (amps > 0) {
                double ws = amps * (milliVolts / 1000.0) * dt / NS_PER_S;
                sessionWs += ws;
                lifetimeWh += ws / 3600.0;
            }
            if (state() == STATE_C) {
                chargingNs += dt;
            }
            lastTickNs = now;
        }
    }

    /**
     * Applies what the time since the last call brings: energy and charging time, the end of a boot, the relay
     * opening after {@code $FS}, time and energy limits, heartbeat expiry; then sends {@code $AT} if something
     * changed. The emulator's thread calls it after every read; tests with a manual clock call it after advancing.
     */
    public synchronized void tick() {
        sync();
        flushDelayed();
        long now = now();
        if (booting) {
            if (now - bootEndsAtNs >= 0) {
                finishBoot();
            }
            return;
        }
        if (sleeping && relayHeld && (car.wanted() <= 1 || now - relayOpenAtNs >= 0)) {
            relayHeld = false;
        }
        if (state() == STATE_C) {
            boolean timeUp = timeLimitQuarterHours > 0 && chargingNs >= timeLimitQuarterHours * QUARTER_HOUR_NS;
            boolean energyUp = chargeLimitKwh > 0 && sessionWs >= chargeLimitKwh * WS_PER_KWH;
            if (timeUp || energyUp) {
                goToSleep(true);
                relayHeld = false;
            }
        }
        if (heartbeatIntervalS > 0) {
            long periodMs = (heartbeatIntervalS * 1000L) & 0xFFFF;    // the firmware's 16-bit arithmetic
            if (now - lastPulseNs > periodMs * NS_PER_MS) {
                if (heartbeatFallbackAmps < capacityAmps) {
                    capacityAmps = Math.max(MIN_AMPS, heartbeatFallbackAmps);
                }
                heartbeatTrigger = 2;
                lastPulseNs = now;
            }
        }
        sendAtIfChanged();
        flushDelayed();
    }

    /**
     * Restarts the controller as {@code $FR} does: volatile settings are lost, {@code $AT 00 ..} goes out at
     * once, nothing is answered during the boot, and {@code $AB} follows after the configured boot duration (on
     * the emulator's clock).
     */
    public synchronized void restart() {
        sync();
        booting = true;
        bootBuffered = 0;
        decoder.reset();
        bootEndsAtNs = now() + config.bootDurationMs() * NS_PER_MS;
        if (!legacy) {
            sendAt(STATE_STARTING, STATE_STARTING, 0, vflags());
        }
        if (config.bootDurationMs() == 0) {
            finishBoot();
        }
    }

    private void finishBoot() {
        booting = false;
        capacityAmps = cfgMaxAmps;
        milliVolts = config.defaultMilliVolts();
        sleeping = false;
        limitSleep = false;
        disabled = false;
        relayHeld = false;
        echo = false;
        bootLocked = config.bootLock();
        heartbeatTrigger = 0;
        lastPulseNs = now();
        if (fault != null && fault.hard()) {
            fault = null;      // a restart clears hard faults
        }
        if (!legacy) {
            notifyFrame('A', 'B');
            encoder.paramHexLower(fault == null ? 0 : fault.stateCode(), 2).param(config.firmware());
            send(encoder.finish());
        }
        atState = -1;
        sendAtIfChanged();
        int buffered = bootBuffered;
        bootBuffered = 0;
        for (int i = 0; i < buffered; i++) {
            onByte(bootBuffer[i]);
        }
    }

    // ---- test and simulator hooks ----

    /**
     * Makes the controller hang (a fault-injection hook for chaos tests): while on, received bytes are dropped
     * unanswered and nothing is sent, not even {@code $AT}; the state (car, capacity, heartbeat) runs on.
     *
     * @param on true to go silent, false to answer again
     */
    public synchronized void silent(boolean on) {
        silent = on;
    }

    /**
     * Makes the controller refuse everything (a fault-injection hook): while on, every well-formed command is
     * answered {@code $NK} (with its id) and changes nothing.
     *
     * @param on true to refuse, false to answer normally again
     */
    public synchronized void refuseAll(boolean on) {
        refusing = on;
    }

    /**
     * Changes the emulated reply latency at run time (a fault-injection hook: a controller that answers late);
     * frames already held back keep their due time.
     *
     * @param latencyMs 0 for at once, else the time before each reply or notification goes out
     * @throws IllegalArgumentException if negative
     */
    public synchronized void replyLatencyMs(long latencyMs) {
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latency must be 0 or more: " + latencyMs);
        }
        replyLatencyMs = latencyMs;
    }

    /**
     * The car on the cable.
     *
     * @return the simulated car
     */
    public SimulatedCar car() {
        return car;
    }

    synchronized void carChanged(Runnable change) {
        sync();
        boolean wasPlugged = car.isPlugged();
        change.run();
        boolean plugged = car.isPlugged();
        if (!wasPlugged && plugged) {
            sessionWs = 0;
            chargingNs = 0;
        } else if (wasPlugged && !plugged) {
            timeLimitQuarterHours = 0;
            chargeLimitKwh = 0;
            if (limitSleep) {
                sleeping = false;
                limitSleep = false;
            }
            relayHeld = false;
        }
        tick();
    }

    /**
     * Injects a fault: the relay opens and the state becomes the fault's; an {@code $AT} goes out.
     *
     * @param newFault the fault
     */
    public synchronized void fault(EvseFault newFault) {
        sync();
        fault = newFault;
        relayHeld = false;
        switch (newFault) {
            case GFCI:
                gfiTrips = Math.min(0xfe, gfiTrips + 1);
                gfiTripped = true;
                break;
            case NO_GROUND:
                noGroundTrips = Math.min(0xfe, noGroundTrips + 1);
                noGroundTripped = true;
                break;
            case STUCK_RELAY:
                stuckRelayTrips = Math.min(0xfe, stuckRelayTrips + 1);
                break;
            default:
                break;
        }
        tick();
    }

    /** Clears an injected fault (as a self-clearing fault would); the state settles again. */
    public synchronized void clearFault() {
        sync();
        fault = null;
        tick();
    }

    /**
     * Sets the over-temperature throttle: while on, {@code $SC} and heartbeat restores may lower the capacity
     * but not raise it.
     *
     * @param on true while too hot
     */
    public synchronized void overTemperature(boolean on) {
        overTemperature = on;
    }

    /**
     * The EVSE state code now (RAPI.md 4.1), e.g. 0x03 while charging.
     *
     * @return the state code
     */
    public synchronized int stateCode() {
        return state();
    }

    /**
     * The volatile flag word now (RAPI.md 4.3).
     *
     * @return the vflags
     */
    public synchronized int vflagsWord() {
        return vflags();
    }

    /**
     * The capacity offered on the pilot now.
     *
     * @return amps
     */
    public synchronized int capacityAmps() {
        return capacityAmps;
    }

    /**
     * The configured maximum (EEPROM).
     *
     * @return amps
     */
    public synchronized int cfgMaxAmps() {
        return cfgMaxAmps;
    }

    /**
     * The heartbeat trigger (RAPI.md 4.7): 0, 1, or 2 while a missed pulse is unacknowledged.
     *
     * @return the trigger
     */
    public synchronized int heartbeatTrigger() {
        return heartbeatTrigger;
    }

    /**
     * Energy of the session in watt-seconds, as {@code $GU} reports it (truncated).
     *
     * @return Ws
     */
    public synchronized long sessionWs() {
        sync();
        return (long) sessionWs;
    }

    /**
     * Lifetime energy in watt-hours (truncated).
     *
     * @return Wh
     */
    public synchronized long lifetimeWh() {
        sync();
        return (long) lifetimeWh;
    }

    synchronized int drawnAmps() {
        return drawnAmpsLocked();
    }

    /**
     * Whether echo mode is on ({@code $FF E} with any value).
     *
     * @return true while echoing
     */
    public synchronized boolean echo() {
        return echo;
    }

    /**
     * Whether the emulator is booting (after {@code $FR}, before {@code $AB}).
     *
     * @return true while booting
     */
    public synchronized boolean booting() {
        return booting;
    }

    /**
     * The valid frames received so far, in order (copies; the last {@link #RECORDER_CAPACITY}).
     *
     * @return a snapshot list
     */
    public synchronized List<RapiFrame> received() {
        return List.copyOf(received);
    }

    /**
     * The commands received so far, e.g. {@code ["GV", "SY", "SC"]} (the last {@link #RECORDER_CAPACITY}).
     *
     * @return a snapshot list of two-letter codes
     */
    public synchronized List<String> receivedCommands() {
        List<String> codes = new ArrayList<>(received.size());
        for (RapiFrame frame : received) {
            codes.add(frame.command());
        }
        return codes;
    }

    /**
     * The frames sent so far (replies and notifications), without the CR, in order (the last
     * {@link #RECORDER_CAPACITY}).
     *
     * @return a snapshot list
     */
    public synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    /**
     * EEPROM writes per setting ({@code cfgmax}, {@code heartbeat}, {@code service_level}, {@code feature_B},
     * ...), so that a test can assert dynamic control never writes EEPROM.
     *
     * @return a snapshot map
     */
    public synchronized Map<String, Integer> eepromWrites() {
        return Map.copyOf(eepromWrites);
    }

    /**
     * The decoder's counters for what was received (frames and each anomaly).
     *
     * @return the live counters
     */
    public RapiDecodeStats decodeStats() {
        return decodeStats;
    }

    /** Stops the emulator's threads, closes its link and stops serving TCP. Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (link != null) {
                link.close();
            }
            if (server != null) {
                closeServer(server);
            }
            t = thread;
        }
        synchronized (linkMonitor) {
            linkMonitor.notifyAll();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeServer(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }
}
