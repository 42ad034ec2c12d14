package me.napolni.dinamics.rapi.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import me.napolni.dinamics.rapi.RapiClient;
import me.napolni.dinamics.rapi.RapiClientOptions;
import me.napolni.dinamics.rapi.RapiClientStats;
import me.napolni.dinamics.rapi.RapiErrorReason;
import me.napolni.dinamics.rapi.RapiException;
import me.napolni.dinamics.rapi.RapiNotification;
import me.napolni.dinamics.rapi.RapiNotificationListener;
import me.napolni.dinamics.rapi.RapiRequest;
import me.napolni.dinamics.rapi.RapiRequests;
import me.napolni.dinamics.rapi.RapiTimeoutException;
import me.napolni.dinamics.rapi.Versions;
import me.napolni.dinamics.rapi.codec.RapiDecodeStats;
import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.codec.RapiFrameDecoder;
import me.napolni.dinamics.rapi.codec.RapiFrameEncoder;
import me.napolni.dinamics.rapi.codec.RapiSequenceIds;
import me.napolni.dinamics.rapi.transport.RapiTransport;

/**
 * The RapiClient: callers take turns (one request in flight), a reader thread decodes the link and completes the
 * pending request or queues notifications, and a delivery thread hands notifications to listeners. One lock
 * guards the turn, the pending request and the link state; the notification queue has its own monitor so that a
 * slow listener never holds up the reader.
 */
public final class DefaultRapiClient implements RapiClient {
    private static final System.Logger LOG = System.getLogger(RapiClient.class.getName());
    private static final int READ_BUFFER_BYTES = 256;
    private static final int WRITE_BUFFER_BYTES = 64;
    private static final long THREAD_JOIN_MS = 2_000;
    private static final int MAX_REOPEN_BACKOFF_SHIFT = 5;

    private final RapiTransport transport;
    private final RapiClientOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Ticket> highPriorityQueue = new ArrayDeque<>();
    private final ArrayDeque<Ticket> normalQueue = new ArrayDeque<>();
    private final RapiFrameDecoder decoder = RapiFrameDecoder.forReplies();
    private final RapiDecodeStats decodeStats = new RapiDecodeStats();
    private final RapiFrameEncoder encoder = RapiFrameEncoder.forCommands();
    private final byte[] writeBuffer = new byte[WRITE_BUFFER_BYTES];
    private final byte[] readBuffer = new byte[READ_BUFFER_BYTES];
    private final RapiSequenceIds ids = RapiSequenceIds.startingAt(ThreadLocalRandom.current().nextInt());
    private final CopyOnWriteArrayList<RapiNotificationListener> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<RapiNotification> notifications = new ArrayDeque<>();
    private final Object reopenLock = new Object();
    private final Thread reader;
    private final Thread dispatcher;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong staleReplies = new AtomicLong();
    private final AtomicLong droppedFrames = new AtomicLong();
    private final AtomicLong notificationCount = new AtomicLong();
    private final AtomicLong droppedNotifications = new AtomicLong();
    private final AtomicLong reopens = new AtomicLong();

    private volatile boolean useIds;
    // guarded by lock
    private boolean closed;
    private boolean linkUp;
    private long linkGeneration;
    private boolean busy;
    private Pending pending;
    // guarded by the notifications monitor
    private boolean dispatcherStopped;

    /** A caller waiting for its turn. */
    private static final class Ticket {
    }

    /** The request in flight and its outcome. */
    private static final class Pending {
        final RapiRequest<?> request;
        final int seqId;
        final boolean probe;
        boolean done;
        boolean idEchoed;
        Object result;
        RapiException failure;

        Pending(RapiRequest<?> request, int seqId, boolean probe) {
            this.request = request;
            this.seqId = seqId;
            this.probe = probe;
        }
    }

    private DefaultRapiClient(RapiTransport transport, RapiClientOptions options) {
        this.transport = transport;
        this.options = options;
        this.useIds = options.sequenceIds();
        this.reader = new Thread(this::readLoop, "rapi-reader " + transport.describe());
        this.dispatcher = new Thread(this::dispatchLoop, "rapi-notifications " + transport.describe());
        reader.setDaemon(true);
        dispatcher.setDaemon(true);
    }

