package me.napolni.dinamics.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every curl example of {@code docs/api.md} with the real curl against a running server and checks the
 * status code written after it, and that the metrics the doc lists are the ones served.
 */
class ApiDocTest {

    private static final String TOKEN = "doc-token-7d2e91";
    private static final Pattern EXPECTATION = Pattern.compile("#\\s*→\\s*(\\d{3})");
    private static final Pattern WEB_METRIC = Pattern.compile("^\\| `(dinamics_[a-z_]+)`", Pattern.MULTILINE);
    private static final Path CURL = Path.of("/usr/bin/curl");

    @TempDir
    Path workDir;

    /** One example: the command as written and the status it should get. */
    record Example(String command, int expectedStatus) {
    }

    static Path apiDoc() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs").resolve("api.md");
            if (Files.isRegularFile(doc)) {
                return doc;
            }
        }
        throw new IllegalStateException("docs/api.md not found above " + Path.of("").toAbsolutePath());
    }

    static List<Example> examples(String markdown) {
        List<Example> examples = new ArrayList<>();
        boolean inShell = false;
        String pending = null;
        StringBuilder command = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                assertTrue(pending == null, "a command without an expected status: " + pending);
                inShell = !inShell && line.trim().equals("```sh");
                continue;
            }
            if (!inShell) {
                continue;
            }
            Matcher expectation = EXPECTATION.matcher(line.trim());
            if (expectation.matches()) {
                assertTrue(pending != null, "an expected status without a command");
                examples.add(new Example(pending, Integer.parseInt(expectation.group(1))));
                pending = null;
                continue;
            }
            String trimmed = line.trim();
            if (trimmed.endsWith("\\")) {
                command.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            command.append(trimmed);
            if (!command.toString().isBlank()) {
                assertTrue(pending == null, "a command without an expected status: " + pending);
                pending = command.toString();
            }
            command.setLength(0);
        }
        return examples;
    }

    @Test
    void shouldFindExamplesForEveryEndpointWhenDocIsParsed() throws IOException {
        List<Example> examples = examples(Files.readString(apiDoc()));
        assertTrue(examples.size() >= 10, "examples: " + examples);
        for (String path : List.of("/api/status", "/api/settings", "/api/settings/schema", "/api/command",
                "/api/history", "/api/events", "/metrics", "/login")) {
            assertTrue(examples.stream().anyMatch(e -> e.command().contains("$DINAMICS" + path + "\"")
                    || e.command().contains("$DINAMICS" + path + "?")), "no example for " + path);
        }
        for (Example example : examples) {
            assertTrue(example.command().startsWith("curl "), example.command());
        }
    }

    @Test
    void shouldAnswerEveryCurlExampleWithTheDocumentedStatus() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CURL), "skipped: curl is not installed");
        FakeDevice device = new FakeDevice();
        try (WebServer server = WebServer.start(device, WebConfig.of(() -> TOKEN).withSamplePeriodMs(100))) {
            String base = server.uri().toString().replaceAll("/$", "");
            await().atMost(Duration.ofSeconds(20)).until(() -> new Http(server.uri(), TOKEN)
                    .get("/api/history?minutes=1").body().contains("\"ts\":[1"));
            for (Example example : examples(Files.readString(apiDoc()))) {
                ProcessBuilder builder = new ProcessBuilder("sh", "-c",
                        example.command() + " -o /dev/null -w '%{http_code}'").directory(workDir.toFile());
                builder.environment().put("DINAMICS", base);
                builder.environment().put("TOKEN", TOKEN);
                builder.redirectErrorStream(false);
                Process process = builder.start();
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "curl hung: " + example.command());
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = process.exitValue();
                boolean streamEnded = exit == 28 && example.command().contains("--max-time");
                assertTrue(exit == 0 || streamEnded, example.command() + " exit " + exit + ": " + err);
                assertEquals(Integer.toString(example.expectedStatus()), out.trim(), example.command());
            }
            assertEquals(20, device.settings().cLimitAmps(), "the PUT example was applied");
            assertEquals(25, device.settings().breakerAmps());
        }
    }

    @Test
    void shouldServeEveryMetricTheDocLists() throws Exception {
        Matcher names = WEB_METRIC.matcher(Files.readString(apiDoc()));
        List<String> listed = new ArrayList<>();
        while (names.find()) {
            listed.add(names.group(1));
        }
        assertFalse(listed.isEmpty());
        try (WebServer server = WebServer.start(new FakeDevice(), WebConfig.of(() -> TOKEN))) {
            String metrics = new Http(server.uri(), TOKEN).get("/metrics").body();
            for (String name : listed) {
                assertTrue(metrics.contains("\n" + name + "{") || metrics.contains("\n" + name + " "),
                        name + " is documented but not served");
            }
        }
    }
}
