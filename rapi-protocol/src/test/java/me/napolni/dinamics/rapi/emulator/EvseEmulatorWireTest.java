package me.napolni.dinamics.rapi.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import me.napolni.dinamics.rapi.RapiException;

/** The emulator's bytes on the wire against the transcripts of RAPI.md appendix A and the table of 8.2. */
class EvseEmulatorWireTest {
    private static final long NO_REPLY_WAIT_MS = 300;

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

    /** Appends the XOR checksum, computed here independently of the codec, for frames not in the appendix. */
    private static String withXor(String body) {
        int x = 0;
        for (int i = 0; i < body.length(); i++) {
            x ^= body.charAt(i);
        }
        return body + String.format("^%02X", x);
    }

    private void assertExchange(String command, String expectedReply) throws RapiException {
        line.write(command + "\r");
        assertEquals(expectedReply, line.next(), "reply to " + command);
    }

    @Test
    void shouldAnswerConnectTranscriptWhenIdsAreSent() throws RapiException {
        assertExchange("$GV :01^2E", "$OK 8.2.2 5.2.1 :01^35");
        assertExchange("$GS :02^28", "$OK 01 0 01 0200 :02^0A");
        assertExchange("$GY :05^25", "$OK 0 0 0 :05^2F");
        assertExchange("$SY 5 6 :06^31", "$OK 5 6 0 :06^2F");
        assertExchange("$SC 16 V :07^78", "$OK 16 :07^1A");
        assertEquals(withXor("$AT 01 01 16 0200"), line.next(), "capacity change is announced after the reply");
        assertExchange("$GC :03^39", withXor("$OK 6 80 16 32 :03"));
    }

    @Test
    void shouldClampSetCurrentAsTranscriptWhenOutOfRange() throws RapiException {
        assertExchange("$SC 16 V^65", "$OK 16^07");
        assertEquals(withXor("$AT 01 01 16 0200"), line.next());
        assertExchange("$SC 3 V^51", "$NK 6^37");
        assertEquals(withXor("$AT 01 01 6 0200"), line.next());
        assertExchange("$SC 50 V^67", "$NK 32^00");
        assertEquals(withXor("$AT 01 01 32 0200"), line.next());
        assertTrue(emulator.eepromWrites().isEmpty(), "volatile $SC must not write EEPROM");
    }

    @Test
    void shouldSendReplyBeforeAtWhenPausingAndResuming() throws RapiException {
        emulator.car().requestCharge(false).plugIn();
        assertEquals(withXor("$AT 02 02 32 0500"), line.next());
        assertExchange("$SC 16 V^65", "$OK 16^07");
        assertEquals("$AT 02 02 16 0500^33", line.next());
        assertExchange("$FS^31", "$OK^20");
        assertEquals("$AT fe 02 16 0500^32", line.next());
        assertExchange("$FE^27", "$OK^20");
        assertEquals("$AT 02 02 16 0500^33", line.next());
    }

    @Test
    void shouldAnswerOtherChecksumFormsWhenValid() throws RapiException {
        assertExchange("$GS*BE", "$OK 01 0 01 0200^12");
        assertExchange("$GS", "$OK 01 0 01 0200^12");
        assertExchange("$GS :2A^59", "$OK 01 0 01 0200 :2A^7B");
    }

    @Test
    void shouldAnswerBareNkWithoutIdWhenChecksumIsWrong() throws RapiException {
        assertExchange("$GS^31", "$NK^21");
        assertExchange("$GS :2B^59", "$NK^21");
        assertExchange("$G4^57", "$NK^21");
    }

    @Test
    void shouldAnswerStrictNkWhenFrameIsMalformed() throws RapiException {
        assertExchange("$GSX", "$NK^21");
        assertExchange("$GS:2A", "$NK^21");
        assertExchange("$GS :00", "$NK^21");
        assertExchange("$GS\u0000^30", "$NK^21");
        assertExchange("$GS^30xyz", "$NK^21");
        assertExchange("$A B C D E F G H I J K", "$NK^21");
    }

    @Test
    void shouldStaySilentWhenCommandIsTooLongOrNoise() throws RapiException {
        line.write("$FP 0 0 XXXXXXXXXXXXXXXXXXXXX^4A\r");
        line.write("garbage without start\r");
        line.write("\r");
        assertNull(line.next(NO_REPLY_WAIT_MS), "an overlong command, noise and blank lines get no reply");
        assertExchange("$GS", "$OK 01 0 01 0200^12");
    }

    @Test
    void shouldEchoEveryByteWhenEchoWasSwitchedOnEvenWithZero() throws RapiException {
        assertExchange("$FF E 0", "$OK^20");
        line.write("$GS\r");
        assertEquals("$GS", line.next(), "echo of the command");
        assertEquals("$OK 01 0 01 0200^12", line.next());
        assertTrue(emulator.echo());
    }

    @Test
    void shouldAnnounceRestartAndAnswerBufferedCommandAfterBoot() throws RapiException {
        line.write("$FR^30\r");
        assertEquals("$AT 00 00 0 0200^03", line.next());
        line.write("$GS\r");
        assertNull(line.next(NO_REPLY_WAIT_MS), "nothing is answered during the boot");
        nowNs.addAndGet(EmulatorConfig.defaults().bootDurationMs() * 1_000_000L);
        emulator.tick();
        assertEquals("$AB 00 8.2.2^1F", line.next());
        assertEquals("$AT 01 01 32 0200^32", line.next());
        assertEquals("$OK 01 0 01 0200^12", line.next(), "the command received during the boot");
    }

    @Test
    void shouldHoldRepliesBackByTheConfiguredLatencyInOrder() throws RapiException {
        emulator.close();
        emulator = EvseEmulator.create(EmulatorConfig.defaults().withClock(nowNs::get).withReplyLatencyMs(20));
        line = RawLine.attachedTo(emulator);
        line.write("$SC 16 V^65\r");
        assertNull(line.next(NO_REPLY_WAIT_MS), "nothing before 20 ms of emulated time");
        nowNs.addAndGet(20_000_000L);
        emulator.tick();
        assertEquals("$OK 16^07", line.next());
        assertEquals(withXor("$AT 01 01 16 0200"), line.next(), "the $AT still follows its reply");
    }
}
