package me.napolni.dinamics.rapi.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RapiSequenceIdsTest {
    private static final long SEED = 0x5EEDL;

    @Test
    void shouldNeverIssueReservedIdWhenWrappingFromAnySeed() {
        qt().withFixedSeed(SEED).forAll(integers().all()).checkAssert(seed -> {
            RapiSequenceIds ids = RapiSequenceIds.startingAt(seed);
            Set<Integer> seen = new HashSet<>();
            int previous = ids.next();
            seen.add(previous);
            for (int i = 1; i < 255; i++) {
                int id = ids.next();
                assertTrue(RapiSequenceIds.isValid(id), "id " + id);
                assertEquals(previous == 0xFF ? 1 : previous + 1, id);
                seen.add(id);
                previous = id;
            }
            assertEquals(255, seen.size(), "255 distinct ids before a repeat");
        });
    }

    @Test
    void shouldMatchOnlyEqualIdsWhenReplyArrives() {
        assertTrue(RapiSequenceIds.matches(0x2A, RapiFrame.of("$OK 01 0 01 0200 :2A^7B").seqId()));
        assertFalse(RapiSequenceIds.matches(0x2B, RapiFrame.of("$OK 01 0 01 0200 :2A^7B").seqId()));
        assertFalse(RapiSequenceIds.matches(0x2A, RapiFrame.of("$NK^21").seqId()), "bad-checksum NK has no id");
        assertTrue(RapiSequenceIds.matches(RapiFrame.NO_SEQ, RapiFrame.of("$OK^20").seqId()));
    }
}
