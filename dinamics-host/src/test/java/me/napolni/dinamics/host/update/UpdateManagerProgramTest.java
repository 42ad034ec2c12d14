package me.napolni.dinamics.host.update;

import me.napolni.dinamics.core.device.CommandResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateManagerProgramTest {

    private static final String OLD = "1.0.0";
    private static final String NEW = "1.1.0";
    private static final byte[] OLD_JAR = Fixtures.jar(OLD, "healthy");
    private static final byte[] NEW_JAR = Fixtures.jar(NEW, "healthy");

    @TempDir
    Path temp;

    private Path root;
    private Path data;
    private ReleaseServer server;
    private final List<String> statuses = new CopyOnWriteArrayList<>();
    private final List<Integer> exitCodes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        root = temp.resolve("opt");
        data = temp.resolve("data");
        Files.createDirectories(data);
        Fixtures.installProgram(root, OLD, OLD_JAR);
        server = new ReleaseServer();
        server.serve("/dinamics-1.1.0.jar", NEW_JAR);
        offer(Fixtures.signed(Release.PROGRAM, NEW, "dinamics-1.1.0.jar", NEW_JAR));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private void offer(Release... releases) {
        server.serve("/manifest.json", Fixtures.manifest(releases));
    }

    private UpdateConfig config(URI manifest, long maxProgramBytes) {
        return new UpdateConfig(manifest, Fixtures.KEYS.getPublic(), root, data, maxProgramBytes,
                UpdateConfig.DEFAULT_MAX_WEB_BYTES, UpdateConfig.DEFAULT_MAX_UNPACKED_WEB_BYTES, 10_000);
    }

    private UpdateManager manager(UpdateConfig config, UpdateStorage storage) {
        return UpdateManager.create(config, "0.0.1", (spiffs, text) -> {
            assertFalse(spiffs, "a program update reports on update_status");
            statuses.add(text);
        }, exitCodes::add, storage);
    }

    private UpdateManager manager() {
        return manager(config(server.uri("/manifest.json"), UpdateConfig.DEFAULT_MAX_PROGRAM_BYTES),
                UpdateStorage.FILE_SYSTEM);
    }

    private static CommandResult finish(UpdateManager.Run run) throws Exception {
        return run.finished().get(60, TimeUnit.SECONDS);
    }

    /** Runs an update that must fail with {@code word} and checks that nothing installed changed. */
    private void assertFailsUnchanged(UpdateManager manager, String word) throws Exception {
        Map<String, String> before = Fixtures.snapshot(root);
        UpdateManager.Run run = manager.start(false);
        assertTrue(run.started().ok(), "the update should start: " + run.started());
        CommandResult result = finish(run);
        assertFalse(result.ok());
        assertEquals("update_failed", result.reason());
        assertEquals(word, result.detail());
        assertEquals("failed: " + word, statuses.get(statuses.size() - 1));
        assertEquals(before, Fixtures.snapshot(root), "the install must be unchanged");
        assertEquals(OLD, manager.runningVersion(false));
        assertTrue(exitCodes.isEmpty(), "no restart after a failure");
        assertFalse(manager.busy());
    }

    @Test
    void shouldSwitchCurrentAndAskForRestartWhenNewerSignedReleaseIsOffered() throws Exception {
        UpdateManager manager = manager();
        UpdateManager.Run run = manager.start(false);
        assertEquals(CommandResult.accepted(1), run.started());
        CommandResult result = finish(run);

        assertEquals(CommandResult.accepted(NEW), result);
        assertEquals(Path.of("versions", NEW), Files.readSymbolicLink(root.resolve("current")));
        assertEquals(Path.of("versions", OLD), Files.readSymbolicLink(root.resolve("previous")));
        assertArrayEquals(NEW_JAR, Files.readAllBytes(root.resolve("current").resolve(UpdateManager.PROGRAM_JAR)));
        assertArrayEquals(OLD_JAR, Files.readAllBytes(root.resolve("previous").resolve(UpdateManager.PROGRAM_JAR)));
        assertEquals(NEW, Files.readString(root.resolve("state/pending")).strip());
        assertEquals(List.of(UpdateManager.EXIT_RESTART), exitCodes);
        assertFalse(Files.exists(root.resolve(UpdateManager.STAGING_DIR)), "staging cleaned up");
        assertEquals("checking", statuses.get(0));
        assertEquals("downloading 0 %", statuses.get(1));
        assertTrue(statuses.contains("downloading 100 %"), statuses.toString());
        assertEquals(List.of("verifying", "installing", "restarting"),
                statuses.subList(statuses.size() - 3, statuses.size()));
        int lastPercent = -1;
        for (String s : statuses) {
            if (s.startsWith("downloading ")) {
                int percent = Integer.parseInt(s.substring("downloading ".length(), s.length() - 2));
                assertTrue(percent > lastPercent, "progress goes up: " + statuses);
                lastPercent = percent;
            }
        }

        // after the restart the new version runs, reports healthy, and publishes done
        statuses.clear();
        UpdateManager restarted = manager();
        assertEquals(NEW, restarted.runningVersion(false));
        restarted.reportHealthy();
        assertEquals(List.of("done " + NEW), statuses);
        assertEquals(NEW, Files.readString(root.resolve("state/healthy")).strip());
    }

    @Test
    void shouldReportUpToDateAndDownloadNothingWhenSameVersionIsOffered() throws Exception {
        offer(Fixtures.signed(Release.PROGRAM, OLD, "dinamics-1.1.0.jar", NEW_JAR));
        Map<String, String> before = Fixtures.snapshot(root);
        CommandResult result = finish(manager().start(false));
        assertEquals(CommandResult.accepted(OLD), result);
        assertEquals(List.of("checking", "up_to_date " + OLD), statuses);
        assertEquals(before, Fixtures.snapshot(root));
        assertEquals(0, server.hits("/dinamics-1.1.0.jar"));
        assertTrue(exitCodes.isEmpty());
    }

    @Test
    void shouldNeverDowngradeWhenOlderVersionIsOffered() throws Exception {
        offer(Fixtures.signed(Release.PROGRAM, "0.9.9", "dinamics-1.1.0.jar", NEW_JAR));
        Map<String, String> before = Fixtures.snapshot(root);
        CommandResult result = finish(manager().start(false));
        assertEquals(CommandResult.accepted(OLD), result);
        assertEquals("up_to_date " + OLD, statuses.get(statuses.size() - 1));
        assertEquals(before, Fixtures.snapshot(root));
        assertEquals(0, server.hits("/dinamics-1.1.0.jar"));
    }

    @Test
    void shouldTreatPreReleaseAsOlderWhenReleaseIsRunning() throws Exception {
        offer(Fixtures.signed(Release.PROGRAM, "1.0.0-rc.9", "dinamics-1.1.0.jar", NEW_JAR));
        CommandResult result = finish(manager().start(false));
        assertEquals(CommandResult.accepted(OLD), result);
        assertEquals(0, server.hits("/dinamics-1.1.0.jar"));
    }

    @Test
    void shouldFailNetworkWhenServerIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/manifest.json");
        assertFailsUnchanged(manager(config(nowhere, UpdateConfig.DEFAULT_MAX_PROGRAM_BYTES),
                UpdateStorage.FILE_SYSTEM), UpdateException.NETWORK);
    }

    @Test
    void shouldFailNetworkWhenConnectionDropsMidDownload() throws Exception {
        server.serve("/dinamics-1.1.0.jar", NEW_JAR, ReleaseServer.Mode.DROP_HALFWAY);
        assertFailsUnchanged(manager(), UpdateException.NETWORK);
    }

    @Test
    void shouldFailNetworkWhenServerStallsMidDownloadLongerThanTheTimeout() throws Exception {
        server.serve("/dinamics-1.1.0.jar", NEW_JAR, ReleaseServer.Mode.STALL_HALFWAY);
        me.napolni.dinamics.core.time.ManualClock clock = new me.napolni.dinamics.core.time.ManualClock();
        UpdateManager manager = UpdateManager.create(config(server.uri("/manifest.json"),
                UpdateConfig.DEFAULT_MAX_PROGRAM_BYTES), "0.0.1", (spiffs, text) -> statuses.add(text),
                exitCodes::add, UpdateStorage.FILE_SYSTEM, clock);
        Map<String, String> before = Fixtures.snapshot(root);
        UpdateManager.Run run = manager.start(false);
        assertTrue(server.awaitGated(), "half the file was sent");
        // the server says nothing more: time passes on the injected clock until the watchdog gives up
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            clock.advanceMs(1_000);
            return run.finished().isDone();
        });
        CommandResult result = finish(run);
        assertEquals(UpdateException.NETWORK, result.detail());
        assertEquals("failed: network", statuses.get(statuses.size() - 1));
        assertEquals(before, Fixtures.snapshot(root));
        assertTrue(exitCodes.isEmpty());
        assertFalse(manager.busy(), "a stalled server does not hold the update for ever");
    }

    @Test
    void shouldFailHttp404WhenManifestIsMissing() throws Exception {
        server.status("/manifest.json", 404);
        assertFailsUnchanged(manager(), "http_404");
    }

    @Test
    void shouldFailHttpStatusWhenReleaseFileIsMissing() throws Exception {
        server.status("/dinamics-1.1.0.jar", 503);
        assertFailsUnchanged(manager(), "http_503");
    }

    @Test
    void shouldFailBadManifestWhenManifestIsNotJson() throws Exception {
        server.serve("/manifest.json", "<html>not a manifest".getBytes(StandardCharsets.UTF_8));
        assertFailsUnchanged(manager(), UpdateException.BAD_MANIFEST);
    }

    @Test
    void shouldFailBadManifestWhenFieldIsMissing() throws Exception {
        String json = "{\"format\":1,\"releases\":[{\"component\":\"program\",\"version\":\"1.1.0\","
                + "\"url\":\"dinamics-1.1.0.jar\",\"size\":5,\"signature\":\"\"}]}";
        server.serve("/manifest.json", json.getBytes(StandardCharsets.UTF_8));
        assertFailsUnchanged(manager(), UpdateException.BAD_MANIFEST);
    }

    @Test
    void shouldFailBadManifestWhenProgramIsNotInManifest() throws Exception {
        offer(Fixtures.signed(Release.WEB, NEW, "web.zip", NEW_JAR));
        assertFailsUnchanged(manager(), UpdateException.BAD_MANIFEST);
    }

    @Test
    void shouldFailBadSignatureWhenSignedFieldIsTampered() throws Exception {
        Release genuine = Fixtures.signed(Release.PROGRAM, NEW, "dinamics-1.1.0.jar", NEW_JAR);
        offer(new Release(genuine.component(), "9.0.0", genuine.url(), genuine.sizeBytes(), genuine.sha256(),
                genuine.signature()));
        assertFailsUnchanged(manager(), UpdateException.BAD_SIGNATURE);
        assertEquals(0, server.hits("/dinamics-1.1.0.jar"), "nothing downloaded on a bad signature");
    }

    @Test
    void shouldFailBadSignatureWhenSignedByAnotherKey() throws Exception {
        offer(Fixtures.sign(new Release(Release.PROGRAM, NEW, "dinamics-1.1.0.jar", NEW_JAR.length,
                Fixtures.sha256(NEW_JAR), ""), Fixtures.OTHER_KEYS));
        assertFailsUnchanged(manager(), UpdateException.BAD_SIGNATURE);
    }

    @Test
    void shouldFailHashMismatchWhenFileDiffersFromSignedHash() throws Exception {
        byte[] evil = NEW_JAR.clone();
        evil[evil.length / 2] ^= 0x01;
        server.serve("/dinamics-1.1.0.jar", evil);
        assertFailsUnchanged(manager(), UpdateException.HASH_MISMATCH);
    }

    @Test
    void shouldFailSizeMismatchWhenServedFileIsTruncated() throws Exception {
        server.serve("/dinamics-1.1.0.jar", java.util.Arrays.copyOf(NEW_JAR, NEW_JAR.length - 1000));
        assertFailsUnchanged(manager(), UpdateException.SIZE_MISMATCH);
    }

    @Test
    void shouldFailSizeMismatchWhenServedFileIsLonger() throws Exception {
        server.serve("/dinamics-1.1.0.jar", java.util.Arrays.copyOf(NEW_JAR, NEW_JAR.length + 1000));
        assertFailsUnchanged(manager(), UpdateException.SIZE_MISMATCH);
    }

    @Test
    void shouldFailTooLargeWithoutDownloadingWhenReleaseExceedsCap() throws Exception {
        UpdateManager manager = manager(config(server.uri("/manifest.json"), NEW_JAR.length - 1),
                UpdateStorage.FILE_SYSTEM);
        assertFailsUnchanged(manager, UpdateException.TOO_LARGE);
        assertEquals(0, server.hits("/dinamics-1.1.0.jar"));
    }

    @Test
    void shouldFailDiskFullWhenFreeSpaceIsShort() throws Exception {
        assertFailsUnchanged(manager(config(server.uri("/manifest.json"), UpdateConfig.DEFAULT_MAX_PROGRAM_BYTES),
                new CappedStorage(NEW_JAR.length - 1, Long.MAX_VALUE)), UpdateException.DISK_FULL);
    }

    @Test
    void shouldFailDiskFullWhenDiskFillsDuringDownload() throws Exception {
        assertFailsUnchanged(manager(config(server.uri("/manifest.json"), UpdateConfig.DEFAULT_MAX_PROGRAM_BYTES),
                new CappedStorage(Long.MAX_VALUE, NEW_JAR.length / 3)), UpdateException.DISK_FULL);
    }

    @Test
    void shouldFailHealthCheckWithoutDownloadingWhenVersionWasRolledBackBefore() throws Exception {
        Files.createDirectories(root.resolve("state"));
        Files.writeString(root.resolve("state/bad-versions"), NEW + "\n");
        assertFailsUnchanged(manager(), UpdateException.HEALTH_CHECK);
        assertEquals(0, server.hits("/dinamics-1.1.0.jar"));
    }

    @Test
    void shouldRejectBusyWhenSecondUpdateIsRequestedWhileOneRuns() throws Exception {
        server.serve("/dinamics-1.1.0.jar", NEW_JAR, ReleaseServer.Mode.GATED);
        UpdateManager manager = manager();
        UpdateManager.Run first = manager.start(false);
        assertTrue(first.started().ok());
        assertTrue(server.awaitGated(), "the first update reached the download");
        Map<String, String> during = Fixtures.snapshot(root);

        UpdateManager.Run second = manager.start(false);
        UpdateManager.Run secondWeb = manager.start(true);
        assertEquals("busy", second.started().reason());
        assertEquals("busy", secondWeb.started().reason());
        assertEquals("busy", finish(second).reason());
        assertEquals(during, Fixtures.snapshot(root), "a busy reply changes nothing");

        server.release();
        assertEquals(CommandResult.accepted(NEW), finish(first));
    }

    @Test
    void shouldRejectNotConfiguredWhenNoSourceIsSet() throws Exception {
        UpdateConfig none = new UpdateConfig(null, null, root, data, 1, 1, 1, 1);
        Map<String, String> before = Fixtures.snapshot(root);
        UpdateManager.Run run = manager(none, UpdateStorage.FILE_SYSTEM).start(false);
        assertEquals("not_configured", run.started().reason());
        assertEquals("not_configured", finish(run).detail());
        assertEquals(List.of("failed: not_configured"), statuses);
        assertEquals(before, Fixtures.snapshot(root));
    }

    @Test
    void shouldRejectNotConfiguredWhenProgramIsNotInstalledInLayout() throws Exception {
        Files.delete(root.resolve("current"));
        UpdateManager.Run run = manager().start(false);
        assertEquals("not_configured", run.started().reason());
        assertEquals(0, server.hits("/manifest.json"));
    }

    @Test
    void shouldPublishHealthCheckNoteOnceWhenLauncherRolledBack() throws Exception {
        Files.createDirectories(root.resolve("state"));
        Files.writeString(root.resolve("state/note"), "failed: health_check\n");
        UpdateManager manager = manager();
        manager.reportHealthy();
        manager.reportHealthy();
        assertEquals(List.of("failed: health_check"), statuses);
        assertEquals(OLD, Files.readString(root.resolve("state/healthy")).strip());
    }

    @Test
    void shouldReportHealthyOnlyOnceReadyWhenWatching() throws Exception {
        Files.createDirectories(root.resolve("state"));
        Files.writeString(root.resolve("state/pending"), OLD + "\n");
        java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(2);
        Thread watcher = manager().reportHealthyWhen(() -> {
            asked.countDown();
            return ready.get();
        }, 600_000);
        assertTrue(asked.await(30, TimeUnit.SECONDS), "the watcher looks more than once");
        assertFalse(Files.exists(root.resolve("state/healthy")), "not healthy before ready");
        ready.set(true);
        watcher.join(30_000);
        assertFalse(watcher.isAlive());
        assertEquals(OLD, Files.readString(root.resolve("state/healthy")).strip());
        assertEquals(List.of("done " + OLD), statuses);
    }

    @Test
    void shouldGiveUpWithoutReportingWhenNeverReadyBeforeTheDeadline() throws Exception {
        me.napolni.dinamics.core.time.ManualClock clock = new me.napolni.dinamics.core.time.ManualClock();
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        Thread watcher = manager().reportHealthyWhen(() -> {
            asked.countDown();
            return false;
        }, 10_000, clock);
        assertTrue(asked.await(30, TimeUnit.SECONDS));
        clock.advanceMs(10_000);
        watcher.join(30_000);
        assertFalse(watcher.isAlive(), "the watcher gives up at the deadline");
        assertFalse(Files.exists(root.resolve("state/healthy")), "never ready: never healthy");
        assertTrue(statuses.isEmpty());
    }

    /** Storage that claims little free space, or fails writing once a number of bytes were written. */
    static final class CappedStorage implements UpdateStorage {
        private final long usableBytes;
        private final long writableBytes;
        private long written;

        CappedStorage(long usableBytes, long writableBytes) {
            this.usableBytes = usableBytes;
            this.writableBytes = writableBytes;
        }

        @Override
        public OutputStream create(Path file) throws IOException {
            return new FilterOutputStream(FILE_SYSTEM.create(file)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (written + len > writableBytes) {
                        throw new IOException("No space left on device");
                    }
                    written += len;
                    out.write(b, off, len);
                }

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }
            };
        }

        @Override
        public long usableBytes(Path directory) {
            return usableBytes;
        }
    }
}
