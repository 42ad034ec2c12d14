package me.napolni.dinamics.host.internal;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import me.napolni.dinamics.core.time.NanoClock;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Mains current from a Modbus energy meter, RTU or TCP: the only class that knows j2mod.
 *
 * <p>Every {@code pollMs} it reads the per-phase current input registers of the meter's map in one request
 * (function 04), each an IEEE-754 float32 big-endian in two registers, high word first. A failed or nonsensical
 * read is logged and gives no reading, so the readings age and the failsafe acts; the connection is re-made on the
 * next poll.
 */
public final class ModbusMeterSource implements MeasurementSource {

    /**
     * A meter's register map for the phase currents.
     *
     * @param model the model word of the configuration
     * @param firstRegister the input register (0-based address) of L1's current
     * @param stride registers from one phase's current to the next
     */
    public record RegisterMap(String model, int firstRegister, int stride) {

        /** Eastron SDM630 (v2): 30007/30009/30011, i.e. addresses 0x0006, 0x0008, 0x000A, float32, A. */
        public static final RegisterMap SDM630 = new RegisterMap("sdm630", 0x0006, 2);
        /** Eastron SDM72D-M (v2): the same addresses for phase 1..3 current. */
        public static final RegisterMap SDM72 = new RegisterMap("sdm72", 0x0006, 2);

        /**
         * Finds a map by model word.
         *
         * @param model {@code sdm630} or {@code sdm72}
         * @return the map
         * @throws IllegalArgumentException for another model
         */
        public static RegisterMap of(String model) {
            switch (model.toLowerCase(Locale.ROOT)) {
                case "sdm630":
                    return SDM630;
                case "sdm72":
                    return SDM72;
                default:
                    throw new IllegalArgumentException("no register map for meter model " + model);
            }
        }

        /**
         * Returns how many registers one read covers.
         *
         * @return registers for three phases
         */
        public int registerCount() {
            return stride * 2 + 2;
        }
    }

    /** The largest current a reading may show before it is taken for garbage. */
    public static final double MAX_PLAUSIBLE_AMPS = 1_000.0;

    private static final System.Logger LOG = System.getLogger(ModbusMeterSource.class.getName());
    private static final int TIMEOUT_MS = 1_000;

    private final String port;
    private final int baud;
    private final int unitId;
    private final long pollMs;
    private final RegisterMap map;
    private final NanoClock clock;
    private final ScheduledExecutorService poller;
    private AbstractModbusMaster master;
    private boolean failing;
    private volatile long failures;

    /**
     * Creates a source.
     *
     * @param model {@code sdm630} or {@code sdm72}
     * @param port {@code tcp://host:port} or a serial device for RTU
     * @param baud the RTU line speed
     * @param unitId the meter's unit id
     * @param pollMs the poll period
     * @param clock the gateway's clock
     */
    public ModbusMeterSource(String model, String port, int baud, int unitId, long pollMs, NanoClock clock) {
        this.map = RegisterMap.of(model);
        this.port = port;
        this.baud = baud;
        this.unitId = unitId;
        this.pollMs = pollMs;
        this.clock = clock;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "modbus-meter");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start(MainsReadings sink) {
        poller.scheduleWithFixedDelay(() -> poll(sink), 0, pollMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Reads the meter once (public for tests).
     *
     * @param sink where readings go
     * @return true when every phase was read
     */
    public synchronized boolean poll(MainsReadings sink) {
        try {
            if (master == null) {
                master = connect();
            }
            InputRegister[] registers = master.readInputRegisters(unitId, map.firstRegister(), map.registerCount());
            long nowNs = clock.nanoTime();
            double[] amps = new double[3];
            for (int phase = 0; phase < 3; phase++) {
                int at = phase * map.stride();
                int bits = (registers[at].getValue() & 0xFFFF) << 16 | (registers[at + 1].getValue() & 0xFFFF);
                amps[phase] = Float.intBitsToFloat(bits);
                if (!(amps[phase] >= 0 && amps[phase] <= MAX_PLAUSIBLE_AMPS)) {
                    throw new IllegalStateException("implausible current " + amps[phase] + " A on L" + (phase + 1));
                }
            }
            for (int phase = 0; phase < 3; phase++) {
                sink.amps(phase, amps[phase], nowNs);
            }
            if (failing) {
                LOG.log(Level.INFO, "Modbus meter " + port + " answers again");
                failing = false;
            }
            return true;
        } catch (Exception e) {
            failures++;
            if (!failing) {
                LOG.log(Level.WARNING, "Modbus meter " + port + " unit " + unitId + ": " + e.getMessage());
                failing = true;
            }
            disconnect();
            return false;
        }
    }

    private AbstractModbusMaster connect() throws Exception {
        AbstractModbusMaster created;
        if (port.startsWith("tcp://")) {
            String hostPort = port.substring("tcp://".length());
            int colon = hostPort.lastIndexOf(':');
            created = new ModbusTCPMaster(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)),
                    TIMEOUT_MS, false);
        } else {
            SerialParameters parameters = new SerialParameters();
            parameters.setPortName(port);
            parameters.setBaudRate(baud);
            parameters.setDatabits(8);
            parameters.setParity("None");
            parameters.setStopbits(1);
            parameters.setEncoding(Modbus.SERIAL_ENCODING_RTU);
            parameters.setEcho(false);
            created = new ModbusSerialMaster(parameters, TIMEOUT_MS);
        }
        created.connect();
        return created;
    }

    private void disconnect() {
        if (master != null) {
            try {
                master.disconnect();
            } catch (RuntimeException e) {
                // best effort
            }
            master = null;
        }
    }

    /**
     * Returns how many polls failed.
     *
     * @return the count
     */
    public long failures() {
        return failures;
    }

    @Override
    public String description() {
        return "modbus " + map.model() + " " + port + " unit " + unitId;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        synchronized (this) {
            disconnect();
        }
    }
}
