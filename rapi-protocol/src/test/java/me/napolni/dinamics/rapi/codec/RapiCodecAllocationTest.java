package me.napolni.dinamics.rapi.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * A cheap guard of the codec's zero-allocation promise between JMH runs: the thread's allocated-bytes counter
 * (HotSpot's com.sun.management.ThreadMXBean) must not grow with the number of frames.
 */
class RapiCodecAllocationTest {
    private static final int ROUNDS = 20_000;
    /** Far below one byte per round: the measurement itself may allocate a little, frames must not. */
    private static final long SLACK_BYTES = 4_096;

    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemorySupported()) {
            return hotspot.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    private static int decodeAndRead(RapiFrameDecoder decoder, byte[] wire) {
        int sum = 0;
        for (byte b : wire) {
            int status = decoder.onByte(b);
            if (status == RapiFrameDecoder.FRAME_READY) {
                RapiFrame f = decoder.frame();
                sum += f.paramHex(0) + f.paramDecimal(1) + f.paramHex(3) + f.seqId() + f.param(2).length()
                        + f.command().length() + (f.paramEquals(2, "03") ? 1 : 0);
            } else if (status == RapiFrameDecoder.MALFORMED) {
                sum += decoder.lastError().ordinal();
            }
        }
        return sum;
    }

    @Test
    @SuppressWarnings("deprecation")    // Thread.getId: threadId() is not in Java 17
    void shouldNotAllocateWhenDecodingAndEncodingManyFrames() {
        assumeTrue(allocatedBytes() >= 0, "allocation counter not available on this JVM");
        byte[] wire = "xx\r$OK 03 1234 03 0540 :2A^4C\r$GS^31\r$OK 1\u0000\r".getBytes(StandardCharsets.ISO_8859_1);
        RapiFrameDecoder decoder = RapiFrameDecoder.forReplies();
        RapiFrameEncoder encoder = RapiFrameEncoder.forCommands();
        byte[] out = new byte[32];
        long warm = 0;
        for (int i = 0; i < ROUNDS; i++) {
            warm += decodeAndRead(decoder, wire) + encoder.start(out, 0, 'S', 'C').param(16).param("V").finish(42);
        }
        long before = allocatedBytes();
        long sum = 0;
        for (int i = 0; i < ROUNDS; i++) {
            sum += decodeAndRead(decoder, wire) + encoder.start(out, 0, 'S', 'C').param(16).param("V").finish(42);
        }
        long allocated = allocatedBytes() - before;
        assertEquals(warm, sum);
        assertTrue(allocated < SLACK_BYTES, allocated + " bytes allocated over " + ROUNDS + " rounds");
    }
}
