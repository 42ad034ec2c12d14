package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.Settings;
import me.napolni.dinamics.core.time.ManualClock;
import me.napolni.dinamics.core.time.NanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The charger port against a controller on loopback TCP. */
class RapiChargerPortTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ManualClock evseClock = new ManualClock(1_000_000_000L);
    private final List<String> replies = new CopyOnWriteArrayList<>();
    private final List<Boolean> connection = new CopyOnWriteArrayList<>();
    private final List<Integer> enableAcks = new CopyOnWriteArrayList<>();
    private MiniEvse evse;
    private RapiChargerPort port;
    private final Settings settings = Settings.defaults().with(SettingKey.TIMER13, 300)
            .with(SettingKey.TIMER14, 1_000).with(SettingKey.TIMER10, 500).with(SettingKey.TIMER5, 1_000);

    @BeforeEach
    void start() throws Exception {
        evse = new MiniEvse(evseClock, 32);
        evse.plug(true);
        int tcp = evse.serveTcp(0);
        port = new RapiChargerPort("1", Connectors.tcp("127.0.0.1", tcp), NanoClock.system(), () -> settings,
                new RapiChargerPort.Events() {
                    @Override
                    public void onReply(String command, String raw) {
                        replies.add(command + " " + raw);
                    }

                    @Override
                    public void onAsync(String raw) {
                    }

                    @Override
                    public void onEnableAck(int enable) {
                        enableAcks.add(enable);
                    }

                    @Override
                    public void onTimeout(long waitedMs) {
                    }

                    @Override
                    public void onConnection(boolean ok) {
                        connection.add(ok);
                    }
                });
        await().atMost(WAIT).until(() -> port.view().evseState() == MiniEvse.STATE_C);
    }

    @AfterEach
    void stop() {
        port.close();
        evse.close();
    }

    @Test
    void shouldSendSetpointOnceWhenTheLoopSetsItAndNotAgainWhenPollsShowItInForce() {
        port.setCurrent(10);
        await().atMost(WAIT).until(() -> evse.capacityAmps() == 10);
        int scAfterFirst = evse.received("SC");
        int gcBefore = evse.received("GC");
        int pollsBefore = evse.received("GG");
        // 3 s of polling later ($GG every second, $GC every timer5 = 1 s): the polls show 10 A in force
        await().atMost(WAIT).until(() -> evse.received("GG") >= pollsBefore + 3 && evse.received("GC") >= gcBefore + 2);
        assertEquals(scAfterFirst, evse.received("SC"), "no $SC while the polls show the setpoint in force");
        port.setCurrent(12);
        await().atMost(WAIT).until(() -> evse.capacityAmps() == 12);
        assertEquals(scAfterFirst + 1, evse.received("SC"));
        assertTrue(replies.stream().anyMatch(r -> r.startsWith("SC $OK 12")), replies.toString());
    }

    @Test
    void shouldKeepTheHeartbeatAliveAndSetItUpAtConnect() {
        assertTrue(evse.received("SY") >= 1);
        int pulses = evse.received("SY");
        await().atMost(WAIT).until(() -> evse.received("SY") >= pulses + 2);
        assertFalse(replies.stream().anyMatch(r -> r.startsWith("SY")), "heartbeats are not reported as replies");
    }

    @Test
    void shouldAcknowledgeAMissedPulseAndResendTheSetpointWhenTheFallbackStruck() {
        port.setCurrent(20);
        await().atMost(WAIT).until(() -> evse.capacityAmps() == 20);
        evseClock.advanceMs(10_000);      // the controller's own clock: more than the 5 s interval without a pulse
        evse.tick(evseClock.nanoTime());
        // the fallback cut to 6 A; the next pulse gets $NK .. 2, then $SY 165 and $SC 20 V again
        await().atMost(WAIT).until(() -> evse.capacityAmps() == 20 && evse.received("SC") >= 2);
    }

    @Test
    void shouldApplyStateChangeAtOnceWhenAnAtNotificationArrives() {
        evse.plug(false);     // $AT 01 ...; $GS is polled only every 50 s by default
        await().atMost(Duration.ofSeconds(5)).until(() -> port.view().evseState() == MiniEvse.STATE_A);
        assertFalse(port.view().carConnected());
    }

    @Test
    void shouldRaiseConErrorAfterThreeFailedRequestsAndRecoverAfterTimer14() {
        evse.silent(true);
        await().atMost(WAIT).until(port::conError);
        assertFalse(port.view().linkOk());
        assertEquals(List.of(false), connection);
        assertTrue(port.send("FS").isCompletedExceptionally() || port.send("FS").handle((r, e) -> e != null).join(),
                "commands fail while CON_ERROR");
        evse.silent(false);
        await().atMost(WAIT).until(() -> !port.conError());
        assertTrue(port.view().linkOk());
        assertEquals(List.of(false, true), connection);
    }

    @Test
    void shouldReportEnableAcksWhenSleepAndEnableAreSent() {
        assertTrue(port.send("FS").join().ok());
        await().atMost(WAIT).until(() -> port.view().evseState() == MiniEvse.STATE_SLEEPING);
        assertTrue(port.send("FE").join().ok());
        assertEquals(List.of(3, 2), enableAcks);
        await().atMost(WAIT).until(() -> port.view().evseState() == MiniEvse.STATE_C);
    }

    @Test
    void shouldSendTheSetpointAgainWhenTheControlLoopRepeatsIt() {
        port.setCurrent(14);
        await().atMost(WAIT).until(() -> evse.capacityAmps() == 14);
        int sent = evse.received("SC");
        port.setCurrent(14);        // the loop repeats a setpoint the charger does not show (ControlLoop.RESEND_MS)
        await().atMost(WAIT).until(() -> evse.received("SC") == sent + 1);
        assertEquals(14, evse.capacityAmps());
    }

    @Test
    void shouldRestoreTheSetpointWhenThePilotChangesBehindTheGatewaysBack() {
        port.setCurrent(14);
        await().atMost(WAIT).until(() -> evse.capacityAmps() == 14);
        int sent = evse.received("SC");
        evse.rebootSilently();      // back at cfgmax 32 A, its $AB lost: only the next $GC poll tells
        assertEquals(32, evse.capacityAmps());
        await().atMost(WAIT).until(() -> evse.capacityAmps() == 14 && evse.received("SC") > sent);
        await().atMost(WAIT).until(() -> port.view().pilotAmps() == 14);
    }
}
