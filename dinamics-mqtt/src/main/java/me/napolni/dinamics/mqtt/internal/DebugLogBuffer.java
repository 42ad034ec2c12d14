package me.napolni.dinamics.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Collects {@code debug_log} items between flushes (TOPICS.md section 5): a batch is at most 1024 bytes and never
 * splits an item; past 64 KiB waiting, the oldest items are dropped and a note says how many. Thread-safe: gateway
 * threads add, the bridge's worker takes.
 */
public final class DebugLogBuffer {

    /** Largest batch, bytes. */
    public static final int MAX_BATCH_BYTES = 1024;
    /** Most bytes kept waiting before the oldest items are dropped. */
    public static final int MAX_BUFFERED_BYTES = 64 * 1024;
    /** Largest single item; longer ones are cut so that one item always fits a batch. */
    static final int MAX_ITEM_BYTES = MAX_BATCH_BYTES - 2;

    private final ArrayDeque<String> items = new ArrayDeque<>();
    private int bufferedBytes;
    private long dropped;

    /**
     * Adds one message.
     *
     * @param message the text; {@code $} and {@code %} are escaped here
     */
    public synchronized void add(String message) {
        String item = "$" + cut(Formats.dollarEscape(message)) + "$";
        items.addLast(item);
        bufferedBytes += size(item);
        while (bufferedBytes > MAX_BUFFERED_BYTES && !items.isEmpty()) {
            bufferedBytes -= size(items.removeFirst());
            dropped++;
        }
    }

    private static String cut(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_ITEM_BYTES) {
            return text;
        }
        // cut on a character boundary
        int end = MAX_ITEM_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static int size(String item) {
        return item.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Takes the next batch.
     *
     * @return the payload {@code $msg1$$msg2$}, or null when nothing waits
     */
    public synchronized String takeBatch() {
        StringBuilder batch = new StringBuilder();
        int bytes = 0;
        if (dropped > 0) {
            String note = "$debug_log: " + dropped + " older messages dropped$";
            dropped = 0;
            batch.append(note);
            bytes += size(note);
        }
        while (!items.isEmpty()) {
            int next = size(items.peekFirst());
            if (bytes + next > MAX_BATCH_BYTES) {
                break;
            }
            String item = items.removeFirst();
            bufferedBytes -= next;
            batch.append(item);
            bytes += next;
        }
        return batch.length() == 0 ? null : batch.toString();
    }

    /** Forgets everything waiting (telemetry made while offline is dropped). */
    public synchronized void clear() {
        items.clear();
        bufferedBytes = 0;
        dropped = 0;
    }

    /**
     * Returns the bytes waiting.
     *
     * @return bytes
     */
    public synchronized int bufferedBytes() {
        return bufferedBytes;
    }
}
