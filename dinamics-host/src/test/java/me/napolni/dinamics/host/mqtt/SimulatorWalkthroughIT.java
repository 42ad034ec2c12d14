package me.napolni.dinamics.host.mqtt;

import me.napolni.dinamics.core.sim.HouseholdDay;
import me.napolni.dinamics.host.internal.EmbeddedBroker;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "watch and control the simulator" walkthrough of {@code docs/mqtt.md}, exactly as a README user runs it:
 * {@code java -jar dinamics.jar simulate} and the real {@code mosquitto_sub}/{@code mosquitto_pub} command-line
 * tools (skipped only where mosquitto-clients is not installed). Every process started here is stopped here.
 */
class SimulatorWalkthroughIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SERIAL = "simulated";
    private static final String BASE = "Dinamics/" + SERIAL + "/";

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process process : processes) {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private Process start(List<String> command, List<String> lines) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        Thread reader = new Thread(() -> readLines(process.getInputStream(), lines), "read " + command.get(0));
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private static void readLines(InputStream in, List<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static String awaitLine(List<String> lines, int from, Predicate<String> match, String what) {
        String[] found = new String[1];
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                List<String> copy = List.copyOf(lines);
                for (String line : copy.subList(Math.min(from, copy.size()), copy.size())) {
                    if (match.test(line)) {
                        found[0] = line;
                        return true;
                    }
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + WAIT + "; got:\n" + String.join("\n", lines), e);
        }
        return found[0];
    }

    private int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "did not finish: " + command);
        return process.exitValue();
    }

    @Test
    void shouldBeWatchedAndControlledWithMosquittoClientsWhenAUserRunsTheSimulator() throws Exception {
        String sub = E2eBrokers.program("mosquitto_sub").orElse(null);
        String pub = E2eBrokers.program("mosquitto_pub").orElse(null);
        Assumptions.assumeTrue(sub != null && pub != null, "mosquitto-clients is not installed");
        Path jar = Path.of("target", "dinamics.jar");
        assertTrue(Files.isRegularFile(jar), "package the jar first: " + jar.toAbsolutePath());
        Path days = Path.of(System.getProperty("dinamics.shared.dir"), "testdata", "household");
        String port = Integer.toString(EmbeddedBroker.freeLoopbackPort());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        // ./dinamics simulate --mqtt-port 1883   (here a free port, sped up, stopping by itself at the latest)
        List<String> simulate = new CopyOnWriteArrayList<>();
        start(List.of(java, "-jar", jar.toString(), "simulate", "--mqtt-port", port, "--speed", "10", "--day",
                HouseholdDay.listDays(days).get(0).toString(), "--data-dir", dir.resolve("data").toString(),
                "--duration", "90"), simulate);
        awaitLine(simulate, 0, line -> line.contains("MQTT:    127.0.0.1:" + port + "  topics " + BASE + "#"),
                "MQTT line of simulate");

        // mosquitto_sub -h 127.0.0.1 -p 1883 -v -t 'Dinamics/simulated/#'
        List<String> watched = new CopyOnWriteArrayList<>();
        start(List.of(sub, "-h", "127.0.0.1", "-p", port, "-v", "-t", BASE + "#"), watched);
        awaitLine(watched, 0, line -> line.startsWith(BASE + "snapshot {\"ts\":") && line.contains("\"serial\":\""
                + SERIAL + "\""), "snapshot");
        awaitLine(watched, 0, line -> line.matches("Dinamics/simulated/current1 \\d+\\.\\d\\d"), "current1");
        awaitLine(watched, 0, line -> line.equals(BASE + "connection OK"), "connection OK");
        awaitLine(watched, 0, line -> line.equals(BASE + "availability online"), "availability online");

        // mosquitto_pub -h 127.0.0.1 -p 1883 -t Dinamics/simulated/set_c_limit -m 10
        int mark = watched.size();
        assertEquals(0, run(List.of(pub, "-h", "127.0.0.1", "-p", port, "-t", BASE + "set_c_limit", "-m", "10")));
        awaitLine(watched, mark, line -> line.equals(BASE + "c_limit 10"), "c_limit 10");
        awaitLine(watched, mark, line -> line.startsWith(BASE + "snapshot ") && line.contains("\"c_limit\":10,"),
                "a snapshot with c_limit 10");

        // a fresh subscriber gets the retained value at once: mosquitto_sub ... -t .../c_limit -C 1
        List<String> once = new CopyOnWriteArrayList<>();
        Process one = start(List.of(sub, "-h", "127.0.0.1", "-p", port, "-t", BASE + "c_limit", "-C", "1"), once);
        assertTrue(one.waitFor(30, TimeUnit.SECONDS), "mosquitto_sub -C 1 got nothing retained");
        awaitLine(once, 0, line -> true, "the retained c_limit (the reader thread may lag the exit)");
        assertEquals(List.of("10"), List.copyOf(once));

        // pause and resume: set_enable 3, then 2
        mark = watched.size();
        assertEquals(0, run(List.of(pub, "-h", "127.0.0.1", "-p", port, "-t", BASE + "set_enable", "-m", "3")));
        awaitLine(watched, mark, line -> line.equals(BASE + "enable 3"), "enable 3");
        mark = watched.size();
        assertEquals(0, run(List.of(pub, "-h", "127.0.0.1", "-p", port, "-t", BASE + "set_enable", "-m", "2")));
        awaitLine(watched, mark, line -> line.equals(BASE + "enable 2"), "enable 2");

        // a value out of range is refused with a reason, and nothing changes
        mark = watched.size();
        assertEquals(0, run(List.of(pub, "-h", "127.0.0.1", "-p", port, "-t", BASE + "set_c_limit", "-m", "40")));
        awaitLine(watched, mark, line -> line.equals(BASE
                + "error {\"topic\":\"set_c_limit\",\"payload\":\"40\",\"reason\":\"out_of_range\",\"expected\":\"6..32\"}"),
                "the out_of_range error");
        int errorAt = watched.size();
        mark = watched.size();
        assertEquals(0, run(List.of(pub, "-h", "127.0.0.1", "-p", port, "-t", BASE + "get_status", "-m", "1")));
        awaitLine(watched, mark, line -> line.startsWith(BASE + "snapshot ") && line.contains("\"c_limit\":10,"),
                "c_limit still 10 after the refused value");
        assertTrue(watched.subList(0, errorAt).stream().noneMatch(line -> line.equals(BASE + "c_limit 40")),
                "a refused value was acked");
    }
}
