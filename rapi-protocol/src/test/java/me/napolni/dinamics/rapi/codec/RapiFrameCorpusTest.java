package me.napolni.dinamics.rapi.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the wire corpus (testdata/rapi/*.tsv), whole, byte by byte, and split in two at every position. */
class RapiFrameCorpusTest {

    static Stream<FrameCorpus.Row> rows() {
        return FrameCorpus.rows();
    }

    static Stream<FrameCorpus.Row> canonicalRows() {
        return FrameCorpus.rows().filter(FrameCorpus.Row::canonical);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void shouldGiveListedOutcomesWhenWireIsFedWhole(FrameCorpus.Row row) {
        assertEquals(row.expectedOutcomes(), FrameCorpus.decodeAll(row.profile(), row.wireBytes()), row.note());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void shouldGiveListedOutcomesWhenWireArrivesByteByByteFromFreshReads(FrameCorpus.Row row) {
        byte[] wire = row.wireBytes();
        RapiFrameDecoder decoder = RapiFrameDecoder.of(row.profile());
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < wire.length; i++) {
            byte[] chunk = Arrays.copyOfRange(wire, i, i + 1);     // a separate read per byte
            FrameCorpus.feed(decoder, chunk, 0, 1, outcomes);
        }
        assertEquals(row.expectedOutcomes(), outcomes, row.note());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void shouldGiveListedOutcomesWhenWireIsSplitInTwoAnywhere(FrameCorpus.Row row) {
        byte[] wire = row.wireBytes();
        for (int split = 0; split <= wire.length; split++) {
            RapiFrameDecoder decoder = RapiFrameDecoder.of(row.profile());
            List<String> outcomes = new ArrayList<>();
            byte[] first = Arrays.copyOfRange(wire, 0, split);
            byte[] second = Arrays.copyOfRange(wire, split, wire.length);
            FrameCorpus.feed(decoder, first, 0, first.length, outcomes);
            FrameCorpus.feed(decoder, second, 0, second.length, outcomes);
            assertEquals(row.expectedOutcomes(), outcomes, "split at " + split + ": " + row.note());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalRows")
    void shouldWriteCanonicalFrameByteForByteWhenEncoded(FrameCorpus.Row row) {
        RapiFrameEncoder encoder = RapiFrameEncoder.of(row.profile());
        byte[] buffer = new byte[80];
        encoder.start(buffer, 3, row.command());
        if (!row.params().isEmpty()) {
            for (String param : row.params().split(" ", -1)) {
                byte[] bytes = FrameCorpus.unescape(param);
                encoder.param(bytes, 0, bytes.length);
            }
        }
        int seq = row.seq().isEmpty() ? RapiFrame.NO_SEQ : Integer.parseInt(row.seq(), 16);
        int length = encoder.finish(seq);
        assertArrayEquals(row.wireBytes(), Arrays.copyOfRange(buffer, 3, 3 + length), row.note());
    }
}
