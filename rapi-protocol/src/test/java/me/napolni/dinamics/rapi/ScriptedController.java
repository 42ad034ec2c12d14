package me.napolni.dinamics.rapi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.codec.RapiFrameDecoder;
import me.napolni.dinamics.rapi.transport.InMemoryTransport;

/**
 * A hand-scripted controller for client tests: decodes each command and writes what the script returns for it.
 * It also counts commands that arrive while it has not answered the previous one yet (overlap on the wire).
 */
final class ScriptedController implements AutoCloseable {
    private final InMemoryTransport end;
    private final Function<RapiFrame, List<String>> script;
    private final Thread thread;
    private final AtomicInteger commands = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final long lookAheadMs;
    private volatile boolean stopped;

    ScriptedController(InMemoryTransport end, long lookAheadMs, Function<RapiFrame, List<String>> script) {
        this.end = end;
        this.script = script;
        this.lookAheadMs = lookAheadMs;
        end.open();
        thread = new Thread(this::run, "scripted-controller");
        thread.setDaemon(true);
        thread.start();
    }

    /** Frame text plus its XOR checksum and CR. */
    static String frame(String body) {
        int x = 0;
        for (int i = 0; i < body.length(); i++) {
            x ^= body.charAt(i);
        }
        return body + String.format("^%02X\r", x);
    }

    /** The id suffix " :XX" that echoes a command's id. */
    static String id(RapiFrame command) {
        return String.format(" :%02X", command.seqId());
    }

    private void run() {
        RapiFrameDecoder decoder = RapiFrameDecoder.forCommands();
        byte[] buffer = new byte[64];
        try {
            while (!stopped) {
                int n = end.read(buffer, 0, buffer.length, 50);
                for (int i = 0; i < n; i++) {
                    if (decoder.onByte(buffer[i]) != RapiFrameDecoder.FRAME_READY) {
                        continue;
                    }
                    RapiFrame command = decoder.frame().copy();
                    commands.incrementAndGet();
                    seen.add(command.toString());
                    if (i + 1 < n || (lookAheadMs > 0 && end.read(buffer, 0, buffer.length, lookAheadMs) > 0)) {
                        overlaps.incrementAndGet();    // another command before our reply: not serialised
                    }
                    for (String out : script.apply(command)) {
                        byte[] bytes = out.getBytes(StandardCharsets.ISO_8859_1);
                        end.write(bytes, 0, bytes.length);
                    }
                }
            }
        } catch (RapiException e) {
            // link closed: the test is over
        }
    }

    int commands() {
        return commands.get();
    }

    /** The commands received, as frame text with id and checksum. */
    List<String> seen() {
        return List.copyOf(seen);
    }

    int overlaps() {
        return overlaps.get();
    }

    @Override
    public void close() {
        stopped = true;
        end.close();
    }
}
