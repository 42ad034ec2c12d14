package me.napolni.dinamics.web.internal;

/** One open live-event stream; the server adapter implements it over its own connection type. */
interface EventSink {

    /**
     * Queues one event; never blocks.
     *
     * @param event the event name
     * @param data one line of JSON
     */
    void send(String event, String data);

    boolean isOpen();

    void close();
}