    /**
     * Opens the transport if needed and starts the threads.
     *
     * @param transport the link
     * @param options   the settings
     * @return the client
     * @throws RapiException PORT_UNAVAILABLE if the transport cannot be opened
     */
    public static DefaultRapiClient connect(RapiTransport transport, RapiClientOptions options)
            throws RapiException {
        boolean up = transport.isOpen();
        if (!up) {
            try {
                transport.open();
                up = true;
            } catch (RapiException e) {
                if (!options.autoReopen()) {
                    throw e;
                }
                LOG.log(Level.WARNING, "RAPI link {0} not available yet, retrying: {1}", transport.describe(),
                        e.getMessage());
            }
        }
        DefaultRapiClient client = new DefaultRapiClient(transport, options);
        client.linkUp = up;
        client.reader.start();
        client.dispatcher.start();
        return client;
    }

    @Override
    public <R> R send(RapiRequest<R> request) throws RapiException {
        long timeoutMs = request.expectsReply() ? options.requestTimeoutMs() : options.bootTimeoutMs();
        return send(request, timeoutMs);
    }

    @Override
    public <R> R send(RapiRequest<R> request, long timeoutMs) throws RapiException {
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 ms: " + timeoutMs);
        }
        return exchange(request, timeoutMs, false).result;
    }

    @Override
    public Versions probeSequenceIds() throws RapiException {
        Outcome<Versions> outcome = exchange(RapiRequests.versions(), options.requestTimeoutMs(), true);
        useIds = outcome.idEchoed;
        LOG.log(Level.INFO, "RAPI controller on {0}: firmware {1}, RAPI {2}, sequence ids {3}",
                transport.describe(), outcome.result.firmware(), outcome.result.rapi(), useIds ? "on" : "off");
        return outcome.result;
    }

    @Override
    public boolean sequenceIdsEnabled() {
        return useIds;
    }

    /** A completed exchange: the result and whether the reply echoed the id. */
    private static final class Outcome<R> {
        final R result;
        final boolean idEchoed;

        Outcome(R result, boolean idEchoed) {
            this.result = result;
            this.idEchoed = idEchoed;
        }
    }

    private <R> Outcome<R> exchange(RapiRequest<R> request, long timeoutMs, boolean probe) throws RapiException {
        try {
            return exchangeCounted(request, timeoutMs, probe);
        } catch (RapiTimeoutException e) {
            timeouts.incrementAndGet();
            throw e;
        } catch (RapiException e) {
            if (e.reason() == RapiErrorReason.BOOT_TIMEOUT) {
                timeouts.incrementAndGet();
            } else {
                errors.incrementAndGet();
            }
            throw e;
        }
    }

    private <R> Outcome<R> exchangeCounted(RapiRequest<R> request, long timeoutMs, boolean probe)
            throws RapiException {
        awaitTurn(request);
        try {
            int seqId = probe || useIds ? ids.next() : RapiFrame.NO_SEQ;
            int length = request.encode(encoder, writeBuffer, 0, seqId);
            Pending p = new Pending(request, seqId, probe);
            long generation;
            lock.lock();
            try {
                checkUsable();
                pending = p;
                generation = linkGeneration;
            } finally {
                lock.unlock();
            }
            write(length, generation);
            requests.incrementAndGet();
            return awaitCompletion(p, request, timeoutMs);
        } finally {
            lock.lock();
            try {
                pending = null;
                busy = false;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void awaitTurn(RapiRequest<?> request) throws RapiException {
        lock.lock();
        try {
            checkUsable();
            if (highPriorityQueue.size() + normalQueue.size() >= options.requestQueueCapacity()) {
                throw new RapiException(RapiErrorReason.QUEUE_FULL, request + ": "
                        + options.requestQueueCapacity() + " requests already waiting");
            }
            Ticket ticket = new Ticket();
            ArrayDeque<Ticket> queue = request.highPriority() ? highPriorityQueue : normalQueue;
            queue.addLast(ticket);
            try {
                while (busy || nextTicket() != ticket) {
                    changed.await();
                    checkUsable();
                }
                busy = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RapiException(RapiErrorReason.INTERRUPTED, request + " interrupted while queued", e);
            } finally {
                queue.remove(ticket);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private Ticket nextTicket() {
        Ticket high = highPriorityQueue.peekFirst();
        return high != null ? high : normalQueue.peekFirst();
    }

    /** Throws CLOSED or PORT_UNAVAILABLE when no request can be sent; call with the lock held. */
    private void checkUsable() throws RapiException {
        if (closed) {
            throw new RapiException(RapiErrorReason.CLOSED, "RAPI client on " + transport.describe() + " is closed");
        }
        if (!linkUp) {
            throw new RapiException(RapiErrorReason.PORT_UNAVAILABLE, transport.describe() + " is not connected");
        }
    }

    private void write(int length, long generation) throws RapiException {
        try {
            transport.write(writeBuffer, 0, length);
        } catch (RapiException e) {
            lock.lock();
            try {
                if (closed) {
                    throw new RapiException(RapiErrorReason.CLOSED, "RAPI client closed", e);
                }
                if (generation == linkGeneration) {
                    linkFailed(e);
                }
            } finally {
                lock.unlock();
            }
            throw new RapiException(RapiErrorReason.PORT_UNAVAILABLE, "write to " + transport.describe()
                    + " failed", e);
        }
    }

    private <R> Outcome<R> awaitCompletion(Pending p, RapiRequest<R> request, long timeoutMs) throws RapiException {
        long remainingNs = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            while (!p.done) {
                if (remainingNs <= 0) {
                    p.done = true;
                    if (!request.expectsReply()) {
                        throw new RapiException(RapiErrorReason.BOOT_TIMEOUT, request + ": no $AB within "
                                + timeoutMs + " ms");
                    }
                    throw new RapiTimeoutException(request.toString(), timeoutMs);
                }
                remainingNs = changed.awaitNanos(remainingNs);
            }
        } catch (InterruptedException e) {
            p.done = true;
            Thread.currentThread().interrupt();
            throw new RapiException(RapiErrorReason.INTERRUPTED, request + " interrupted", e);
        } finally {
            lock.unlock();
        }
        if (p.failure != null) {
            throw p.failure;
        }
        @SuppressWarnings("unchecked")    // the result came from this request's own parse
        R result = (R) p.result;
        return new Outcome<>(result, p.idEchoed);
    }

    // ---- reader thread ----

    private void readLoop() {
        long decodedGeneration = -1;
        int failedReopens = 0;
        while (true) {
            long generation;
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                if (!linkUp) {
                    if (!options.autoReopen()) {
                        changed.await();
                        continue;
                    }
                    changed.await(reopenDelayMs(failedReopens), TimeUnit.MILLISECONDS);
                    if (closed || linkUp) {
                        continue;
                    }
                    lock.unlock();
                    try {
                        failedReopens = tryAutoReopen() ? 0 : failedReopens + 1;
                    } finally {
                        lock.lock();
                    }
                    continue;
                }
                failedReopens = 0;
                generation = linkGeneration;
            } catch (InterruptedException e) {
                continue;      // close() decides when this thread ends
            } finally {
                lock.unlock();
            }
            if (generation != decodedGeneration) {
                decoder.reset();          // a partial frame from before a reopen is dropped
                decodedGeneration = generation;
            }
            try {
                readOnce(generation);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "RAPI reader on " + transport.describe() + " survived an unexpected error", e);
            }
        }
    }

    /** Back-off between automatic reopen attempts: the configured interval, doubling up to 32 times it. */
    private long reopenDelayMs(int failedAttempts) {
        return options.reopenIntervalMs() << Math.min(failedAttempts, MAX_REOPEN_BACKOFF_SHIFT);
    }

    private boolean tryAutoReopen() {
        try {
            reopen();
            LOG.log(Level.INFO, "RAPI link {0} reopened", transport.describe());
            return true;
        } catch (RapiException e) {
            LOG.log(Level.DEBUG, "RAPI link {0} still unavailable: {1}", transport.describe(), e.getMessage());
            return false;
        }
    }

    private void readOnce(long generation) {
        int n;
        try {
            n = transport.read(readBuffer, 0, readBuffer.length, options.readPollMs());
        } catch (RapiException e) {
            lock.lock();
            try {
                if (!closed && generation == linkGeneration) {
                    linkFailed(e);
                }
            } finally {
                lock.unlock();
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int status = decoder.onByte(readBuffer[i]);
            decodeStats.record(status, decoder.lastError());
            if (status == RapiFrameDecoder.FRAME_READY) {
                try {
                    onFrame(decoder.frame());
                } catch (RuntimeException e) {
                    droppedFrames.incrementAndGet();
                    LOG.log(Level.WARNING, "RAPI frame could not be handled; skipped", e);
                }
            } else if (status == RapiFrameDecoder.MALFORMED && LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "RAPI input from {0} skipped: {1}", transport.describe(),
                        decoder.lastError().reasonWord());    // counted in decodeStats either way
            }
        }
    }

    private void onFrame(RapiFrame frame) {
        if (frame.isNotification()) {
            onNotificationFrame(frame);
        } else if (frame.isReply()) {
            onReply(frame);
        } else {
            lock.lock();
            try {
                Pending p = pending;
                if (p != null && !p.done && p.request.isEcho(frame)) {
                    LOG.log(Level.DEBUG, "RAPI echo of our own {0} ignored", frame);
                    return;
                }
            } finally {
                lock.unlock();
            }
            droppedFrames.incrementAndGet();
            LOG.log(Level.INFO, "RAPI frame neither reply nor notification ignored: {0}", frame);
        }
    }

    private void onNotificationFrame(RapiFrame frame) {
        RapiNotification notification;
        try {
            notification = RapiNotification.parse(frame);
        } catch (RapiException e) {
            droppedFrames.incrementAndGet();
            LOG.log(Level.INFO, "RAPI notification skipped: {0}", e.getMessage());
            return;
        }
        notificationCount.incrementAndGet();
        if (frame.isCommand('A', 'B')) {
            LOG.log(Level.INFO, "RAPI controller on {0} restarted: {1}", transport.describe(), frame);
            lock.lock();
            try {
                Pending p = pending;
                if (p != null && !p.done && !p.request.expectsReply()) {
                    complete(p, frame);      // $FR ends with the controller's boot announcement
                }
            } finally {
                lock.unlock();
            }
        }
        synchronized (notifications) {
            if (notifications.size() >= options.notificationQueueCapacity()) {
                notifications.pollFirst();
                droppedNotifications.incrementAndGet();
            }
            notifications.addLast(notification);
            notifications.notifyAll();
        }
    }

    private void onReply(RapiFrame frame) {
        lock.lock();
        try {
            Pending p = pending;
            if (p == null || p.done || !p.request.expectsReply()) {
                dropStale(frame, "no request is waiting");
                return;
            }
            if (p.seqId == RapiFrame.NO_SEQ || frame.seqId() == p.seqId) {
                p.idEchoed = frame.seqId() == p.seqId && p.seqId != RapiFrame.NO_SEQ;
                complete(p, frame);
            } else if (!frame.hasSeqId()) {
                if (p.probe) {
                    complete(p, frame);      // a controller without ids answers the probe without one
                } else if (frame.isNk() && frame.paramCount() == 0) {
                    p.failure = new RapiException(RapiErrorReason.CORRUPTED_REQUEST, p.request
                            + " answered by a bare $NK without id: the controller saw a corrupted request");
                    finish(p);
                } else {
                    dropStale(frame, "no id while " + p.seqId + " was pending");
                }
            } else {
                dropStale(frame, "id " + frame.seqId() + " while " + p.seqId + " was pending");
            }
        } finally {
            lock.unlock();
        }
    }

    private void dropStale(RapiFrame frame, String why) {
        staleReplies.incrementAndGet();
        droppedFrames.incrementAndGet();
        LOG.log(Level.INFO, "RAPI reply {0} dropped: {1}", frame, why);
    }

    /** Parses the reply into the pending request's outcome; call with the lock held. */
    private void complete(Pending p, RapiFrame frame) {
        try {
            p.result = p.request.parse(frame);
        } catch (RapiException e) {
            p.failure = e;
        } catch (RuntimeException e) {
            p.failure = new RapiException(RapiErrorReason.MALFORMED_REPLY, p.request + " reply " + frame
                    + " could not be parsed", e);
        }
        replies.incrementAndGet();
        finish(p);
    }

    private void finish(Pending p) {
        p.done = true;
        changed.signalAll();
    }

    /** Marks the link down and fails the request in flight; call with the lock held. */
    private void linkFailed(RapiException cause) {
        if (!linkUp) {
            return;
        }
        linkUp = false;
        LOG.log(Level.WARNING, "RAPI link {0} lost: {1}", transport.describe(), cause.getMessage());
        failPending(RapiErrorReason.PORT_UNAVAILABLE, "link " + transport.describe() + " lost", cause);
        changed.signalAll();
    }

    private void failPending(RapiErrorReason reason, String why, Throwable cause) {
        Pending p = pending;
        if (p != null && !p.done) {
            p.failure = new RapiException(reason, p.request + ": " + why, cause);
            finish(p);
        }
    }

    // ---- delivery thread ----

    private void dispatchLoop() {
        while (true) {
            RapiNotification next;
            synchronized (notifications) {
                while (notifications.isEmpty() && !dispatcherStopped) {
                    try {
                        notifications.wait();
                    } catch (InterruptedException e) {
                        // close() sets dispatcherStopped; keep checking
                    }
                }
                if (notifications.isEmpty()) {
                    return;             // stopped, and everything received before close() was delivered
                }
                next = notifications.pollFirst();
            }
            for (RapiNotificationListener listener : listeners) {
                try {
                    listener.onNotification(next);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "RAPI notification listener failed on " + next.raw(), e);
                }
            }
        }
    }

    // ---- lifecycle ----

    @Override
    public void addListener(RapiNotificationListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(RapiNotificationListener listener) {
        listeners.remove(listener);
    }

    @Override
    public boolean isConnected() {
        lock.lock();
        try {
            return linkUp && !closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void reopen() throws RapiException {
        synchronized (reopenLock) {
            lock.lock();
            try {
                checkNotClosed();
                linkGeneration++;
                if (linkUp) {
                    linkUp = false;
                    failPending(RapiErrorReason.PORT_UNAVAILABLE, "link " + transport.describe() + " reopened",
                            null);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            transport.close();
            transport.open();
            lock.lock();
            try {
                if (closed) {
                    transport.close();
                    checkNotClosed();
                }
                linkGeneration++;
                linkUp = true;
                reopens.incrementAndGet();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void checkNotClosed() throws RapiException {
        if (closed) {
            throw new RapiException(RapiErrorReason.CLOSED, "RAPI client on " + transport.describe() + " is closed");
        }
    }

    @Override
    public RapiClientStats stats() {
        return new RapiClientStats(requests.get(), replies.get(), timeouts.get(), errors.get(), staleReplies.get(),
                droppedFrames.get(), decodeStats.errors(), notificationCount.get(), droppedNotifications.get(),
                reopens.get());
    }

    @Override
    public RapiDecodeStats decodeStats() {
        return decodeStats;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            failPending(RapiErrorReason.CLOSED, "client closed", null);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        transport.close();
        synchronized (notifications) {
            dispatcherStopped = true;
            notifications.notifyAll();
        }
        join(reader);
        join(dispatcher);
    }

    private static void join(Thread thread) {
        if (thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(THREAD_JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "RapiClient on " + transport.describe();
    }
}
