package me.napolni.dinamics.rapi.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import me.napolni.dinamics.rapi.EvseState;
import me.napolni.dinamics.rapi.EvseStatus;
import me.napolni.dinamics.rapi.HeartbeatStatus;
import me.napolni.dinamics.rapi.RapiClient;
import me.napolni.dinamics.rapi.RapiClientOptions;
import me.napolni.dinamics.rapi.RapiErrorReason;
import me.napolni.dinamics.rapi.RapiException;
import me.napolni.dinamics.rapi.RapiNotification;
import me.napolni.dinamics.rapi.RapiRequests;
import me.napolni.dinamics.rapi.SetCurrentResult;
import me.napolni.dinamics.rapi.StateTransition;
import me.napolni.dinamics.rapi.VFlag;
import me.napolni.dinamics.rapi.transport.InMemoryTransport;
import me.napolni.dinamics.rapi.transport.TcpTransport;

class EvseEmulatorTest {
    private static final long NS_PER_S = 1_000_000_000L;

    private final AtomicLong nowNs = new AtomicLong(7 * NS_PER_S);
    private final LinkedBlockingQueue<RapiNotification> notifications = new LinkedBlockingQueue<>();
    private EvseEmulator emulator;
    private RapiClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private void start(EmulatorConfig config) throws RapiException {
        InMemoryTransport.Pair pair = InMemoryTransport.pair();
        emulator = EvseEmulator.create(config.withClock(nowNs::get));
        emulator.attach(pair.controller());
        client = RapiClient.connect(pair.client(), RapiClientOptions.defaults().withRequestTimeoutMs(5_000));
        client.addListener(notifications::add);
    }

    private void start() throws RapiException {
        start(EmulatorConfig.defaults());
    }

    private StateTransition nextAt() throws InterruptedException {
        RapiNotification n = notifications.poll(10, TimeUnit.SECONDS);
        return assertInstanceOf(StateTransition.class, n, "expected an $AT");
    }

    private void advanceS(long seconds) {
        nowNs.addAndGet(seconds * NS_PER_S);
        emulator.tick();
    }

    @Test
    void shouldSendAtOnEveryStateChangeWhenCarComesAndGoes() throws Exception {
        start();
        emulator.car().requestCharge(false).plugIn();
        StateTransition connected = nextAt();
        assertEquals(EvseState.CONNECTED, connected.state());
        assertTrue(connected.vflags().contains(VFlag.EV_CONNECTED));
        emulator.car().requestCharge(true);
        StateTransition charging = nextAt();
        assertEquals(EvseState.CHARGING, charging.state());
        assertEquals(0x0540, charging.vflagsWord());
        client.send(RapiRequests.sleep());
        assertEquals(EvseState.SLEEPING, nextAt().state());
        client.send(RapiRequests.enable());
        assertEquals(EvseState.CHARGING, nextAt().state());
        client.send(RapiRequests.disable());
        assertEquals(EvseState.DISABLED, nextAt().state());
        client.send(RapiRequests.enable());
        assertEquals(EvseState.CHARGING, nextAt().state());
        emulator.car().unplug();
        StateTransition idle = nextAt();
        assertEquals(EvseState.NOT_CONNECTED, idle.state());
        assertEquals(0x0200, idle.vflagsWord());
        assertNull(notifications.poll(200, TimeUnit.MILLISECONDS), "no $AT without a change");
    }

    @Test
    void shouldReportInjectedFaultsAndRecoverWhenCleared() throws Exception {
        start();
        emulator.car().plugIn().draw(16);
        assertEquals(EvseState.CHARGING, nextAt().state());
        emulator.fault(EvseFault.GFCI);
        StateTransition gfci = nextAt();
        assertEquals(EvseState.GFCI_FAULT, gfci.state());
        assertEquals(0, emulator.car().drawnAmps(), "the relay opens on a fault");
        emulator.clearFault();
        assertEquals(EvseState.CHARGING, nextAt().state());
        emulator.fault(EvseFault.STUCK_RELAY);
        StateTransition stuck = nextAt();
        assertEquals(EvseState.STUCK_RELAY, stuck.state());
        assertTrue(stuck.vflags().contains(VFlag.HARD_FAULT));
        emulator.clearFault();
        nextAt();
        emulator.fault(EvseFault.NO_GROUND);
        assertEquals(EvseState.NO_GROUND, nextAt().state());
        EvseStatus status = client.send(RapiRequests.status());
        assertEquals(EvseState.NO_GROUND, status.state());
        assertEquals(List.of(1, 1, 1), List.of(client.send(RapiRequests.faultCounters()).raw().paramHex(0),
                client.send(RapiRequests.faultCounters()).raw().paramHex(1),
                client.send(RapiRequests.faultCounters()).raw().paramHex(2)));
    }

