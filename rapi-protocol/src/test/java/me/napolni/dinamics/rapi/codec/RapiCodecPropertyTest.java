package me.napolni.dinamics.rapi.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arrays;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of the codec over generated frames and byte streams (QuickTheories, fixed seeds, short arrays). */
class RapiCodecPropertyTest {
    private static final long SEED = 0x5EEDL;
    private static final String COMMAND_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** Every byte allowed in a parameter (RAPI.md 1.10): 0x21..0xFF except $ ^ * and DEL. */
    private static final byte[] PARAM_BYTES = paramBytes();
    /** Bytes that steer the decoder's state machine, mixed into random noise to reach every path. */
    private static final int[] SIGNIFICANT = {'$', '\r', '\n', ' ', ':', '^', '*', 0x00, '0', 'A', 'G', 'S', 0x7F};
    private static final byte[] GOOD_FRAME = "$GS :2A^59\r".getBytes(StandardCharsets.US_ASCII);

    private static byte[] paramBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = 0x21; b <= 0xFF; b++) {
            if (b != '$' && b != '^' && b != '*' && b != 0x7F) {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static Gen<byte[]> params() {
        return arrays().ofIntegers(integers().between(0, PARAM_BYTES.length - 1)).withLengthBetween(1, 6)
                .map(indexes -> {
                    byte[] p = new byte[indexes.length];
                    for (int i = 0; i < p.length; i++) {
                        p[i] = PARAM_BYTES[indexes[i]];
                    }
                    if (p[0] == ':') {
                        p[0] = 'x';
                    }
                    return p;
                });
    }

    private static Gen<int[]> noise() {
        Gen<Integer> anyByte = integers().between(0, 255);
        Gen<Integer> steering = integers().between(0, SIGNIFICANT.length - 1).map(i -> SIGNIFICANT[i]);
        return arrays().ofIntegers(anyByte.mix(steering, 50)).withLengthBetween(0, 90)
                .map(boxed -> Arrays.stream(boxed).mapToInt(Integer::intValue).toArray());
    }

    private static int seqOf(int generated) {
        return generated == 0 ? RapiFrame.NO_SEQ : generated;
    }

    @Test
    void shouldReturnOriginalWhenValidFrameIsEncodedThenDecoded() {
        qt().withFixedSeed(SEED).withExamples(600)
                .forAll(integers().between(0, COMMAND_LETTERS.length() * COMMAND_LETTERS.length() - 1),
                        lists().of(params()).ofSizeBetween(0, 11),
                        integers().between(0, 255))
                .checkAssert((command, paramList, generatedSeq) -> {
                    char first = COMMAND_LETTERS.charAt(command / COMMAND_LETTERS.length());
                    char second = COMMAND_LETTERS.charAt(command % COMMAND_LETTERS.length());
                    int seq = seqOf(generatedSeq);
                    for (RapiFrameProfile profile : RapiFrameProfile.values()) {
                        int frameBytes = 3 + (seq == RapiFrame.NO_SEQ ? 0 : 4) + 3;
                        int tokens = 1 + paramList.size() + (seq == RapiFrame.NO_SEQ ? 0 : 1);
                        for (byte[] p : paramList) {
                            frameBytes += 1 + p.length;
                        }
                        boolean fits = frameBytes <= profile.maxFrameBytes() && tokens <= profile.maxTokens();
                        byte[] buffer = new byte[100];
                        RapiFrameEncoder encoder = RapiFrameEncoder.of(profile);
                        if (!fits) {
                            assertThrows(IllegalArgumentException.class, () -> encode(encoder, buffer, first,
                                    second, paramList, seq), "must refuse " + frameBytes + " bytes");
                            continue;
                        }
                        int length = encode(encoder, buffer, first, second, paramList, seq);
                        assertEquals(frameBytes + 1, length);
                        RapiFrameDecoder decoder = RapiFrameDecoder.of(profile);
                        int status = RapiFrameDecoder.NEED_MORE_BYTES;
                        for (int i = 0; i < length; i++) {
                            status = decoder.onByte(buffer[i]);
                            if (i < length - 1) {
                                assertEquals(RapiFrameDecoder.NEED_MORE_BYTES, status, "early outcome");
                            }
                        }
                        assertEquals(RapiFrameDecoder.FRAME_READY, status, () -> decoder.lastError().reasonWord());
                        RapiFrame frame = decoder.frame();
                        assertTrue(frame.isCommand(first, second));
                        assertEquals(seq, frame.seqId());
                        assertEquals(RapiChecksumKind.XOR, frame.checksumKind());
                        assertEquals(paramList.size(), frame.paramCount());
                        for (int i = 0; i < paramList.size(); i++) {
                            byte[] copy = new byte[frame.paramLength(i)];
                            frame.copyParam(i, copy, 0);
                            assertArrayEquals(paramList.get(i), copy);
                        }
                    }
                });
    }

    private static int encode(RapiFrameEncoder encoder, byte[] buffer, char first, char second, List<byte[]> params,
                              int seq) {
        encoder.start(buffer, 0, first, second);
        for (byte[] p : params) {
            encoder.param(p, 0, p.length);
        }
        return encoder.finish(seq);
    }

    @Test
    void shouldStayBoundedAndResyncWhenBytesAreArbitrary() {
        qt().withFixedSeed(SEED).withExamples(1500)
                .forAll(noise(), integers().between(0, 1))
                .checkAssert((noise, side) -> {
                    RapiFrameProfile profile = RapiFrameProfile.values()[side];
                    RapiFrameDecoder decoder = RapiFrameDecoder.of(profile);
                    for (int b : noise) {
                        int status = decoder.onByte((byte) b);      // must not throw
                        assertTrue(status == RapiFrameDecoder.NEED_MORE_BYTES
                                || status == RapiFrameDecoder.FRAME_READY || status == RapiFrameDecoder.MALFORMED);
                        assertTrue(decoder.bufferedBytes() <= profile.maxFrameBytes());
                    }
                    int last = RapiFrameDecoder.NEED_MORE_BYTES;
                    for (byte b : GOOD_FRAME) {
                        last = decoder.onByte(b);
                        assertTrue(decoder.bufferedBytes() <= profile.maxFrameBytes());
                    }
                    assertEquals(RapiFrameDecoder.FRAME_READY, last, () -> decoder.lastError().reasonWord());
                    assertTrue(decoder.frame().isCommand('G', 'S'));
                    assertEquals(0x2A, decoder.frame().seqId());
                });
    }

    /** Valid frames from the corpus's shapes, to cut, stretch and corrupt. */
    private static final String[] SEED_FRAMES = {
        "$OK 01 0 01 0200 :2A^7B\r", "$AT 03 03 16 0540^37\r", "$SC 16 V^65\r", "$GS*BE\r", "$OK 16 \u00e9t\u00e9^53\r",
    };

    /**
     * One piece of hostile input: a valid frame cut short (truncated), a frame stretched past every limit
     * (overlong), a frame with one byte replaced by NUL or a byte 0x80..0xFF, or a run of random bytes.
     */
    private static Gen<byte[]> hostilePiece() {
        return integers().between(0, 3).zip(integers().between(0, SEED_FRAMES.length - 1),
                integers().between(0, 200), integers().between(0, 255), (kind, which, position, value) -> {
                    byte[] frame = SEED_FRAMES[which].getBytes(StandardCharsets.ISO_8859_1);
                    switch (kind) {
                        case 0:
                            return Arrays.copyOf(frame, position % frame.length);
                        case 1: {
                            byte[] longer = new byte[frame.length + 40 + position % 40];
                            Arrays.fill(longer, (byte) 'Z');
                            System.arraycopy(frame, 0, longer, 0, frame.length - 1);
                            longer[longer.length - 1] = '\r';
                            return longer;
                        }
                        case 2: {
                            byte[] corrupt = frame.clone();
                            corrupt[1 + position % (frame.length - 1)] = (byte) (value % 2 == 0 ? 0 : 0x80 | value);
                            return corrupt;
                        }
                        default: {
                            byte[] random = new byte[position % 70];
                            for (int i = 0; i < random.length; i++) {
                                random[i] = (byte) (value * 31 + i * 17);
                            }
                            return random;
                        }
                    }
                });
    }

    @Test
    void shouldNeverThrowAndStillDecodeNextFrameWhenInputIsTruncatedOverlongOrCorrupt() {
        qt().withFixedSeed(SEED).withExamples(1500)
                .forAll(lists().of(hostilePiece()).ofSizeBetween(1, 5), integers().between(0, 1))
                .checkAssert((pieces, side) -> {
                    RapiFrameProfile profile = RapiFrameProfile.values()[side];
                    RapiFrameDecoder decoder = RapiFrameDecoder.of(profile);
                    for (byte[] piece : pieces) {
                        for (byte b : piece) {
                            decoder.onByte(b);
                            assertTrue(decoder.bufferedBytes() <= profile.maxFrameBytes());
                        }
                    }
                    int last = RapiFrameDecoder.NEED_MORE_BYTES;
                    for (byte b : GOOD_FRAME) {
                        last = decoder.onByte(b);
                    }
                    assertEquals(RapiFrameDecoder.FRAME_READY, last, () -> decoder.lastError().reasonWord());
                    assertEquals(0x2A, decoder.frame().seqId());
                });
    }

    @Test
    void shouldGiveSameOutcomesWhenStreamIsSplitAnywhere() {
        qt().withFixedSeed(SEED).withExamples(150)
                .forAll(noise(), lists().of(params()).ofSizeBetween(0, 4), noise())
                .checkAssert((before, paramList, after) -> {
                    ByteArrayOutputStream stream = new ByteArrayOutputStream();
                    Arrays.stream(before).forEach(stream::write);
                    byte[] frame = new byte[100];
                    int length;
                    try {
                        length = encode(RapiFrameEncoder.forReplies(), frame, 'O', 'K', paramList, 0x10);
                    } catch (IllegalArgumentException tooLong) {
                        length = encode(RapiFrameEncoder.forReplies(), frame, 'O', 'K', List.of(), 0x10);
                    }
                    stream.write(frame, 0, length);
                    Arrays.stream(after).forEach(stream::write);
                    stream.write(frame, 0, length);
                    byte[] wire = stream.toByteArray();
                    List<String> whole = FrameCorpus.decodeAll(RapiFrameProfile.REPLY_SIDE, wire);
                    assertTrue(whole.stream().filter(o -> o.startsWith("ok OK")).count() >= 1, "frame lost");
                    for (int split = 0; split <= wire.length; split++) {
                        RapiFrameDecoder decoder = RapiFrameDecoder.forReplies();
                        List<String> outcomes = new ArrayList<>();
                        FrameCorpus.feed(decoder, Arrays.copyOfRange(wire, 0, split), 0, split, outcomes);
                        FrameCorpus.feed(decoder, Arrays.copyOfRange(wire, split, wire.length), 0,
                                wire.length - split, outcomes);
                        assertEquals(whole, outcomes, "split at " + split);
                    }
                });
    }
}
