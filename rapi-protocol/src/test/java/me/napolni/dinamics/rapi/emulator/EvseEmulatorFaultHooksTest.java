package me.napolni.dinamics.rapi.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import me.napolni.dinamics.rapi.RapiException;

/** The fault-injection hooks the chaos run uses: a hung controller, one that refuses, one that answers late. */
class EvseEmulatorFaultHooksTest {
    private static final long NS_PER_MS = 1_000_000L;
    private static final long QUIET_MS = 300;

    private final AtomicLong nowNs = new AtomicLong(1_000_000_000L);
    private EvseEmulator emulator;
    private RawLine line;

    @BeforeEach
    void setUp() throws RapiException {
        emulator = EvseEmulator.create(EmulatorConfig.defaults().withClock(nowNs::get).withVersions("8.2.2", "5.2.1"));
        line = RawLine.attachedTo(emulator);
    }

    @AfterEach
    void tearDown() {
        emulator.close();
    }

    @Test
    void shouldDropCommandsUnansweredWhenSilent() throws RapiException {
        emulator.silent(true);
        line.write("$SC 16 V :07^78\r");
        assertNull(line.next(QUIET_MS), "a silent controller answers nothing");
        assertEquals(32, emulator.capacityAmps(), "the lost command changed nothing");
        emulator.silent(false);
        line.write("$GS :02^28\r");
        assertEquals("$OK 01 0 01 0200 :02^0A", line.next());
    }

    @Test
    void shouldAnswerNkAndChangeNothingWhenRefusing() throws RapiException {
        emulator.refuseAll(true);
        line.write("$SC 16 V :07^78\r");
        assertEquals("$NK :07^3C", line.next());
        assertEquals(32, emulator.capacityAmps());
        emulator.refuseAll(false);
        line.write("$SC 16 V :07^78\r");
        assertEquals("$OK 16 :07^1A", line.next());
        assertEquals(16, emulator.capacityAmps());
    }

    @Test
    void shouldHoldRepliesBackWhenAnsweringLate() throws RapiException {
        emulator.replyLatencyMs(1_000);
        line.write("$GS :02^28\r");
        assertNull(line.next(QUIET_MS), "the reply is not due yet");
        nowNs.addAndGet(1_000 * NS_PER_MS);
        assertEquals("$OK 01 0 01 0200 :02^0A", line.next());
        emulator.replyLatencyMs(0);
        line.write("$GS :02^28\r");
        assertEquals("$OK 01 0 01 0200 :02^0A", line.next());
    }

    @Test
    void shouldRefuseNegativeLatencyWhenSet() {
        assertThrows(IllegalArgumentException.class, () -> emulator.replyLatencyMs(-1));
    }
}