    @Test
    void shouldClampSetCurrentToItsRangeAndAnswerNk() throws Exception {
        start();
        SetCurrentResult low = client.send(RapiRequests.setCurrent(3, true));
        assertTrue(low.clamped());
        assertEquals(6, low.amps());
        SetCurrentResult high = client.send(RapiRequests.setCurrent(50, true));
        assertTrue(high.clamped());
        assertEquals(32, high.amps(), "volatile values never exceed cfgmax");
        SetCurrentResult fine = client.send(RapiRequests.setCurrent(16, true));
        assertFalse(fine.clamped());
        assertEquals(16, emulator.capacityAmps());
        assertTrue(emulator.eepromWrites().isEmpty(), "volatile $SC never writes EEPROM");

        SetCurrentResult stored = client.send(RapiRequests.setCurrent(20, false));
        assertEquals(20, stored.amps());
        assertEquals(20, emulator.cfgMaxAmps());
        assertEquals(Map.of("cfgmax", 1), emulator.eepromWrites());
        assertEquals(20, client.send(RapiRequests.setCurrent(30, true)).amps(), "the new cfgmax is the ceiling");

        emulator.overTemperature(true);
        SetCurrentResult refused = client.send(RapiRequests.setCurrent(10, true));
        assertEquals(10, refused.amps(), "lowering works over temperature");
        SetCurrentResult raise = client.send(RapiRequests.setCurrent(16, true));
        assertTrue(raise.clamped());
        assertEquals(10, raise.amps(), "raising is refused over temperature");
    }

    @Test
    void shouldFallBackToHeartbeatCurrentWhenPulsesLapse() throws Exception {
        start();
        emulator.car().plugIn().draw(32);
        nextAt();
        client.send(RapiRequests.heartbeatEnable(5, 6));
        advanceS(4);
        assertTrue(client.send(RapiRequests.heartbeatPulse()).accepted());
        advanceS(4);
        assertEquals(32, emulator.capacityAmps(), "pulses in time keep the capacity");
        advanceS(2);
        assertEquals(6, emulator.capacityAmps(), "more than 5 s without a pulse: fallback");
        assertEquals(6, nextAt().capacityAmps());
        assertEquals(6, emulator.car().drawnAmps(), "the car follows the pilot");

        HeartbeatStatus missed = client.send(RapiRequests.heartbeatPulse());
        assertFalse(missed.accepted());
        assertEquals(2, missed.triggerCode());
        assertTrue(missed.missedUnacknowledged());
        client.send(RapiRequests.setCurrent(16, true));
        assertEquals(16, nextAt().capacityAmps());
        HeartbeatStatus acknowledged = client.send(RapiRequests.heartbeatAcknowledge());
        assertTrue(acknowledged.accepted());
        assertEquals(1, acknowledged.triggerCode());
        assertEquals(32, nextAt().capacityAmps(), "the acknowledgement restores cfgmax, not the value before");
        assertEquals(Map.of("heartbeat", 1), emulator.eepromWrites());
        client.send(RapiRequests.heartbeatEnable(5, 6));
        assertEquals(Map.of("heartbeat", 1), emulator.eepromWrites(), "unchanged settings are not written again");
    }

    @Test
    void shouldNeverFallBelowSixAmpsWhenFallbackIsZero() throws Exception {
        start();
        client.send(RapiRequests.setCurrent(10, true));
        client.send(RapiRequests.heartbeatEnable(1, 0));
        advanceS(2);
        assertEquals(6, emulator.capacityAmps());
        assertEquals(2, emulator.heartbeatTrigger());
    }

    @Test
    void shouldWrapHeartbeatIntervalInSixteenBitsWhenAbove65Seconds() throws Exception {
        start();
        client.send(RapiRequests.raw("$SY 66 6"));     // 66000 & 0xFFFF = 464 ms
        nowNs.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        emulator.tick();
        assertEquals(2, emulator.heartbeatTrigger());
    }

