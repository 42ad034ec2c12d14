package me.napolni.dinamics.rapi.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RapiFrameTest {

    @Test
    void shouldParseDecimalAndHexFieldsWhenReplyIsGsAndGp() {
        RapiFrame gs = RapiFrame.of("$OK fe 21 03 0500^26");
        assertEquals(0xFE, gs.paramHex(0));
        assertEquals(21, gs.paramDecimal(1));
        assertEquals(0x0500, gs.paramHex(3));
        RapiFrame gp = RapiFrame.of("$OK 265 270 -2560^28");
        assertEquals(-2560, gp.paramDecimal(2));
        assertEquals(RapiFrame.NOT_A_NUMBER, gs.paramDecimal(0), "fe is not decimal");
    }

    @Test
    void shouldReportNotANumberWhenFieldIsEmptyOrTooBig() {
        RapiFrame gi = RapiFrame.of("$OK  AB1234FF0A1B2C^54");
        assertEquals(0, gi.paramLength(0));
        assertEquals(RapiFrame.NOT_A_NUMBER, gi.paramDecimal(0));
        assertEquals(RapiFrame.NOT_A_NUMBER, gi.paramHex(0));
        assertEquals(RapiFrame.NOT_A_NUMBER, gi.paramHex(1), "14 hex digits do not fit");
        RapiFrame big = RapiFrame.of("$OK 4294967295 -");
        assertEquals(RapiFrame.NOT_A_NUMBER, big.paramDecimal(0));
        assertEquals(4294967295L, big.paramDecimalLong(0));
        assertEquals(RapiFrame.NOT_A_NUMBER_LONG, big.paramDecimalLong(1));
    }

    @Test
    void shouldExposeParamsAsCharsWhenBytesAreLatin1() {
        RapiFrame frame = RapiFrame.of("$OK 16 \u00e9t\u00e9^53");
        assertEquals("\u00e9t\u00e9", frame.param(1).toString());
        assertEquals('\u00e9', frame.param(1).charAt(0));
        assertTrue(frame.paramEquals(1, "\u00e9t\u00e9"));
        assertFalse(frame.paramEquals(1, "ete"));
        assertEquals(RapiChecksumKind.XOR, frame.checksumKind());
        assertEquals("$OK 16 \u00e9t\u00e9^53", frame.toString());
    }

    @Test
    void shouldReturnCachedCommandNameWhenAskedTwice() {
        RapiFrame first = RapiFrame.of("$AT 03 03 16 0540^37");
        RapiFrame second = RapiFrame.of("$AT 02 02 16 0500^33");
        assertEquals("AT", first.command());
        assertSame(first.command(), second.command());
        assertTrue(first.isNotification());
        assertFalse(first.isReply());
    }

    @Test
    void shouldTellNotificationFromEchoWhenFrameIsSt() {
        assertTrue(RapiFrame.of("$ST 03^00").isNotification());
        assertFalse(RapiFrame.of("$ST 0 0 0 0^23").isNotification(), "the $ST command echoed back");
        assertTrue(RapiFrame.of("$WF 02^17").isNotification());
        assertTrue(RapiFrame.of("$NK :E0^4E").isNk());
    }

    @Test
    void shouldKeepContentWhenCopyOutlivesDecoder() {
        RapiFrameDecoder decoder = RapiFrameDecoder.forReplies();
        RapiFrame copy = null;
        for (byte b : "$OK 5 6 0 :07^2E\r$NK^21\r".getBytes(StandardCharsets.US_ASCII)) {
            if (decoder.onByte(b) == RapiFrameDecoder.FRAME_READY && copy == null) {
                copy = decoder.frame().copy();
            }
        }
        assertTrue(decoder.frame().isNk());
        assertTrue(copy.isOk());
        assertEquals(3, copy.paramCount());
        assertEquals(7, copy.seqId());
        assertEquals("$OK 5 6 0 :07^2E", copy.toString());
    }

    @Test
    void shouldRejectTextWhenItIsNotOneValidFrame() {
        assertThrows(IllegalArgumentException.class, () -> RapiFrame.of("$GS^31"));
        assertThrows(IllegalArgumentException.class, () -> RapiFrame.of("$OK^20\r$OK^20"));
        assertThrows(IllegalArgumentException.class, () -> RapiFrame.of("OK"));
        assertThrows(IndexOutOfBoundsException.class, () -> RapiFrame.of("$OK^20").param(0));
    }
}
