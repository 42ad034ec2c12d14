package me.napolni.dinamics.rapi;

import static me.napolni.dinamics.rapi.ScriptedController.frame;
import static me.napolni.dinamics.rapi.ScriptedController.id;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import me.napolni.dinamics.rapi.codec.RapiDecodeError;
import me.napolni.dinamics.rapi.codec.RapiDecodeStats;
import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.emulator.EmulatorConfig;
import me.napolni.dinamics.rapi.emulator.EvseEmulator;
import me.napolni.dinamics.rapi.transport.InMemoryTransport;

class RapiClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long SHORT_TIMEOUT_MS = 200;
    /** Generous reply timeout: the machine running the tests may be busy. */
    private static final RapiClientOptions OPTIONS = RapiClientOptions.defaults().withRequestTimeoutMs(5_000);

    private final AtomicLong nowNs = new AtomicLong(5_000_000_000L);
    private final InMemoryTransport.Pair pair = InMemoryTransport.pair();
    private final LinkedBlockingQueue<RapiNotification> notifications = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private EvseEmulator emulator;
    private RapiClient client;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private RapiClient connectToEmulator(EmulatorConfig config, RapiClientOptions options) throws RapiException {
        emulator = EvseEmulator.create(config.withClock(nowNs::get));
        resources.add(emulator);
        emulator.attach(pair.controller());
        return connect(options);
    }

    private RapiClient connectToEmulator() throws RapiException {
        return connectToEmulator(EmulatorConfig.defaults(), OPTIONS);
    }

    private RapiClient connect(RapiClientOptions options) throws RapiException {
        client = RapiClient.connect(pair.client(), options);
        resources.add(0, client);
        client.addListener(notifications::add);
        return client;
    }

    private ScriptedController scripted(long lookAheadMs, Function<RapiFrame, List<String>> script) {
        ScriptedController controller = new ScriptedController(pair.controller(), lookAheadMs, script);
        resources.add(controller);
        return controller;
    }

    private RapiNotification nextNotification() throws InterruptedException {
        RapiNotification n = notifications.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(n != null, "no notification arrived");
        return n;
    }

    @Test
    void shouldRoundTripEveryTypedCommandWhenTalkingToEmulator() throws Exception {
        connectToEmulator();
        Versions versions = client.probeSequenceIds();
        assertEquals(EmulatorConfig.DEFAULT_FIRMWARE, versions.firmware());
        assertEquals(EmulatorConfig.DEFAULT_RAPI_VERSION, versions.rapi());
        assertTrue(client.sequenceIdsEnabled(), "the emulator echoes ids");

        EvseStatus status = client.send(RapiRequests.status());
        assertEquals(EvseState.NOT_CONNECTED, status.state());
        assertEquals(0x0200, status.vflagsWord());
        CurrentCapacity capacity = client.send(RapiRequests.currentCapacity());
        assertEquals(List.of(6, 80, 32, 32), List.of(capacity.minAmps(), capacity.hwMaxAmps(),
                capacity.pilotAmps(), capacity.cfgMaxAmps()));
        assertEquals(32, client.send(RapiRequests.settings()).raw().paramDecimal(0));
        assertEquals(0, client.send(RapiRequests.energyUsage()).sessionWs());
        assertEquals(240_000, client.send(RapiRequests.chargingReading()).milliVolts());
        assertEquals(0, client.send(RapiRequests.evConnectState()).raw().paramDecimal(0));
        client.send(RapiRequests.ammeterCalibration());
        client.send(RapiRequests.faultCounters());
        client.send(RapiRequests.temperatures());
        client.send(RapiRequests.mcuId());
        client.send(RapiRequests.rtcTime());
        client.send(RapiRequests.delayTimer());
        client.send(RapiRequests.mennekesLock());
        assertEquals(0, client.send(RapiRequests.heartbeatStatus()).intervalS());

        SetCurrentResult set = client.send(RapiRequests.setCurrent(16, true));
        assertEquals(16, set.amps());
        assertFalse(set.clamped());
        HeartbeatStatus enabled = client.send(RapiRequests.heartbeatEnable(5, 6));
        assertEquals(List.of(5, 6, 0), List.of(enabled.intervalS(), enabled.fallbackAmps(), enabled.triggerCode()));
        assertTrue(client.send(RapiRequests.heartbeatPulse()).accepted());
        assertTrue(client.send(RapiRequests.heartbeatAcknowledge()).accepted());
        assertEquals(0, client.send(RapiRequests.heartbeatDisable()).intervalS());
        client.send(RapiRequests.setVoltage(230_000));
        assertEquals(230_000, client.send(RapiRequests.chargingReading()).milliVolts());
        client.send(RapiRequests.setServiceLevel(ServiceLevel.L2));
        client.send(RapiRequests.setRtc(LocalDateTime.of(2026, 11, 30, 20, 0, 0)));
        client.send(RapiRequests.setDelayTimer(0, 0, 0, 0));
        client.send(RapiRequests.setAmmeterCalibration(220, 0));
        client.send(RapiRequests.setLifetimeEnergy(1234));
        assertEquals(1234, client.send(RapiRequests.energyUsage()).lifetimeWh());
        client.send(RapiRequests.setMennekesLock(MennekesCommand.AUTOMATIC));
        client.send(RapiRequests.setLcdType(true));
        client.send(RapiRequests.lcdText(0, 1, "Hi there"));
        client.send(RapiRequests.backlight(LcdColor.GREEN));
        client.send(RapiRequests.lcdUpdates(true));
        client.send(RapiRequests.pressButton());
        client.send(RapiRequests.feature(Feature.BUTTON, false));
        client.send(RapiRequests.sleep());
        assertEquals(EvseState.SLEEPING, client.send(RapiRequests.status()).state());
        client.send(RapiRequests.enable());
        client.send(RapiRequests.disable());
        assertEquals(EvseState.DISABLED, client.send(RapiRequests.status()).state());
        client.send(RapiRequests.enable());
        assertTrue(client.send(RapiRequests.raw("$GS")).ok());

        RapiException refused = assertThrows(RapiException.class, () -> client.send(RapiRequests.authLock()));
        assertEquals(RapiErrorReason.NK, refused.reason(), "$G4 is not in a standard build");
        assertThrows(RapiException.class, () -> client.send(RapiRequests.timeLimit()));
        assertEquals(0, client.stats().timeouts());
        assertEquals(client.stats().requests(), emulator.received().size(), "every request reached the emulator");
        for (RapiFrame received : emulator.received()) {
            assertTrue(received.hasSeqId(), "every request carries an id: " + received);
        }
    }

    @Test
    void shouldTimeOutWhenPeerIsSilentAndRecoverWhenItSpeaksAgain() throws Exception {
        connectToEmulator();
        pair.controller().silent(true);
        RapiTimeoutException timeout = assertThrows(RapiTimeoutException.class,
                () -> client.send(RapiRequests.status(), SHORT_TIMEOUT_MS));
        assertEquals(RapiErrorReason.TIMEOUT, timeout.reason());
        assertEquals(SHORT_TIMEOUT_MS, timeout.timeoutMs());
        assertEquals(1, client.stats().timeouts());

        pair.controller().silent(false);
        assertEquals(EvseState.NOT_CONNECTED, client.send(RapiRequests.status()).state());
        assertTrue(client.isConnected());
    }

    @Test
    void shouldDropReplyWithWrongSequenceIdWhenTheRightOneFollows() throws Exception {
        scripted(0, command -> {
            int wrong = command.seqId() == 0xFF ? 0x01 : command.seqId() + 1;
            return List.of(frame(String.format("$OK 9 9 9 9 :%02X", wrong)),
                    frame("$OK 6 32 16 32" + id(command)));
        });
        connect(OPTIONS);
        CurrentCapacity capacity = client.send(RapiRequests.currentCapacity());
        assertEquals(16, capacity.pilotAmps(), "the reply with the matching id wins");
        assertEquals(1, client.stats().staleReplies());
    }

    @Test
    void shouldDeliverAtArrivingBeforeReplyAndStillMatchTheReply() throws Exception {
        scripted(0, command -> List.of(frame("$AT 03 03 16 0540"), frame("$OK 15920 240000" + id(command))));
        connect(OPTIONS);
        ChargingReading reading = client.send(RapiRequests.chargingReading());
        assertEquals(15_920, reading.milliAmps());
        StateTransition at = assertInstanceOf(StateTransition.class, nextNotification());
        assertEquals(EvseState.CHARGING, at.state());
        assertEquals(16, at.capacityAmps());
    }

    /**
     * Connects to a controller that sends an {@code $AT} before every reply, with a second listener that blocks on
     * the first notification until {@code release} opens; returns once it is blocked.
     */
    private void connectWithBlockedListener(CountDownLatch release) throws Exception {
        scripted(0, command -> List.of(frame("$AT 03 03 16 0540"), frame("$OK 15920 240000" + id(command))));
        connect(OPTIONS);
        CountDownLatch listenerEntered = new CountDownLatch(1);
        client.addListener(n -> {
            listenerEntered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        client.send(RapiRequests.chargingReading());
        assertTrue(listenerEntered.await(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldKeepAnsweringWhenListenerIsSlow() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        connectWithBlockedListener(release);
        for (int i = 0; i < 5; i++) {
            assertEquals(15_920, client.send(RapiRequests.chargingReading()).milliAmps(),
                    "replies flow while the listener is blocked");
        }
        release.countDown();
    }

    @Test
    void shouldDeliverEveryNotificationReceivedBeforeCloseWhenClosedWhileTheListenerIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        connectWithBlockedListener(release);
        client.send(RapiRequests.chargingReading());     // its $AT is queued before its reply completes the send
        Thread closer = new Thread(client::close, "closer");
        closer.start();
        await().atMost(WAIT).until(() -> closer.getState() == Thread.State.TIMED_WAITING);   // joining the threads
        release.countDown();
        closer.join(WAIT.toMillis());
        assertFalse(closer.isAlive());
        assertEquals(2, notifications.size(), "both $AT reached the first listener: " + notifications);
    }

    @Test
    void shouldFailCorruptedRequestWhenBareNkWithoutIdAnswers() throws Exception {
        scripted(0, command -> List.of(frame("$NK")));
        connect(OPTIONS);
        RapiException e = assertThrows(RapiException.class, () -> client.send(RapiRequests.status()));
        assertEquals(RapiErrorReason.CORRUPTED_REQUEST, e.reason());
    }

    @Test
    void shouldSkipLineNoiseInjectedBetweenFrames() throws Exception {
        connectToEmulator();
        byte[] noise = "\u0000\u00ff~ junk\r$OK 1\u0001 2\r$$$GS^ZZ\r$OK 6 32 16".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 3; i++) {
            pair.client().inject(noise);
            assertEquals(EvseState.NOT_CONNECTED, client.send(RapiRequests.status()).state());
        }
        await().atMost(WAIT).until(() -> client.stats().decodeErrors() >= 9);
        assertTrue(client.isConnected(), "noise does not break the link");
    }

    /** A {@code $GS} the silenced emulator has received and will not answer, waiting on another thread. */
    private CompletableFuture<EvseStatus> statusLeftUnanswered() throws RapiException {
        connectToEmulator();
        pair.controller().silent(true);
        CompletableFuture<EvseStatus> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return client.send(RapiRequests.status(), 30_000);
            } catch (RapiException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(WAIT).until(() -> emulator.received().size() == 1);
        return waiting;
    }

    /** The reason the request failed with; fails the test if it completes or does not fail within 10 s. */
    private static RapiErrorReason failureReason(CompletableFuture<?> request) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> request.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(RapiException.class, failed.getCause().getCause()).reason();
    }

    @Test
    void shouldFailWaitingRequestWithClosedWhenClientCloses() throws Exception {
        CompletableFuture<EvseStatus> waiting = statusLeftUnanswered();
        client.close();
        assertEquals(RapiErrorReason.CLOSED, failureReason(waiting));
        RapiException after = assertThrows(RapiException.class, () -> client.send(RapiRequests.status()));
        assertEquals(RapiErrorReason.CLOSED, after.reason());
        client.close();    // idempotent
    }

    @Test
    void shouldSerialiseConcurrentCallers() throws Exception {
        ScriptedController controller = scripted(5, command -> List.of(
                frame("$OK " + command.paramString(0) + id(command))));
        connect(RapiClientOptions.defaults().withRequestTimeoutMs(5_000).withQueueCapacities(16, 64));
        int threads = 6;
        int perThread = 8;
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = 6 + t * perThread;
            callers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perThread; i++) {
                    try {
                        SetCurrentResult result = client.send(RapiRequests.setCurrent(base + i, true));
                        assertEquals(base + i, result.amps(), "each caller gets its own reply");
                    } catch (RapiException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        CompletableFuture.allOf(callers.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
        assertEquals(threads * perThread, controller.commands());
        assertEquals(0, controller.overlaps(), "a command arrived before the previous reply");
    }

    @Test
    void shouldFailWithPortUnavailableWhenLinkBreaksAndWorkAfterReopen() throws Exception {
        CompletableFuture<EvseStatus> waiting = statusLeftUnanswered();
        pair.unplug();
        assertEquals(RapiErrorReason.PORT_UNAVAILABLE, failureReason(waiting));
        await().atMost(WAIT).until(() -> !client.isConnected());
        RapiException next = assertThrows(RapiException.class, () -> client.send(RapiRequests.status()));
        assertEquals(RapiErrorReason.PORT_UNAVAILABLE, next.reason());

        pair.controller().silent(false);
        client.reopen();
        await().atMost(WAIT).until(() -> pair.controller().isOpen());    // the emulator reopens its end itself
        assertEquals(EvseState.NOT_CONNECTED, client.send(RapiRequests.status()).state());
        assertEquals(1, client.stats().reopens());
    }

    @Test
    void shouldReopenByItselfWhenAutoReopenIsOn() throws Exception {
        connectToEmulator(EmulatorConfig.defaults(),
                OPTIONS.withAutoReopen(true).withReopenIntervalMs(20));
        assertEquals(EvseState.NOT_CONNECTED, client.send(RapiRequests.status()).state());
        pair.unplug();
        await().atMost(WAIT).until(() -> client.stats().reopens() >= 1 && client.isConnected()
                && pair.controller().isOpen());
        assertEquals(EvseState.NOT_CONNECTED, client.send(RapiRequests.status()).state());
    }

    @Test
    void shouldCompleteRestartWithBootAnnouncementAndDeliverNotificationsInOrder() throws Exception {
        connectToEmulator();
        CompletableFuture<RapiAck> restart = CompletableFuture.supplyAsync(() -> {
            try {
                return client.send(RapiRequests.restart());
            } catch (RapiException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(WAIT).until(emulator::booting);
        nowNs.addAndGet(TimeUnit.MILLISECONDS.toNanos(EmulatorConfig.defaults().bootDurationMs()));
        emulator.tick();
        RapiAck ack = restart.get(10, TimeUnit.SECONDS);
        assertTrue(ack.raw().isCommand('A', 'B'), "$FR completes with $AB");
        StateTransition booting = assertInstanceOf(StateTransition.class, nextNotification());
        assertEquals(EvseState.STARTING, booting.state());
        BootNotification boot = assertInstanceOf(BootNotification.class, nextNotification());
        assertTrue(boot.postPassed());
        StateTransition settled = assertInstanceOf(StateTransition.class, nextNotification());
        assertEquals(EvseState.NOT_CONNECTED, settled.state());
        assertEquals(32, settled.capacityAmps());
    }

    @Test
    void shouldIgnoreEchoedCommandsWhenEchoIsOn() throws Exception {
        connectToEmulator();
        assertTrue(client.send(RapiRequests.raw("$FF E 1")).ok());
        assertTrue(emulator.echo());
        for (int i = 0; i < 3; i++) {
            assertEquals(EvseState.NOT_CONNECTED, client.send(RapiRequests.status()).state());
        }
        assertEquals(0, client.stats().timeouts());
    }

    @Test
    void shouldFailRestartWithBootTimeoutWhenNoBootAnnouncementComes() throws Exception {
        connectToEmulator(EmulatorConfig.defaults(), OPTIONS.withBootTimeoutMs(300));
        RapiException e = assertThrows(RapiException.class, () -> client.send(RapiRequests.restart()));
        assertEquals(RapiErrorReason.BOOT_TIMEOUT, e.reason(), "the manual clock never reaches the end of the boot");
        assertEquals(1, client.stats().timeouts());
    }

    @Test
    void shouldCountEveryKindOfDecoderAnomaly() throws Exception {
        connectToEmulator();
        pair.client().inject("junk\r$OK^99\r\r$$OK 1\r".getBytes(StandardCharsets.ISO_8859_1));
        client.send(RapiRequests.status());
        RapiDecodeStats stats = client.decodeStats();
        assertEquals(1, stats.count(RapiDecodeError.NO_START));
        assertEquals(1, stats.count(RapiDecodeError.BAD_CHECKSUM));
        assertEquals(1, stats.count(RapiDecodeError.EMPTY));
        assertEquals(1, stats.count(RapiDecodeError.TRUNCATED));
        assertEquals(1, client.stats().staleReplies(), "the injected $OK 1 matched no request");
    }
}
