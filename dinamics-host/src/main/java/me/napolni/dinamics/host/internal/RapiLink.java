package me.napolni.dinamics.host.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One open RAPI connection to a controller, as the charger port uses it: one request in flight, a reply or a
 * failure for each, notifications on the side.
 */
public interface RapiLink extends AutoCloseable {

    /**
     * A reply frame.
     *
     * @param ok true for {@code $OK}, false for {@code $NK}
     * @param fields the reply's fields after OK/NK
     * @param raw the frame as received, checksum and id included, without CR
     */
    record Reply(boolean ok, List<String> fields, String raw) {
        /**
         * Copies the list.
         *
         * @param ok true for OK
         * @param fields the fields
         * @param raw the raw frame
         */
        public Reply {
            fields = List.copyOf(fields);
        }

        /**
         * Reads a decimal field.
         *
         * @param index the field
         * @param fallback the value when absent or not a number
         * @return the value
         */
        public long decimal(int index, long fallback) {
            if (index >= fields.size()) {
                return fallback;
            }
            try {
                return Long.parseLong(fields.get(index));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        /**
         * Reads a hex field.
         *
         * @param index the field
         * @param fallback the value when absent or not hex
         * @return the value
         */
        public long hex(int index, long fallback) {
            if (index >= fields.size()) {
                return fallback;
            }
            try {
                return Long.parseLong(fields.get(index), 16);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }

    /** Receives notifications ({@code $AT}, {@code $AB}, ...) and the loss of the link. */
    interface Listener {
        /**
         * A notification arrived.
         *
         * @param command e.g. {@code AT}
         * @param fields its fields
         * @param raw the frame as received
         */
        void onNotification(String command, List<String> fields, String raw);

        /**
         * The link broke (port vanished, socket closed); every later request fails.
         *
         * @param reason why
         */
        void onLinkLost(String reason);
    }

    /**
     * Sends a command.
     *
     * @param command the command without {@code $}, checksum or id, e.g. {@code SC 16 V}
     * @param timeoutMs how long to wait for the reply
     * @return the reply; fails with {@link java.util.concurrent.TimeoutException} when none came, or with an
     *     {@link java.io.IOException} when the link is gone
     */
    CompletableFuture<Reply> request(String command, long timeoutMs);

    /**
     * Tells whether the link is still usable.
     *
     * @return false once it broke or was closed
     */
    boolean open();

    @Override
    void close();
}
