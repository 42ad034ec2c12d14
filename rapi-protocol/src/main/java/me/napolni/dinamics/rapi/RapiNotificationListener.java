package me.napolni.dinamics.rapi;

/**
 * Receives the controller's asynchronous notifications ({@code $AT}, {@code $AB}, {@code $AN}, {@code $WF},
 * legacy {@code $ST}) from a {@link RapiClient}, in arrival order, on the client's one delivery thread (never on
 * the thread that reads the link, so a slow listener cannot delay replies).
 * <pre>{@code
 * client.addListener(n -> {
 *     if (n instanceof BootNotification) { reapplyVolatileSettings(); }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface RapiNotificationListener {
    /**
     * Called once per notification. An exception thrown here is logged and does not stop delivery.
     *
     * @param notification the parsed notification, holding its own copy of the frame
     */
    void onNotification(RapiNotification notification);
}
