package me.napolni.dinamics.web.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The open live-event streams: bounded in number, fed by the sampler and the gateway's events. */
final class EventHub {

    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    private final int maxStreams;

    EventHub(int maxStreams) {
        this.maxStreams = maxStreams;
    }

    boolean isFull() {
        prune();
        return sinks.size() >= maxStreams;
    }

    /** Adds a stream and greets it with the current state; refuses (closes) it beyond the limit. */
    void attach(EventSink sink, List<String[]> greeting) {
        prune();
        if (sinks.size() >= maxStreams) {
            sink.close();
            return;
        }
        for (String[] event : greeting) {
            sink.send(event[0], event[1]);
        }
        sinks.add(sink);
    }

    void detach(EventSink sink) {
        sinks.remove(sink);
    }

    void broadcast(String event, String data) {
        for (EventSink sink : sinks) {
            if (sink.isOpen()) {
                sink.send(event, data);
            } else {
                sinks.remove(sink);
            }
        }
    }

    int size() {
        prune();
        return sinks.size();
    }

    void closeAll() {
        for (EventSink sink : sinks) {
            sink.close();
        }
        sinks.clear();
    }

    private void prune() {
        sinks.removeIf(sink -> !sink.isOpen());
    }
}
