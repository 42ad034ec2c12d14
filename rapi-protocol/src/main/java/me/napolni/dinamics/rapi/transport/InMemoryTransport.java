package me.napolni.dinamics.rapi.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import me.napolni.dinamics.rapi.RapiErrorReason;
import me.napolni.dinamics.rapi.RapiException;

/**
 * One end of an in-memory link, for tests: what one end writes, the other reads. Each end has a bounded inbound
 * buffer (bytes beyond it are lost, as on a serial line) and test hooks to break the link on purpose.
 * <pre>{@code
 * InMemoryTransport.Pair pair = InMemoryTransport.pair();
 * EvseEmulator emulator = EvseEmulator.create(pair.controller());
 * RapiClient client = RapiClient.connect(pair.client(), RapiClientOptions.defaults());
 * pair.controller().silent(true);         // the controller stops answering: requests time out
 * pair.client().inject(noise);            // bytes arrive at the client as if the controller sent them
 * pair.unplug();                          // both ends fail with PORT_UNAVAILABLE until opened again
 * }</pre>
 */
public final class InMemoryTransport implements RapiTransport {
    /** Bytes an end buffers before further bytes are lost. */
    public static final int INBOUND_CAPACITY_BYTES = 8192;

    private final String name;
    private final ReentrantLock lock;
    private final Condition changed;
    private final byte[] inbound = new byte[INBOUND_CAPACITY_BYTES];
    private InMemoryTransport peer;
    private int head;
    private int size;
    private boolean open;
    private boolean failed;
    private boolean silent;
    private long lostBytes;

    private InMemoryTransport(String name, ReentrantLock lock) {
        this.name = name;
        this.lock = lock;
        this.changed = lock.newCondition();
    }

    /**
     * Two connected ends, both closed until opened.
     *
     * @return the pair
     */
    public static Pair pair() {
        ReentrantLock lock = new ReentrantLock();
        InMemoryTransport client = new InMemoryTransport("in-memory client end", lock);
        InMemoryTransport controller = new InMemoryTransport("in-memory controller end", lock);
        client.peer = controller;
        controller.peer = client;
        return new Pair(client, controller);
    }

    /**
     * Two connected ends of an in-memory link.
     *
     * @param client     the end a client (RapiClient) uses
     * @param controller the end a controller (EvseEmulator) uses
     */
    public record Pair(InMemoryTransport client, InMemoryTransport controller) {
        /** Pulls the cable: both ends fail with PORT_UNAVAILABLE until each is opened again. */
        public void unplug() {
            client.fail();
            controller.fail();
        }
    }

    @Override
    public void open() {
        lock.lock();
        try {
            open = true;
            failed = false;
            head = 0;
            size = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMs) throws RapiException {
        long remainingNs = TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeoutMs));
        lock.lock();
        try {
            while (true) {
                checkUsable();
                if (size > 0) {
                    int n = Math.min(length, size);
                    for (int i = 0; i < n; i++) {
                        buffer[offset + i] = inbound[(head + i) % inbound.length];
                    }
                    head = (head + n) % inbound.length;
                    size -= n;
                    return n;
                }
                if (remainingNs <= 0) {
                    return NO_BYTES;
                }
                remainingNs = changed.awaitNanos(remainingNs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RapiException(RapiErrorReason.INTERRUPTED, "read from " + name + " interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws RapiException {
        lock.lock();
        try {
            checkUsable();
            if (!silent && peer.open) {
                peer.deliver(buffer, offset, length);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivers bytes to this end as if the peer had written them (line noise, forged replies), whatever the
     * peer's state.
     *
     * @param bytes the bytes to receive
     */
    public void inject(byte[] bytes) {
        lock.lock();
        try {
            deliver(bytes, 0, bytes.length);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes this end go silent (its writes vanish, as if its transmit wire were cut) or speak again.
     *
     * @param on true to drop everything this end writes from now on
     */
    public void silent(boolean on) {
        lock.lock();
        try {
            silent = on;
        } finally {
            lock.unlock();
        }
    }

    /** Breaks this end: reads (including a blocked one) and writes fail with PORT_UNAVAILABLE until opened. */
    public void fail() {
        lock.lock();
        try {
            failed = true;
            open = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Bytes lost because this end's inbound buffer was full.
     *
     * @return the count since creation
     */
    public long lostBytes() {
        lock.lock();
        try {
            return lostBytes;
        } finally {
            lock.unlock();
        }
    }

    private void deliver(byte[] bytes, int offset, int length) {
        for (int i = 0; i < length; i++) {
            if (size == inbound.length) {
                lostBytes += length - i;
                break;
            }
            inbound[(head + size) % inbound.length] = bytes[offset + i];
            size++;
        }
        changed.signalAll();
    }

    private void checkUsable() throws RapiException {
        if (failed) {
            throw new RapiException(RapiErrorReason.PORT_UNAVAILABLE, name + " failed");
        }
        if (!open) {
            throw new RapiException(RapiErrorReason.CLOSED, name + " is closed");
        }
    }

    @Override
    public boolean isOpen() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            open = false;
            failed = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
