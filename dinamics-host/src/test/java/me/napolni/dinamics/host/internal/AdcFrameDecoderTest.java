package me.napolni.dinamics.host.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arrays;
import static org.quicktheories.generators.SourceDSL.integers;

class AdcFrameDecoderTest {

    private static final long SEED = 0x5EEDL;

    private record Block(int phase, int seq, short[] samples) {
    }

    private final List<Block> blocks = new ArrayList<>();
    private final AdcFrameDecoder decoder = new AdcFrameDecoder((phase, seq, samples, count) ->
            blocks.add(new Block(phase, seq, Arrays.copyOf(samples, count))));

    private static short[] samples(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = (short) random.nextInt(4096);
        }
        return samples;
    }

    private static byte[] frame(int phase, int seq, short[] samples) {
        byte[] out = new byte[AdcFrameDecoder.MAX_FRAME_BYTES];
        int length = AdcFrameDecoder.encode(phase, seq, samples, samples.length, out, 0);
        return Arrays.copyOf(out, length);
    }

    private void feed(byte[] bytes) {
        decoder.accept(bytes, 0, bytes.length);
    }

    @Test
    void shouldMatchTheDocumentedCrcWhenComputingTheCheckValue() {
        byte[] check = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(0x29B1, AdcFrameDecoder.crc16(check, 0, check.length));   // CRC-16/CCITT-FALSE check value
    }

    @Test
    void shouldDecodeTheDocumentedExampleFrameWhenFedWhole() {
        // docs/sources.md: phase 1 (L2), seq 7, samples 0x123, 0xABC, 0xFFF
        byte[] wire = {(byte) 0xA5, 0x5A, 0x01, 0x07, 0x03, 0x00, 0x23, (byte) 0xC1, (byte) 0xAB, (byte) 0xFF, 0x0F,
            0, 0};
        int crc = AdcFrameDecoder.crc16(wire, 2, wire.length - 4);
        wire[wire.length - 2] = (byte) (crc >> 8);
        wire[wire.length - 1] = (byte) crc;
        assertArrayEquals(wire, frame(1, 7, new short[] {0x123, 0xABC, 0xFFF}));
        feed(wire);
        assertEquals(1, blocks.size());
        assertEquals(1, blocks.get(0).phase());
        assertEquals(7, blocks.get(0).seq());
        assertArrayEquals(new short[] {0x123, 0xABC, 0xFFF}, blocks.get(0).samples());
    }

    @Test
    void shouldDecodeEveryFrameWhenSplitIntoSingleBytes() {
        short[] first = samples(1480, 1);
        short[] second = samples(1, 2);
        byte[] wire = concat(frame(0, 0, first), frame(2, 1, second));
        for (byte b : wire) {
            decoder.accept(new byte[] {b}, 0, 1);
        }
        assertEquals(2, blocks.size());
        assertArrayEquals(first, blocks.get(0).samples());
        assertArrayEquals(second, blocks.get(1).samples());
    }

    @Test
    void shouldResyncWhenGarbageComesBetweenFrames() {
        short[] good = samples(100, 3);
        byte[] garbage = {0x00, (byte) 0xA5, 0x13, (byte) 0xA5, 0x5A, 0x07, (byte) 0xFF, (byte) 0xA5};
        feed(concat(garbage, frame(0, 0, good), garbage, frame(1, 0, good)));
        assertEquals(2, blocks.size());
        assertEquals(1, blocks.get(1).phase());
        assertTrue(decoder.garbageBytes() > 0);
        assertTrue(decoder.badHeaders() > 0, "A5 5A 07: phase 7 is refused");
    }

    @Test
    void shouldDropOnlyTheCorruptFrameWhenItsCrcFails() {
        byte[] bad = frame(0, 0, samples(200, 4));
        bad[40] ^= 0x10;
        byte[] good = frame(0, 1, samples(200, 5));
        feed(concat(bad, good));
        assertEquals(1, blocks.size());
        assertEquals(1, blocks.get(0).seq());
        assertEquals(1, decoder.crcErrors());
    }

    @Test
    void shouldFindTheNextFrameWhenAFrameIsCutShort() {
        byte[] cut = Arrays.copyOf(frame(0, 0, samples(300, 6)), 200);
        short[] after = samples(300, 7);
        feed(concat(cut, frame(0, 1, after)));
        assertEquals(1, blocks.size());
        assertArrayEquals(after, blocks.get(0).samples());
    }

    @Test
    void shouldCountLostFramesWhenSequenceNumbersJump() {
        feed(concat(frame(0, 254, samples(10, 1)), frame(0, 2, samples(10, 2))));
        assertEquals(2, blocks.size());
        assertEquals(3, decoder.lostFrames());     // 255, 0, 1
    }

    @Test
    void shouldStayBoundedAndNeverThrowWhenBytesAreArbitrary() {
        qt().withFixedSeed(SEED)
            .forAll(arrays().ofIntegers(integers().between(0, 255)).withLengthBetween(0, 300))
            .checkAssert(values -> {
                AdcFrameDecoder fresh = new AdcFrameDecoder((phase, seq, samples, count) -> {
                    assertTrue(phase >= 0 && phase < 3 && count >= 1);
                });
                byte[] bytes = new byte[values.length];
                for (int i = 0; i < values.length; i++) {
                    bytes[i] = (byte) (int) values[i];
                }
                fresh.accept(bytes, 0, bytes.length);
                assertTrue(fresh.bufferedBytes() <= 2 * AdcFrameDecoder.MAX_FRAME_BYTES);
            });
    }

    @Test
    void shouldDecodeAGoodFrameAfterAnyGarbageWhenTheGarbageIsArbitrary() {
        short[] good = samples(64, 9);
        byte[] goodFrame = frame(2, 42, good);
        qt().withFixedSeed(SEED)
            .forAll(arrays().ofIntegers(integers().between(0, 255)).withLengthBetween(0, 100))
            .checkAssert(values -> {
                List<short[]> decoded = new ArrayList<>();
                AdcFrameDecoder fresh = new AdcFrameDecoder((phase, seq, samples, count) -> {
                    if (phase == 2 && seq == 42) {
                        decoded.add(Arrays.copyOf(samples, count));
                    }
                });
                byte[] bytes = new byte[values.length];
                for (int i = 0; i < values.length; i++) {
                    bytes[i] = (byte) (int) values[i];
                }
                // garbage, then the frame twice: at most the first copy can be swallowed by a false header
                byte[] wire = concat(bytes, goodFrame, goodFrame);
                fresh.accept(wire, 0, wire.length);
                assertTrue(decoded.size() >= 1, "no good frame after the garbage");
                assertArrayEquals(good, decoded.get(decoded.size() - 1));
            });
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
