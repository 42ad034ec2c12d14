package me.napolni.dinamics.host.update;

import me.napolni.dinamics.core.device.CommandResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateManagerWebTest {

    private static final String OLD = "2.0.0";
    private static final String NEW = "2.1.0";
    private static final Map<String, String> OLD_FILES = Map.of("index.html", "<h1>old</h1>", "app.js", "old()");

    @TempDir
    Path temp;

    private Path data;
    private Path assets;
    private ReleaseServer server;
    private final List<String> statuses = new CopyOnWriteArrayList<>();
    private final List<Integer> exitCodes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        data = temp.resolve("data");
        assets = data.resolve(UpdateManager.WEB_ASSETS_DIR);
        Fixtures.installWeb(data, OLD, OLD_FILES);
        server = new ReleaseServer();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static Map<String, String> bundle(String... namesAndContents) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            entries.put(namesAndContents[i], namesAndContents[i + 1]);
        }
        return entries;
    }

    private void offer(byte[] zip) {
        server.serve("/web-2.1.0.zip", zip);
        server.serve("/manifest.json", Fixtures.manifest(Fixtures.signed(Release.WEB, NEW, "web-2.1.0.zip", zip)));
    }

    private UpdateManager manager(long maxUnpackedBytes) {
        UpdateConfig config = new UpdateConfig(server.uri("/manifest.json"), Fixtures.KEYS.getPublic(), null, data,
                UpdateConfig.DEFAULT_MAX_PROGRAM_BYTES, UpdateConfig.DEFAULT_MAX_WEB_BYTES, maxUnpackedBytes, 10_000);
        return UpdateManager.create(config, "0.0.1", (spiffs, text) -> {
            assertTrue(spiffs, "a web update reports on update_spiffs_status");
            statuses.add(text);
        }, exitCodes::add);
    }

    private UpdateManager manager() {
        return manager(UpdateConfig.DEFAULT_MAX_UNPACKED_WEB_BYTES);
    }

    private void assertRejectedWhole(UpdateManager manager, String word) throws Exception {
        Map<String, String> before = Fixtures.snapshot(temp);
        UpdateManager.Run run = manager.start(true);
        assertTrue(run.started().ok(), run.started().toString());
        CommandResult result = run.finished().get(60, TimeUnit.SECONDS);
        assertEquals(CommandResult.rejected("update_failed", null, word), result);
        assertEquals("failed: " + word, statuses.get(statuses.size() - 1));
        assertEquals(before, Fixtures.snapshot(temp), "the old assets stay, nothing else appears");
        assertEquals(OLD, manager.runningVersion(true));
        assertEquals("<h1>old</h1>", Files.readString(manager.activeAssetDir().orElseThrow().resolve("index.html")));
        assertFalse(Files.exists(temp.resolve("evil.txt")));
    }

    @Test
    void shouldUnpackAndSwitchAssetsWhenNewerSignedBundleIsOffered() throws Exception {
        offer(Fixtures.zip(bundle("index.html", "<h1>new</h1>", "js/", "", "js/app.js", "nu()")));
        UpdateManager manager = manager();
        assertEquals(OLD, manager.runningVersion(true));
        Path served = manager.activeAssetDir().orElseThrow();

        CommandResult result = manager.start(true).finished().get(60, TimeUnit.SECONDS);

        assertEquals(CommandResult.accepted(NEW), result);
        assertEquals(Path.of(NEW), Files.readSymbolicLink(assets.resolve("current")));
        assertEquals(Path.of(OLD), Files.readSymbolicLink(assets.resolve("previous")));
        assertEquals("<h1>new</h1>", Files.readString(served.resolve("index.html")), "served through the link");
        assertEquals("nu()", Files.readString(served.resolve("js/app.js")));
        assertEquals("old()", Files.readString(assets.resolve("previous/app.js")));
        assertEquals(NEW, manager.runningVersion(true));
        assertEquals("done " + NEW, statuses.get(statuses.size() - 1));
        assertEquals(List.of("checking", "downloading 0 %"), statuses.subList(0, 2));
        assertTrue(statuses.containsAll(List.of("downloading 100 %", "verifying", "installing")), statuses.toString());
        assertTrue(exitCodes.isEmpty(), "a web update needs no restart");
        assertFalse(Files.exists(assets.resolve(UpdateManager.STAGING_DIR)));
        assertFalse(Files.exists(assets.resolve("." + NEW + ".new")));
    }

    @Test
    void shouldKeepOnlyCurrentAndPreviousWhenSecondBundleArrives() throws Exception {
        offer(Fixtures.zip(bundle("index.html", "<h1>new</h1>")));
        assertTrue(manager().start(true).finished().get(60, TimeUnit.SECONDS).ok());
        byte[] third = Fixtures.zip(bundle("index.html", "<h1>third</h1>"));
        server.serve("/web-3.0.0.zip", third);
        server.serve("/manifest.json", Fixtures.manifest(Fixtures.signed(Release.WEB, "3.0.0", "web-3.0.0.zip",
                third)));
        assertEquals(CommandResult.accepted("3.0.0"), manager().start(true).finished().get(60, TimeUnit.SECONDS));
        assertEquals(Path.of(NEW), Files.readSymbolicLink(assets.resolve("previous")));
        assertFalse(Files.exists(assets.resolve(OLD)), "the version before previous is pruned");
    }

    @Test
    void shouldRejectWholeBundleWhenEntryClimbsOutOfTheDirectory() throws Exception {
        offer(Fixtures.zip(bundle("index.html", "<h1>new</h1>", "../../evil.txt", "pwned")));
        assertRejectedWhole(manager(), UpdateException.BAD_MANIFEST);
    }

    @Test
    void shouldRejectWholeBundleWhenEntryIsAbsolute() throws Exception {
        offer(Fixtures.zip(bundle("index.html", "<h1>new</h1>", "/tmp/evil.txt", "pwned")));
        assertRejectedWhole(manager(), UpdateException.BAD_MANIFEST);
    }

    @Test
    void shouldRejectWholeBundleWhenHashDiffers() throws Exception {
        byte[] zip = Fixtures.zip(bundle("index.html", "<h1>new</h1>"));
        offer(zip);
        byte[] other = Fixtures.zip(bundle("index.html", "<h1>NEW</h1>"));
        assertEquals(zip.length, other.length);
        server.serve("/web-2.1.0.zip", other);
        assertRejectedWhole(manager(), UpdateException.HASH_MISMATCH);
    }

    @Test
    void shouldRejectWholeBundleWhenItIsNotAZip() throws Exception {
        offer("this is not a zip at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertRejectedWhole(manager(), UpdateException.BAD_MANIFEST);
    }

    @Test
    void shouldRejectWholeBundleWhenIndexIsMissing() throws Exception {
        offer(Fixtures.zip(bundle("app.js", "x()")));
        assertRejectedWhole(manager(), UpdateException.BAD_MANIFEST);
    }

    @Test
    void shouldRejectWholeBundleWhenItUnpacksPastTheCap() throws Exception {
        offer(Fixtures.zip(bundle("index.html", "<h1>new</h1>", "big.txt", "x".repeat(100_000))));
        assertRejectedWhole(manager(50_000), UpdateException.TOO_LARGE);
    }

    @Test
    void shouldRejectWholeBundleWhenSignatureIsFromAnotherKey() throws Exception {
        byte[] zip = Fixtures.zip(bundle("index.html", "<h1>new</h1>"));
        server.serve("/web-2.1.0.zip", zip);
        server.serve("/manifest.json", Fixtures.manifest(Fixtures.sign(new Release(Release.WEB, NEW, "web-2.1.0.zip",
                zip.length, Fixtures.sha256(zip), ""), Fixtures.OTHER_KEYS)));
        assertRejectedWhole(manager(), UpdateException.BAD_SIGNATURE);
    }

    @Test
    void shouldRejectWholeBundleWhenDiskFillsWhileUnpacking() throws Exception {
        byte[] zip = Fixtures.zip(bundle("index.html", "<h1>new</h1>", "big.txt", "x".repeat(50_000)));
        offer(zip);
        UpdateConfig config = new UpdateConfig(server.uri("/manifest.json"), Fixtures.KEYS.getPublic(), null, data,
                1 << 20, 1 << 20, 1 << 20, 10_000);
        UpdateManager manager = UpdateManager.create(config, "0.0.1", (spiffs, text) -> statuses.add(text),
                exitCodes::add, new UpdateManagerProgramTest.CappedStorage(Long.MAX_VALUE, zip.length + 1_000));
        assertRejectedWhole(manager, UpdateException.DISK_FULL);
    }

    @Test
    void shouldInstallFirstBundleWhenNoneIsInstalled() throws Exception {
        Path fresh = temp.resolve("fresh");
        byte[] zip = Fixtures.zip(bundle("index.html", "<h1>first</h1>"));
        offer(zip);
        UpdateConfig config = new UpdateConfig(URI.create(server.uri("/manifest.json").toString()),
                Fixtures.KEYS.getPublic(), null, fresh, 1 << 20, 1 << 20, 1 << 20, 10_000);
        UpdateManager manager = UpdateManager.create(config, "0.0.1", (spiffs, text) -> statuses.add(text),
                exitCodes::add);
        assertTrue(manager.activeAssetDir().isEmpty(), "no bundle yet: serve the built-in assets");
        assertEquals(UpdateManager.NO_WEB_VERSION, manager.runningVersion(true));
        assertEquals(CommandResult.accepted(NEW), manager.start(true).finished().get(60, TimeUnit.SECONDS));
        assertEquals("<h1>first</h1>", Files.readString(manager.activeAssetDir().orElseThrow().resolve("index.html")));
        assertFalse(Files.exists(fresh.resolve(UpdateManager.WEB_ASSETS_DIR).resolve("previous")));
    }
}
