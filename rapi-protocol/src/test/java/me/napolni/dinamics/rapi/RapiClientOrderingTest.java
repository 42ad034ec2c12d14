package me.napolni.dinamics.rapi;

import static me.napolni.dinamics.rapi.ScriptedController.frame;
import static me.napolni.dinamics.rapi.ScriptedController.id;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.transport.InMemoryTransport;

/** Queueing, priorities, late replies, controllers without ids and the bounded notification queue. */
class RapiClientOrderingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final InMemoryTransport.Pair pair = InMemoryTransport.pair();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private RapiClient client;

    @AfterEach
    void tearDown() throws Exception {
        release.countDown();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private ScriptedController scripted(Function<RapiFrame, List<String>> script) {
        ScriptedController controller = new ScriptedController(pair.controller(), 0, script);
        resources.add(controller);
        return controller;
    }

    private RapiClient connect(RapiClientOptions options) throws RapiException {
        client = RapiClient.connect(pair.client(), options);
        resources.add(0, client);
        return client;
    }

    private void awaitRelease() {
        try {
            assertTrue(release.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Thread caller(RapiRequest<?> request, AtomicReference<Object> outcome) {
        Thread thread = new Thread(() -> {
            try {
                outcome.set(client.send(request, 20_000));
            } catch (RapiException e) {
                outcome.set(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    void shouldLetHeartbeatPulseJumpTheQueueWhenCallersWait() throws Exception {
        AtomicInteger count = new AtomicInteger();
        ScriptedController controller = scripted(command -> {
            if (count.getAndIncrement() == 0) {
                awaitRelease();
            }
            return List.of(frame(command.isCommand("SY") ? "$OK 5 6 0" + id(command) : "$OK 6" + id(command)));
        });
        connect(RapiClientOptions.defaults());
        AtomicReference<Object> first = new AtomicReference<>();
        AtomicReference<Object> second = new AtomicReference<>();
        AtomicReference<Object> pulse = new AtomicReference<>();
        caller(RapiRequests.setCurrent(6, true), first);
        await().atMost(WAIT).until(() -> controller.commands() == 1);
        Thread secondThread = caller(RapiRequests.setCurrent(6, true), second);
        await().atMost(WAIT).until(() -> secondThread.getState() == Thread.State.WAITING);
        Thread pulseThread = caller(RapiRequests.heartbeatPulse(), pulse);
        await().atMost(WAIT).until(() -> pulseThread.getState() == Thread.State.WAITING);
        release.countDown();
        await().atMost(WAIT).until(() -> first.get() != null && second.get() != null && pulse.get() != null);
        List<String> seen = controller.seen();
        assertEquals(3, seen.size());
        assertTrue(seen.get(1).startsWith("$SY"), "the pulse goes ahead of the queued $SC: " + seen);
        assertInstanceOf(HeartbeatStatus.class, pulse.get());
        assertInstanceOf(SetCurrentResult.class, second.get());
    }

    @Test
    void shouldFailWithQueueFullWhenTooManyCallersWait() throws Exception {
        AtomicInteger count = new AtomicInteger();
        ScriptedController controller = scripted(command -> {
            if (count.getAndIncrement() == 0) {
                awaitRelease();
            }
            return List.of(frame("$OK 6" + id(command)));
        });
        connect(RapiClientOptions.defaults().withQueueCapacities(1, 8));
        AtomicReference<Object> first = new AtomicReference<>();
        AtomicReference<Object> second = new AtomicReference<>();
        caller(RapiRequests.setCurrent(6, true), first);
        await().atMost(WAIT).until(() -> controller.commands() == 1);
        Thread waiting = caller(RapiRequests.setCurrent(6, true), second);
        await().atMost(WAIT).until(() -> waiting.getState() == Thread.State.WAITING);
        RapiException full = assertThrows(RapiException.class, () -> client.send(RapiRequests.status()));
        assertEquals(RapiErrorReason.QUEUE_FULL, full.reason());
        release.countDown();
        await().atMost(WAIT).until(() -> second.get() != null);
        assertInstanceOf(SetCurrentResult.class, second.get());
    }

    @Test
    void shouldDropLateReplyOfTimedOutRequestAndMatchTheNextOne() throws Exception {
        AtomicReference<RapiFrame> withheld = new AtomicReference<>();
        scripted(command -> {
            if (withheld.get() == null) {
                withheld.set(command);
                return List.of();       // busy: the reply comes late
            }
            return List.of(frame("$OK fe 0 02 0500" + id(withheld.get())), frame("$OK 01 0 01 0200" + id(command)));
        });
        connect(RapiClientOptions.defaults());
        assertThrows(RapiTimeoutException.class, () -> client.send(RapiRequests.status(), 200));
        assertEquals(EvseState.NOT_CONNECTED, client.send(RapiRequests.status()).state(),
                "the late reply for the earlier request is not taken");
        assertEquals(1, client.stats().staleReplies());
    }

    @Test
    void shouldTakeNextReplyWhenSequenceIdsAreOff() throws Exception {
        ScriptedController controller = scripted(command -> List.of(frame("$OK 01 0 01 0200")));
        connect(RapiClientOptions.defaults().withSequenceIds(false));
        assertFalse(client.sequenceIdsEnabled());
        assertEquals(EvseState.NOT_CONNECTED, client.send(RapiRequests.status()).state());
        assertEquals(List.of("$GS^30"), controller.seen());
    }

    @Test
    void shouldTurnIdsOffWhenProbeReplyCarriesNoId() throws Exception {
        ScriptedController controller = scripted(command -> List.of(
                frame(command.isCommand("GV") ? "$OK 4.8.0 3.0.1" : "$OK 01 0 01 0200")));
        connect(RapiClientOptions.defaults());
        Versions versions = client.probeSequenceIds();
        assertEquals("4.8.0", versions.firmware());
        assertFalse(client.sequenceIdsEnabled(), "the old controller did not echo the id");
        client.send(RapiRequests.status());
        assertTrue(controller.seen().get(0).startsWith("$GV :"), "the probe carries an id");
        assertEquals("$GS^30", controller.seen().get(1), "later requests carry none");
    }

    @Test
    void shouldDropOldestNotificationWhenDeliveryQueueIsFull() throws Exception {
        AtomicInteger count = new AtomicInteger();
        scripted(command -> {
            List<String> out = new ArrayList<>();
            int round = count.getAndIncrement();
            int ats = round == 0 ? 1 : 4;
            for (int i = 0; i < ats; i++) {
                out.add(frame("$AT 03 03 " + (10 + round * 10 + i) + " 0540"));
            }
            out.add(frame("$OK 15920 240000" + id(command)));
            return out;
        });
        connect(RapiClientOptions.defaults().withQueueCapacities(16, 2));
        LinkedBlockingQueue<Integer> delivered = new LinkedBlockingQueue<>();
        CountDownLatch listenerEntered = new CountDownLatch(1);
        client.addListener(n -> {
            delivered.add(((StateTransition) n).capacityAmps());
            listenerEntered.countDown();
            awaitRelease();
        });
        client.send(RapiRequests.chargingReading());
        assertTrue(listenerEntered.await(10, TimeUnit.SECONDS));
        client.send(RapiRequests.chargingReading());
        await().atMost(WAIT).until(() -> client.stats().notifications() == 5);
        release.countDown();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            order.add(delivered.poll(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(10, 22, 23), order, "the oldest undelivered were dropped, order kept");
        assertEquals(2, client.stats().droppedNotifications());
    }
}
