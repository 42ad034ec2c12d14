package me.napolni.dinamics.rapi.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The decoder's observable state between outcomes, and the number readers at the edges of their fast paths. */
class RapiFrameDecoderTest {
    private static final long SEED = 0xC0DECL;

    private static int feed(RapiFrameDecoder decoder, String text) {
        int status = RapiFrameDecoder.NEED_MORE_BYTES;
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            status = decoder.onByte(b);
        }
        return status;
    }

    @Test
    void shouldCountBufferedBytesOnlyWhileInFrameWhenFrameStartsGrowsAndEnds() {
        RapiFrameDecoder decoder = RapiFrameDecoder.forReplies();
        assertFalse(decoder.inFrame());
        assertEquals(0, decoder.bufferedBytes());
        feed(decoder, "noise");
        assertFalse(decoder.inFrame());
        assertEquals(0, decoder.bufferedBytes(), "noise is counted, never stored");
        feed(decoder, "$OK 1");
        assertTrue(decoder.inFrame());
        assertEquals(5, decoder.bufferedBytes());
        feed(decoder, "6^");
        assertEquals(7, decoder.bufferedBytes(), "a marker is stored like any byte");
        assertEquals(RapiFrameDecoder.MALFORMED, feed(decoder, "\r"));
        assertFalse(decoder.inFrame());
        assertEquals(0, decoder.bufferedBytes());
    }

    @Test
    void shouldBufferNothingWhenSkippingTheRestOfAnOverlongFrame() {
        RapiFrameDecoder decoder = RapiFrameDecoder.forCommands();
        int max = decoder.profile().maxFrameBytes();
        assertEquals(RapiFrameDecoder.NEED_MORE_BYTES, feed(decoder, "$SY" + "0".repeat(max - 3)));
        assertEquals(max, decoder.bufferedBytes());
        assertEquals(RapiFrameDecoder.MALFORMED, feed(decoder, "0"));
        assertEquals(RapiDecodeError.TOO_LONG, decoder.lastError());
        assertFalse(decoder.inFrame());
        assertEquals(0, decoder.bufferedBytes());
        assertEquals(RapiFrameDecoder.NEED_MORE_BYTES, feed(decoder, "000\r"), "the rest of the frame is skipped");
        assertEquals(RapiFrameDecoder.FRAME_READY, feed(decoder, "$GS^30\r"));
    }

    @Test
    void shouldStartAfreshWhenResetInsideAFrame() {
        RapiFrameDecoder decoder = RapiFrameDecoder.forReplies();
        feed(decoder, "$OK 12 3");
        decoder.reset();
        assertFalse(decoder.inFrame());
        assertEquals(0, decoder.bufferedBytes());
        assertEquals(RapiFrameDecoder.NEED_MORE_BYTES, feed(decoder, "45 6"), "bytes after a reset are noise");
        assertEquals(0, decoder.bufferedBytes());
        assertEquals(RapiFrameDecoder.MALFORMED, feed(decoder, "$"), "a frame start ends the noise");
        assertEquals(RapiDecodeError.NO_START, decoder.lastError());
        assertEquals(RapiFrameDecoder.FRAME_READY, feed(decoder, "OK 7\r"));
        assertEquals(7, decoder.frame().paramDecimal(0));
    }

    @Test
    void shouldReadDecimalsExactlyWhenDigitCountCrossesTheIntFastPath() {
        RapiFrame wide = RapiFrame.of("$OK 999999999 -999999999 2147483647 -2147483647 -2147483648");
        assertEquals(999_999_999, wide.paramDecimal(0));
        assertEquals(-999_999_999, wide.paramDecimal(1));
        assertEquals(Integer.MAX_VALUE, wide.paramDecimal(2));
        assertEquals(-Integer.MAX_VALUE, wide.paramDecimal(3));
        assertEquals(RapiFrame.NOT_A_NUMBER, wide.paramDecimal(4), "the sentinel itself is never a value");
        RapiFrame odd = RapiFrame.of("$OK -0 - 12a -3- 0000000000042");
        assertEquals(0, odd.paramDecimal(0));
        assertEquals(RapiFrame.NOT_A_NUMBER, odd.paramDecimal(1));
        assertEquals(RapiFrame.NOT_A_NUMBER, odd.paramDecimal(2));
        assertEquals(RapiFrame.NOT_A_NUMBER, odd.paramDecimal(3));
        assertEquals(42, odd.paramDecimal(4), "leading zeros take the long path and still fit");
    }

    @Test
    void shouldReadHexOnlyFromAsciiDigitsWhenBytesAreHigh() {
        RapiFrame frame = RapiFrame.of("$OK aF0 \u00c1 1\u00e1 G");
        assertEquals(0xAF0, frame.paramHex(0));
        assertEquals(RapiFrame.NOT_A_NUMBER, frame.paramHex(1), "0xC1 is not 'A'");
        assertEquals(RapiFrame.NOT_A_NUMBER, frame.paramHex(2), "0xE1 is not 'a'");
        assertEquals(RapiFrame.NOT_A_NUMBER, frame.paramHex(3));
    }

    @Test
    void shouldDecodeWhatWasWrittenWhenAnyIntIsSentAsDecimalAndHex() {
        RapiFrameDecoder decoder = RapiFrameDecoder.forReplies();
        qt().withFixedSeed(SEED).withExamples(2_000)
                .forAll(integers().between(Integer.MIN_VALUE + 1, Integer.MAX_VALUE))
                .checkAssert(boxed -> {
                    int value = boxed;
                    String hex = Integer.toHexString(value & 0x0FFFFFFF);
                    assertEquals(RapiFrameDecoder.FRAME_READY, feed(decoder, "$OK " + value + " " + hex + "\r"));
                    assertEquals(value, decoder.frame().paramDecimal(0));
                    assertEquals((long) value, decoder.frame().paramDecimalLong(0));
                    assertEquals(value & 0x0FFFFFFF, decoder.frame().paramHex(1));
                });
    }
}
