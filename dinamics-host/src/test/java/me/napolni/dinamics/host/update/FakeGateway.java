package me.napolni.dinamics.host.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Stands in for the gateway when the launcher test runs {@code java -jar current/dinamics.jar}: reads how to behave
 * from the jar ({@code healthy}, {@code crash}, {@code hang}) and, when healthy, calls the real
 * {@link UpdateManager#reportHealthy()}, printing the statuses it publishes.
 */
public final class FakeGateway {

    private FakeGateway() {
    }

    /**
     * Runs.
     *
     * @param args the jar path, then the gateway's arguments
     * @throws Exception on any failure (the test sees the exit code)
     */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        String behaviour = behaviour(jar);
        String version = jar.toRealPath().getParent().getFileName().toString();
        System.out.println("START " + version + " " + behaviour);
        System.out.flush();
        switch (behaviour) {
            case "healthy" -> {
                Path root = Path.of(System.getenv("DINAMICS_HOME"));
                UpdateConfig config = new UpdateConfig(null, null, root, root.resolve("data"), 1, 1, 1, 1);
                UpdateManager manager = UpdateManager.create(config, "0.0.1",
                        (spiffs, text) -> System.out.println("STATUS " + text), code -> { });
                manager.reportHealthy();
                System.out.println("RUNNING " + manager.runningVersion(false));
                System.out.flush();
            }
            case "crash" -> System.exit(3);
            case "hang" -> new CountDownLatch(1).await();        // until the launcher stops it
            default -> throw new IllegalStateException("unknown behaviour " + behaviour);
        }
    }

    private static String behaviour(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(Fixtures.BEHAVIOUR_ENTRY);
            return new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
