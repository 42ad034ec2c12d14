package me.napolni.dinamics.host.internal;

import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import me.napolni.dinamics.core.PhaseReadings;
import me.napolni.dinamics.core.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads a real j2mod Modbus TCP slave on loopback that serves an SDM630's input registers. */
class ModbusMeterSourceTest {

    private static final int UNIT = 7;
    private static final int SDM630_REGISTERS = 0x0050;     // voltage, current, power, ... up to 30080

    private final ManualClock clock = new ManualClock(5_000_000_000L);
    private SimpleProcessImage image;
    private ModbusSlave slave;
    private int port;

    @BeforeEach
    void startSlave() throws Exception {
        image = new SimpleProcessImage(UNIT);
        for (int i = 0; i < SDM630_REGISTERS; i++) {
            image.addInputRegister(new SimpleInputRegister(0));
        }
        // SDM630 voltages at 0x0000.. so a wrong address would read 230 V as amps
        setFloat(0x0000, 230.1f);
        setFloat(0x0002, 229.8f);
        setFloat(0x0004, 231.4f);
        setFloat(0x0006, 12.5f);
        setFloat(0x0008, 3.25f);
        setFloat(0x000A, 17.75f);
        port = EmbeddedBroker.freeLoopbackPort();
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 2, false);
        slave.addProcessImage(UNIT, image);
        slave.open();
    }

    @AfterEach
    void stopSlave() {
        ModbusSlaveFactory.close(slave);
    }

    private void setFloat(int address, float value) {
        int bits = Float.floatToIntBits(value);
        image.setInputRegister(address, new SimpleInputRegister(bits >>> 16));
        image.setInputRegister(address + 1, new SimpleInputRegister(bits & 0xFFFF));
    }

    private ModbusMeterSource source(String model, int unit) {
        return new ModbusMeterSource(model, "tcp://127.0.0.1:" + port, 9600, unit, 1000, clock);
    }

    @Test
    void shouldReadPhaseCurrentsWhenTheMeterIsAnSdm630() {
        MainsReadings sink = new MainsReadings();
        try (ModbusMeterSource source = source("sdm630", UNIT)) {
            assertTrue(source.poll(sink));
        }
        PhaseReadings readings = new PhaseReadings();
        sink.copyInto(readings);
        assertEquals(12.5, readings.amps(0), 1e-6);
        assertEquals(3.25, readings.amps(1), 1e-6);
        assertEquals(17.75, readings.amps(2), 1e-6);
        assertEquals(clock.nanoTime(), readings.measuredAtNs(2));
    }

    @Test
    void shouldFollowNewValuesWhenPolledAgain() {
        MainsReadings sink = new MainsReadings();
        try (ModbusMeterSource source = source("sdm72", UNIT)) {
            assertTrue(source.poll(sink));
            setFloat(0x0008, 28.0f);
            clock.advanceMs(1000);
            assertTrue(source.poll(sink));
        }
        PhaseReadings readings = new PhaseReadings();
        sink.copyInto(readings);
        assertEquals(28.0, readings.amps(1), 1e-6);
        assertEquals(clock.nanoTime(), readings.measuredAtNs(1));
    }

    @Test
    void shouldGiveNoReadingWhenAValueIsImplausible() {
        setFloat(0x000A, Float.NaN);
        MainsReadings sink = new MainsReadings();
        try (ModbusMeterSource source = source("sdm630", UNIT)) {
            assertFalse(source.poll(sink));
            assertEquals(1, source.failures());
        }
        PhaseReadings readings = new PhaseReadings();
        sink.copyInto(readings);
        assertFalse(readings.hasReading(0), "no phase is taken from a bad read");
    }

    @Test
    void shouldGiveNoReadingAndRecoverWhenTheMeterIsAway() throws Exception {
        MainsReadings sink = new MainsReadings();
        try (ModbusMeterSource source = source("sdm630", UNIT)) {
            ModbusSlaveFactory.close(slave);
            assertFalse(source.poll(sink));
            assertEquals(0, sink.updates());
            startSlave();
        }
        try (ModbusMeterSource again = source("sdm630", UNIT)) {
            assertTrue(again.poll(sink));
        }
        assertEquals(3, sink.updates());
    }
}