    @Test
    void shouldCountEnergyFromTheCarsCurrentAndTheVoltage() throws Exception {
        start();
        emulator.car().plugIn().draw(16);
        advanceS(3600);
        assertEquals(16L * 240 * 3600, client.send(RapiRequests.energyUsage()).sessionWs());
        assertEquals(16L * 240, emulator.lifetimeWh());
        client.send(RapiRequests.setCurrent(10, true));
        assertEquals(10_000, client.send(RapiRequests.chargingReading()).milliAmps(), "min(wanted, pilot)");
        advanceS(360);
        assertEquals(16L * 240 * 3600 + 10L * 240 * 360, client.send(RapiRequests.energyUsage()).sessionWs());
        emulator.car().unplug();
        advanceS(3600);
        emulator.car().plugIn();
        assertEquals(0, client.send(RapiRequests.energyUsage()).sessionWs(), "a new session starts at plug-in");
        assertEquals(16L * 240 + 10L * 240 / 10, client.send(RapiRequests.energyUsage()).lifetimeWh());
    }

    @Test
    void shouldSleepWhenTimeLimitIsReached() throws Exception {
        start(EmulatorConfig.defaults().withLimitCommands(true));
        RapiException idle = assertThrows(RapiException.class, () -> client.send(RapiRequests.setTimeLimit(1)));
        assertEquals(RapiErrorReason.NK, idle.reason(), "$S3 is refused outside state B/C");
        emulator.car().plugIn().draw(16);
        nextAt();
        client.send(RapiRequests.setTimeLimit(2));
        assertTrue(nextAt().vflags().contains(VFlag.TIME_LIMIT));
        advanceS(29 * 60);
        assertEquals(EvseState.CHARGING.code(), emulator.stateCode());
        advanceS(61);
        StateTransition asleep = nextAt();
        assertEquals(EvseState.SLEEPING, asleep.state());
        assertTrue(asleep.vflags().contains(VFlag.LIMIT_SLEEP));
        assertEquals(0, emulator.car().drawnAmps());
    }

    @Test
    void shouldSleepWhenEnergyLimitIsReached() throws Exception {
        start(EmulatorConfig.defaults().withLimitCommands(true));
        emulator.car().plugIn().draw(16);
        nextAt();
        client.send(RapiRequests.setChargeLimit(1));
        assertTrue(nextAt().vflags().contains(VFlag.CHARGE_LIMIT));
        advanceS(900);     // 16 A x 240 V = 3.84 kW: 0.96 kWh
        assertEquals(EvseState.CHARGING.code(), emulator.stateCode());
        advanceS(60);
        assertEquals(EvseState.SLEEPING, nextAt().state());
        emulator.car().unplug();
        StateTransition unplugged = nextAt();
        assertEquals(EvseState.NOT_CONNECTED, unplugged.state());
        assertFalse(unplugged.vflags().contains(VFlag.CHARGE_LIMIT), "limits are cleared at unplug");
    }

    @Test
    void shouldOpenRelayAfterThreeSecondsWhenCarKeepsDrawingAfterSleep() throws Exception {
        start();
        emulator.car().plugIn().draw(16);
        client.send(RapiRequests.sleep());
        assertEquals(16, emulator.car().drawnAmps(), "$FS waits for the car to stop");
        advanceS(2);
        assertEquals(16, emulator.car().drawnAmps());
        advanceS(2);
        assertEquals(0, emulator.car().drawnAmps(), "the relay opens after 3 s at the latest");
    }

    @Test
    void shouldReportConfiguredVersionsAndRecordEveryCommand() throws Exception {
        start(EmulatorConfig.defaults().withVersions("7.1.3", "5.1.3"));
        assertEquals("7.1.3", client.send(RapiRequests.versions()).firmware());
        client.send(RapiRequests.setCurrent(12, true));
        client.send(RapiRequests.heartbeatPulse());
        assertEquals(List.of("GV", "SC", "SY"), emulator.receivedCommands());
        assertEquals("12", emulator.received().get(1).paramString(0));
    }

    @Test
    void shouldServeClientsOverLoopbackTcp() throws Exception {
        emulator = EvseEmulator.create(EmulatorConfig.defaults().withClock(nowNs::get));
        int port = emulator.serveTcp(0);
        client = RapiClient.connect(TcpTransport.connectingTo("127.0.0.1", port), RapiClientOptions.defaults()
                .withRequestTimeoutMs(5_000));
        assertEquals(EmulatorConfig.DEFAULT_FIRMWARE, client.probeSequenceIds().firmware());
        assertEquals(16, client.send(RapiRequests.setCurrent(16, true)).amps());
        client.close();
        client = RapiClient.connect(TcpTransport.connectingTo("127.0.0.1", port), RapiClientOptions.defaults()
                .withRequestTimeoutMs(5_000));
        assertEquals(16, client.send(RapiRequests.currentCapacity()).pilotAmps(), "a new connection, same unit");
    }
}
