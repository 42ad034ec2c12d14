package me.napolni.dinamics.rapi.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import me.napolni.dinamics.rapi.RapiException;
import me.napolni.dinamics.rapi.transport.InMemoryTransport;

/** Talks raw bytes to an emulator through the client end of an in-memory pair, frame text in and out. */
final class RawLine {
    private final InMemoryTransport end;
    private final StringBuilder partial = new StringBuilder();
    private final List<String> frames = new ArrayList<>();

    RawLine(InMemoryTransport end) {
        this.end = end;
    }

    /** A line to the emulator: an in-memory pair, the emulator on the controller end, this on the open client end. */
    static RawLine attachedTo(EvseEmulator emulator) throws RapiException {
        InMemoryTransport.Pair pair = InMemoryTransport.pair();
        pair.client().open();
        emulator.attach(pair.controller());
        return new RawLine(pair.client());
    }

    void write(String text) throws RapiException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        end.write(bytes, 0, bytes.length);
    }

    /** The next CR-terminated frame (without CR and LF), or null if none arrives within the wait. */
    String next(long waitMs) throws RapiException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        byte[] buffer = new byte[64];
        while (frames.isEmpty()) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMs <= 0) {
                return null;
            }
            int n = end.read(buffer, 0, buffer.length, leftMs);
            for (int i = 0; i < n; i++) {
                char c = (char) (buffer[i] & 0xFF);
                if (c == '\r') {
                    frames.add(partial.toString());
                    partial.setLength(0);
                } else if (c != '\n') {
                    partial.append(c);
                }
            }
        }
        return frames.remove(0);
    }

    String next() throws RapiException {
        return next(5_000);
    }
}
