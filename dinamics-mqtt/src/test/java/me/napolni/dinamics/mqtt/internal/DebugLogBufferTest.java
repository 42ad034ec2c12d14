package me.napolni.dinamics.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DebugLogBufferTest {

    @Test
    void shouldJoinItemsAsDollarListWhenTakingBatch() {
        DebugLogBuffer b = new DebugLogBuffer();
        b.add("one");
        b.add("costs 5$ (100%)");
        assertEquals("$one$$costs 5%24 (100%25)$", b.takeBatch());
        assertNull(b.takeBatch());
    }

    @Test
    void shouldKeepBatchesUnder1024BytesWithoutSplittingItems() {
        DebugLogBuffer b = new DebugLogBuffer();
        for (int i = 0; i < 30; i++) {
            b.add("x".repeat(98));   // 100 bytes with its two $
        }
        String first = b.takeBatch();
        assertEquals(1000, first.getBytes(StandardCharsets.UTF_8).length, "10 whole items fit, the 11th waits");
        int total = first.length();
        String next;
        while ((next = b.takeBatch()) != null) {
            assertTrue(next.length() <= DebugLogBuffer.MAX_BATCH_BYTES);
            assertTrue(next.startsWith("$x") && next.endsWith("x$"));
            total += next.length();
        }
        assertEquals(3000, total);
    }

    @Test
    void shouldDropOldestWithNoteWhenMoreThan64KiBWait() {
        DebugLogBuffer b = new DebugLogBuffer();
        for (int i = 0; i < 1000; i++) {
            b.add(String.format("%04d", i) + "y".repeat(94));
        }
        assertTrue(b.bufferedBytes() <= DebugLogBuffer.MAX_BUFFERED_BYTES);
        String batch = b.takeBatch();
        assertTrue(batch.startsWith("$debug_log: 345 older messages dropped$$0345"), batch.substring(0, 60));
        assertTrue(batch.length() <= DebugLogBuffer.MAX_BATCH_BYTES);
    }

    @Test
    void shouldCutItemToFitBatchWhenItemIsHuge() {
        DebugLogBuffer b = new DebugLogBuffer();
        b.add("z".repeat(5000));
        String batch = b.takeBatch();
        assertEquals(DebugLogBuffer.MAX_BATCH_BYTES, batch.length());
    }
}
