package me.napolni.dinamics.host.update;

import me.napolni.dinamics.core.device.CommandResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code packaging/dinamics-launch} with a fake {@code java} that starts {@link FakeGateway} from the installed
 * jar: a healthy new version stays, one that crashes or hangs in its trial is rolled back.
 */
class LauncherTest {

    private static final String OLD = "1.0.0";
    private static final String NEW = "1.1.0";
    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).resolve("../packaging/dinamics-launch")
            .normalize();

    @TempDir
    Path temp;

    private Path root;
    private ReleaseServer server;
    private final List<String> statuses = new CopyOnWriteArrayList<>();
    private final List<Integer> exitCodes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        root = temp.resolve("opt");
        Files.createDirectories(root.resolve("data"));
        Fixtures.installProgram(root, OLD, Fixtures.jar(OLD, "healthy"));
        server = new ReleaseServer();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private UpdateManager manager() {
        UpdateConfig config = new UpdateConfig(server.uri("/manifest.json"), Fixtures.KEYS.getPublic(), root,
                root.resolve("data"), UpdateConfig.DEFAULT_MAX_PROGRAM_BYTES, UpdateConfig.DEFAULT_MAX_WEB_BYTES,
                UpdateConfig.DEFAULT_MAX_UNPACKED_WEB_BYTES, 10_000);
        return UpdateManager.create(config, "0.0.1", (spiffs, text) -> statuses.add(text), exitCodes::add);
    }

    /** Publishes {@code NEW} behaving as told and lets the running gateway update to it. */
    private void updateTo(String behaviour) throws Exception {
        byte[] jar = Fixtures.jar(NEW, behaviour);
        server.serve("/dinamics-1.1.0.jar", jar);
        server.serve("/manifest.json", Fixtures.manifest(Fixtures.signed(Release.PROGRAM, NEW, "dinamics-1.1.0.jar",
                jar)));
        CommandResult result = manager().start(false).finished().get(60, TimeUnit.SECONDS);
        assertEquals(CommandResult.accepted(NEW), result);
        assertEquals(List.of(UpdateManager.EXIT_RESTART), exitCodes);
    }

    private record Launch(int exitCode, List<String> output) {
        boolean printed(String line) {
            return output.contains(line);
        }
    }

    private Launch launch(long healthTimeoutS) throws Exception {
        Path fakeJava = temp.resolve("fake-java");
        Files.writeString(fakeJava, String.join("\n",
                "#!/usr/bin/env bash",
                "# dinamics-launch calls: java [options] -jar JAR [arguments]",
                "while [ \"$#\" -gt 0 ] && [ \"$1\" != -jar ]; do shift; done",
                "jar=\"$2\"; shift 2",
                "exec \"$REAL_JAVA\" -cp \"$TEST_CLASSPATH\" " + FakeGateway.class.getName() + " \"$jar\" \"$@\"",
                ""));
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));
        Path out = temp.resolve("launch-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", LAUNCHER.toString(), "run", "--config", "x.json")
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        Map<String, String> env = builder.environment();
        env.put("DINAMICS_HOME", root.toString());
        env.put("DINAMICS_JAVA", fakeJava.toString());
        env.put("DINAMICS_HEALTH_TIMEOUT_S", Long.toString(healthTimeoutS));
        env.put("DINAMICS_HEALTH_POLL_S", "0.1");
        env.put("DINAMICS_STOP_GRACE_S", "30");
        env.put("REAL_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("TEST_CLASSPATH", System.getProperty("java.class.path"));
        Process process = builder.start();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the launcher should end");
        return new Launch(process.exitValue(), Files.readAllLines(out));
    }

    private String current() throws IOException {
        return Files.readSymbolicLink(root.resolve("current")).getFileName().toString();
    }

    @Test
    void shouldKeepNewVersionAndPublishDoneWhenItReportsHealthyInTrial() throws Exception {
        updateTo("healthy");
        Launch launch = launch(120);
        assertEquals(0, launch.exitCode(), launch.output().toString());
        assertTrue(launch.printed("START " + NEW + " healthy"), launch.output().toString());
        assertTrue(launch.printed("STATUS done " + NEW), launch.output().toString());
        assertEquals(NEW, current());
        assertFalse(Files.exists(root.resolve("state/pending")), "the trial is over");
        assertFalse(Files.exists(root.resolve("state/note")));
        assertFalse(Files.exists(root.resolve("state/bad-versions")));
    }

    @Test
    void shouldRollBackAndPublishHealthCheckWhenNewVersionExitsBeforeHealthy() throws Exception {
        updateTo("crash");
        Launch launch = launch(120);
        assertEquals(0, launch.exitCode(), launch.output().toString());
        assertTrue(launch.printed("START " + NEW + " crash"), launch.output().toString());
        assertTrue(launch.printed("START " + OLD + " healthy"), launch.output().toString());
        assertTrue(launch.printed("STATUS failed: health_check"), launch.output().toString());
        assertFalse(launch.printed("STATUS done " + NEW), launch.output().toString());
        assertEquals(OLD, current());
        assertEquals(NEW, Files.readString(root.resolve("state/bad-versions")).strip());
        assertFalse(Files.exists(root.resolve("state/pending")));
        assertFalse(Files.exists(root.resolve("state/note")), "the note is published once");
        assertTrue(Files.exists(root.resolve("versions").resolve(NEW).resolve(UpdateManager.PROGRAM_JAR)),
                "the failed version is kept for diagnosis");

        // the same release is not tried again
        statuses.clear();
        CommandResult again = manager().start(false).finished().get(60, TimeUnit.SECONDS);
        assertEquals("health_check", again.detail());
        assertEquals(OLD, current());
    }

    @Test
    void shouldRollBackWhenNewVersionHangsPastTheHealthTimeout() throws Exception {
        updateTo("hang");
        Launch launch = launch(2);
        assertEquals(0, launch.exitCode(), launch.output().toString());
        // (the hanging JVM may be stopped before it prints anything on a loaded machine: not asserted)
        assertTrue(launch.output().stream().anyMatch(l -> l.contains("failed its trial (timeout)")),
                launch.output().toString());
        assertTrue(launch.printed("STATUS failed: health_check"), launch.output().toString());
        assertEquals(OLD, current());
    }

    @Test
    void shouldRunWithoutTrialWhenPendingVersionIsNotCurrent() throws Exception {
        Files.createDirectories(root.resolve("state"));
        Files.writeString(root.resolve("state/pending"), "9.9.9\n");
        Launch launch = launch(120);
        assertEquals(0, launch.exitCode(), launch.output().toString());
        assertTrue(launch.printed("START " + OLD + " healthy"), launch.output().toString());
        assertFalse(launch.printed("STATUS failed: health_check"), launch.output().toString());
        assertEquals(OLD, current());
        assertFalse(Files.exists(root.resolve("state/pending")));
    }

    @Test
    void shouldPassTheExitCodeThroughWhenNothingIsPending() throws Exception {
        Fixtures.installProgram(root, "1.0.1", Fixtures.jar("1.0.1", "crash"));
        Launch launch = launch(120);
        assertEquals(3, launch.exitCode(), launch.output().toString());
        assertEquals("1.0.1", current(), "no trial, no rollback");
    }
}
