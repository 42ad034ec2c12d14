package me.napolni.dinamics.host;

import me.napolni.dinamics.core.device.CommandResult;
import me.napolni.dinamics.core.device.DeviceListener;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.Settings;
import me.napolni.dinamics.core.time.ManualClock;
import me.napolni.dinamics.core.time.LocalMinuteClock;
import me.napolni.dinamics.core.time.NanoClock;
import me.napolni.dinamics.host.internal.ChargerView;
import me.napolni.dinamics.host.internal.Connectors;
import me.napolni.dinamics.host.internal.MainsReadings;
import me.napolni.dinamics.host.internal.MeasurementSource;
import me.napolni.dinamics.host.internal.MiniEvse;
import me.napolni.dinamics.host.internal.SettingsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway as MQTT and the web UI see it: commands through {@code DeviceControl}, against a real controller. */
class GatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private MiniEvse evse;
    private Gateway gateway;
    private final List<String> settingEvents = new CopyOnWriteArrayList<>();
    private final List<Integer> enableAcks = new CopyOnWriteArrayList<>();

    private final MeasurementSource house = new MeasurementSource() {
        @Override
        public void start(MainsReadings sink) {
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() throws Exception {
        evse = new MiniEvse(new ManualClock(), 32);
        evse.plug(true);
        int port = evse.serveTcp(0);
        gateway = Gateway.start(new Gateway.Parts("test", List.of("1"), List.of(Connectors.tcp("127.0.0.1", port)),
                house, new SettingsStore(dir, List.of("1")), NanoClock.system(),
                LocalMinuteClock.system(ZoneId.systemDefault()), null,
                System::currentTimeMillis));
        gateway.addListener(new DeviceListener() {
            @Override
            public void onSettingChanged(String chargerId, String key, String value) {
                settingEvents.add(chargerId + "/" + key + "=" + value);
            }

            @Override
            public void onEnableAck(String chargerId, int enable) {
                enableAcks.add(enable);
            }
        });
        await().atMost(WAIT).until(() -> "OK".equals(gateway.status().primary().connection()));
    }

    @AfterEach
    void stop() {
        gateway.close();
        evse.close();
    }

    private static CommandResult get(java.util.concurrent.CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private Settings onDisk() {
        return new SettingsStore(dir, List.of("1")).load().settings();
    }

    @Test
    void shouldPersistBeforeAcknowledgingWhenASettingIsAccepted() throws Exception {
        CommandResult result = get(gateway.set(null, "breaker", 20));
        assertTrue(result.ok(), result.toString());
        assertEquals("20", result.value());
        assertEquals(20, onDisk().breakerAmps(), "saved before the ack");
        // the status snapshot is rebuilt on the status thread after the ack
        await().atMost(WAIT).until(() -> gateway.status().breaker() == 20);
        assertTrue(settingEvents.contains("null/breaker=20"), settingEvents.toString());
    }

    @Test
    void shouldChangeAndPersistNothingWhenTheValueIsOutOfRange() throws Exception {
        CommandResult result = get(gateway.set(null, "breaker", 101));
        assertEquals("out_of_range", result.reason());
        assertEquals("6..100", result.expected());
        assertEquals(Settings.defaults(), onDisk());
        assertEquals(List.of(), settingEvents);
    }

    @Test
    void shouldRejectAsInconsistentWhenTheMinimumWouldExceedTheCap() throws Exception {
        CommandResult result = get(gateway.set(null, "c_min_limit", 20));
        assertEquals("inconsistent", result.reason());
        assertEquals("6..16", result.expected(), "what c_min_limit may be now: up to c_limit");
        assertEquals(6, onDisk().cMinLimitAmps());
        assertTrue(get(gateway.set(null, "c_min_limit", 10)).ok());
        CommandResult cap = get(gateway.set(null, "c_limit", 8));
        assertEquals("inconsistent", cap.reason());
        assertEquals("10..32", cap.expected(), "what c_limit may be now: from c_min_limit");
        assertEquals(16, onDisk().cLimitAmps());
    }

    @Test
    void shouldRejectUnknownKeysAsUnsupported() throws Exception {
        assertEquals("unsupported", get(gateway.set(null, "lora", 1)).reason());
        assertEquals("unsupported", get(gateway.set("garage", "c_limit", 10)).reason());
    }

    @Test
    void shouldListEveryViolationWhenValidatingSeveralValues() {
        Map<String, Long> change = new LinkedHashMap<>();
        change.put("breaker", 5L);
        change.put("timer13", 50L);
        change.put("c_limit", 20L);
        Map<String, CommandResult> problems = gateway.validate(change);
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("out_of_range", problems.get("breaker").reason());
        assertEquals("out_of_range", problems.get("timer13").reason());
    }

    @Test
    void shouldApplyAllOrNothingWhenSettingSeveralValues() throws Exception {
        assertEquals("out_of_range", get(gateway.setAll(Map.of("breaker", 20L, "c_limit", 40L))).reason());
        assertEquals(16, onDisk().breakerAmps());
        assertTrue(get(gateway.setAll(Map.of("breaker", 20L, "c_limit", 10L))).ok());
        assertEquals(20, onDisk().breakerAmps());
        assertEquals(10, onDisk().cLimitAmps());
    }

    @Test
    void shouldSleepTheChargerAndKeepTheIntentWhenEnableIsThree() throws Exception {
        CommandResult result = get(gateway.set(null, "enable", 3));
        assertTrue(result.ok(), result.toString());
        assertEquals(3, onDisk().primary().enableIntent().code(), "the intent is stored before the ack");
        await().atMost(WAIT).until(() -> evse.state() == MiniEvse.STATE_SLEEPING);
        await().atMost(WAIT).until(() -> enableAcks.contains(3));
    }

    @Test
    void shouldPassAllowListedRequestsAndRefuseTheRest() throws Exception {
        CommandResult version = get(gateway.rapiRequest(null, "GV"));
        assertTrue(version.ok() && version.value().startsWith("$OK 8.2.3"), version.toString());
        assertTrue(get(gateway.rapiRequest(null, "$GS")).ok());
        assertEquals("not_allowed", get(gateway.rapiRequest(null, "SC 10")).reason());
        assertEquals("not_allowed", get(gateway.rapiRequest(null, "FR")).reason());
        assertEquals("not_a_command", get(gateway.rapiRequest(null, "gv")).reason());
        assertEquals("not_a_command", get(gateway.rapiRequest(null, "GS  1")).reason());
        assertEquals(0, evse.received("FR"));
    }

    @Test
    void shouldAnswerRejectedOrNotChargingWhenATimeLimitIsAsked() throws Exception {
        assertEquals("evse_rejected", get(gateway.set(null, "t_limit", 4)).reason());   // standard build: $NK
        evse.plug(false);
        await().atMost(WAIT).until(() -> gateway.primaryPort().view().evseState() == MiniEvse.STATE_A);
        assertEquals("not_charging", get(gateway.set(null, "t_limit", 4)).reason());
    }

    @Test
    void shouldAnswerStorageErrorAndChangeNothingWhenTheSettingsCannotBeWritten() throws Exception {
        Settings before = onDisk();
        // a directory where the save writes its temporary file: every save fails with the file system's message
        Files.createDirectories(dir.resolve(SettingsStore.FILE_NAME + SettingsStore.TEMP_SUFFIX).resolve("x"));
        CommandResult breaker = get(gateway.set(null, "breaker", 20));
        assertEquals(Gateway.STORAGE_ERROR, breaker.reason(), breaker.toString());
        assertNotEquals(Gateway.DISK_FULL, breaker.detail());
        assertEquals(Gateway.STORAGE_ERROR, get(gateway.set(null, "enable", 3)).reason());
        assertEquals(Gateway.STORAGE_ERROR, get(gateway.resetSettings()).reason());
        assertEquals(Gateway.STORAGE_ERROR, get(gateway.setAll(Map.of("c_limit", 10L))).reason());
        assertEquals(before, onDisk());
        assertEquals(16, gateway.settings().breakerAmps(), "nothing changed");
        assertEquals(16, gateway.status().breaker());
        assertEquals(List.of(), settingEvents, "no ack");
        assertEquals(0, evse.received("FS"), "the refused enable 3 sent nothing");
    }

    @Test
    void shouldAnswerStorageErrorWithDiskFullWhenTheDataFolderIsFull() throws Exception {
        Path full = dir.resolve("full");
        Files.createDirectories(full);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs",
                full.toString()).redirectErrorStream(true).start();
        assumeTrue(mount.waitFor(20, TimeUnit.SECONDS) && mount.exitValue() == 0,
                "needs a small tmpfs (mount -t tmpfs, as root)");
        MiniEvse second = new MiniEvse(new ManualClock(), 32);
        int port = second.serveTcp(0);
        SettingsStore store = new SettingsStore(full, List.of("1"));
        store.save(Settings.defaults());
        try (Gateway onFull = Gateway.start(new Gateway.Parts("full", List.of("1"),
                List.of(Connectors.tcp("127.0.0.1", port)), house, store, NanoClock.system(),
                LocalMinuteClock.system(ZoneId.systemDefault()), null, System::currentTimeMillis))) {
            byte[] block = new byte[4096];
            try (OutputStream filler = Files.newOutputStream(full.resolve("filler"))) {
                for (int i = 0; i < 1024; i++) {
                    filler.write(block);
                    filler.flush();
                }
                fail("a 64 KiB tmpfs took 4 MiB");
            } catch (IOException expected) {
                // the file system is full now
            }
            CommandResult result = get(onFull.set(null, "breaker", 20));
            assertEquals(Gateway.STORAGE_ERROR, result.reason(), result.toString());
            assertEquals(Gateway.DISK_FULL, result.detail());
            assertEquals(16, onFull.settings().breakerAmps());
            assertEquals(Settings.defaults(), new SettingsStore(full, List.of("1")).load().settings());
        } finally {
            second.close();
            new ProcessBuilder("umount", full.toString()).redirectErrorStream(true).start().waitFor(20,
                    TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldRecognizeAFullDiskByTheFileSystemsMessage() {
        assertTrue(Gateway.isDiskFull(new IOException("No space left on device")));
        assertTrue(Gateway.isDiskFull(new IOException("save", new IOException("Disk quota exceeded"))));
        assertFalse(Gateway.isDiskFull(new IOException("Is a directory")));
        assertEquals(Gateway.DISK_FULL, Gateway.storageError(new IOException("No space left on device")).detail());
    }

    @Test
    void shouldLeaveAnAsleepChargerAsleepAtStartUntilEnableIsTwoWhenPlugAndChargeIsOff() throws Exception {
        MiniEvse asleep = new MiniEvse(new ManualClock(), 32);
        asleep.plug(true);
        asleep.sleepByItself();
        int port = asleep.serveTcp(0);
        try (Gateway second = Gateway.start(new Gateway.Parts("test2", List.of("1"),
                List.of(Connectors.tcp("127.0.0.1", port)), house, new SettingsStore(dir.resolve("second"),
                List.of("1")), NanoClock.system(), LocalMinuteClock.system(ZoneId.systemDefault()), null,
                System::currentTimeMillis))) {
            await().atMost(WAIT).until(() -> "OK".equals(second.status().primary().connection()));
            await().atMost(WAIT).until(() -> second.primaryPort().view().evseState() != ChargerView.UNKNOWN);
            long polled = asleep.received("GS") + asleep.received("GG");
            // several more polls (each after loop passes that saw the sleeping charger) and still no $FE
            await().atMost(WAIT).until(() -> asleep.received("GS") + asleep.received("GG") >= polled + 3);
            assertEquals(0, asleep.received("FE"), "P&C 0: the gateway's start is no reason to charge");
            assertEquals(0, asleep.received("FD"), "nor to disable");
            assertEquals(MiniEvse.STATE_SLEEPING, asleep.state());
            assertTrue(get(second.set(null, "enable", 2)).ok());
            await().atMost(WAIT).until(asleep::charging);
            assertEquals(1, asleep.received("FE"));
        } finally {
            asleep.close();
        }
    }

    @Test
    void shouldSayNotConfiguredWhenAnUpdateIsAskedWithoutASource() throws Exception {
        assertEquals("not_configured", get(gateway.update(false)).reason());
    }

    @Test
    void shouldRestoreAndPersistDefaultsWhenSettingsAreDeleted() throws Exception {
        assertTrue(get(gateway.set(null, "breaker", 32)).ok());
        assertTrue(get(gateway.resetSettings()).ok());
        assertEquals(16, onDisk().breakerAmps());
        assertEquals(16, gateway.settings().breakerAmps());
        await().atMost(WAIT).until(() -> gateway.status().breaker() == SettingKey.BREAKER.defaultValue());
    }

    @Test
    void shouldAcceptADelayTimerAndRefuseGarbage() throws Exception {
        CommandResult result = get(gateway.setDelayTimer(null, "22:00-06:00"));
        assertTrue(result.ok(), result.toString());
        assertEquals("22:00-06:00", result.value());
        assertEquals("not_a_time", get(gateway.setDelayTimer(null, "25:00-06:00")).reason());
    }
}
