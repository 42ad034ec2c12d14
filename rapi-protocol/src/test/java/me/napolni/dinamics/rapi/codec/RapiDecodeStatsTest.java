package me.napolni.dinamics.rapi.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RapiDecodeStatsTest {

    @Test
    void shouldCountEachOutcomeWhenStreamMixesFramesAndErrors() {
        byte[] wire = "xyz$OK^20\r\r$GS^31\r$OK 1$OK^20\r".getBytes(StandardCharsets.US_ASCII);
        RapiFrameDecoder decoder = RapiFrameDecoder.forReplies();
        RapiDecodeStats stats = new RapiDecodeStats();
        for (byte b : wire) {
            stats.record(decoder.onByte(b), decoder.lastError());
        }
        assertEquals(2, stats.frames());
        assertEquals(1, stats.count(RapiDecodeError.NO_START));
        assertEquals(1, stats.count(RapiDecodeError.EMPTY));
        assertEquals(1, stats.count(RapiDecodeError.BAD_CHECKSUM));
        assertEquals(1, stats.count(RapiDecodeError.TRUNCATED));
        assertEquals(4, stats.errors());
        assertEquals("frames=2 bad_checksum=1 truncated=1 no_start=1 empty=1", stats.toString());
    }
}
