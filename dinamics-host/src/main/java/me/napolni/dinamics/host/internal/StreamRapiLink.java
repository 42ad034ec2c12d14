package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.codec.RapiFrameDecoder;
import me.napolni.dinamics.rapi.codec.RapiFrameEncoder;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A RAPI link over a byte stream (a TCP socket or a serial device), with the {@code rapi-protocol} codec: one
 * request in flight, matched by order, notifications routed first (RAPI.md 6, gotchas 1 and 2).
 */
public final class StreamRapiLink implements RapiLink {

    private static final int QUEUE_CAPACITY = 64;

    private record Pending(String command, long timeoutMs, CompletableFuture<Reply> result) {
    }

    private final String name;
    private final InputStream in;
    private final OutputStream out;
    private final Closeable resource;
    private final Listener listener;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Object replyLock = new Object();
    private Reply reply;
    private volatile boolean open = true;
    private final Thread reader;
    private final Thread writer;

    /**
     * Opens a link over streams.
     *
     * @param name the port, for thread names and errors
     * @param in bytes from the controller
     * @param out bytes to the controller
     * @param resource closed with the link (the socket or device)
     * @param listener gets notifications and the loss of the link
     */
    public StreamRapiLink(String name, InputStream in, OutputStream out, Closeable resource, Listener listener) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.resource = resource;
        this.listener = listener;
        this.reader = new Thread(this::readLoop, "rapi-read-" + name);
        this.writer = new Thread(this::writeLoop, "rapi-write-" + name);
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    @Override
    public CompletableFuture<Reply> request(String command, long timeoutMs) {
        CompletableFuture<Reply> result = new CompletableFuture<>();
        if (!open) {
            result.completeExceptionally(new IOException(name + ": link closed"));
        } else if (!queue.offer(new Pending(command, timeoutMs, result))) {
            result.completeExceptionally(new IOException(name + ": request queue full"));
        }
        return result;
    }

    private void writeLoop() {
        byte[] frame = new byte[64];
        RapiFrameEncoder encoder = RapiFrameEncoder.forCommands();
        while (open) {
            Pending pending;
            try {
                pending = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (pending == null) {
                continue;
            }
            int length;
            try {
                String[] tokens = pending.command().split(" ");
                encoder.start(frame, 0, tokens[0]);
                for (int i = 1; i < tokens.length; i++) {
                    encoder.param(tokens[i]);
                }
                length = encoder.finish();
            } catch (IllegalArgumentException e) {
                pending.result().completeExceptionally(e);
                continue;
            }
            synchronized (replyLock) {
                reply = null;
            }
            try {
                out.write(frame, 0, length);
                out.flush();
            } catch (IOException e) {
                pending.result().completeExceptionally(e);
                lost("write failed: " + e.getMessage());
                break;
            }
            Reply got = awaitReply(pending.timeoutMs());
            if (got != null) {
                pending.result().complete(got);
            } else if (!open) {
                pending.result().completeExceptionally(new IOException(name + ": link closed"));
            } else {
                pending.result().completeExceptionally(new TimeoutException(
                        name + ": no reply to " + pending.command() + " within " + pending.timeoutMs() + " ms"));
            }
        }
        failQueued();
    }

    private Reply awaitReply(long timeoutMs) {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (replyLock) {
            while (reply == null && open) {
                long leftNs = deadlineNs - System.nanoTime();
                if (leftNs <= 0) {
                    return null;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(replyLock, leftNs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            Reply got = reply;
            reply = null;
            return got;
        }
    }

    private void readLoop() {
        RapiFrameDecoder decoder = RapiFrameDecoder.forReplies();
        byte[] buffer = new byte[256];
        try {
            int read;
            while (open && (read = in.read(buffer)) >= 0) {
                for (int i = 0; i < read; i++) {
                    if (decoder.onByte(buffer[i]) == RapiFrameDecoder.FRAME_READY) {
                        dispatch(decoder.frame());
                    }
                }
            }
            lost("end of stream");
        } catch (IOException e) {
            lost(e.getMessage());
        }
    }

    private void dispatch(RapiFrame frame) {
        String raw = frame.toString().replace("\r", "");
        List<String> fields = new ArrayList<>(frame.paramCount());
        for (int i = 0; i < frame.paramCount(); i++) {
            fields.add(frame.paramString(i));
        }
        if (frame.isNotification()) {
            listener.onNotification(frame.command(), fields, raw);
        } else if (frame.isReply()) {
            synchronized (replyLock) {
                reply = new Reply(frame.isOk(), fields, raw);
                replyLock.notifyAll();
            }
        }
    }

    private void lost(String reason) {
        if (open) {
            open = false;
            synchronized (replyLock) {
                replyLock.notifyAll();
            }
            closeResource();
            listener.onLinkLost(name + ": " + reason);
        }
    }

    private void failQueued() {
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.result().completeExceptionally(new IOException(name + ": link closed"));
        }
    }

    private void closeResource() {
        try {
            resource.close();
        } catch (IOException e) {
            // best effort
        }
    }

    @Override
    public boolean open() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            synchronized (replyLock) {
                replyLock.notifyAll();
            }
            closeResource();
            writer.interrupt();
            failQueued();
        }
    }

    /**
     * Returns the raw bytes of a text, for tests.
     *
     * @param text ASCII
     * @return bytes
     */
    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
