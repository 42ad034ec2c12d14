package me.napolni.dinamics.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import me.napolni.dinamics.host.internal.EmbeddedBroker;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar target/dinamics.jar simulate} as a user runs it: over a sped-up evening of the stress day it
 * serves MQTT on loopback, the car's current follows the house (balancing), and the breaker never trips. Everything
 * is asserted through the program's own output and its MQTT topics.
 */
class SimulateIT {

    private static final Pattern STATUS = Pattern.compile(
            "^status time=\\S+ l1=(\\S+) l2=(\\S+) l3=(\\S+) limit=(\\S+) pilot=(\\S+) car=(\\S+) state=(\\S+) "
                    + "evse=(\\S+) failsafe=(\\S+) thermal=\\S+ peak=(\\S+)% trips=(\\d+)$");

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void shouldBalanceWithoutTripWhenSimulatingASpedUpEvening() throws Exception {
        Path jar = Path.of("target", "dinamics.jar");
        assertTrue(Files.isRegularFile(jar), "package the jar first: " + jar.toAbsolutePath());
        Path day = Path.of(System.getProperty("dinamics.shared.dir"), "testdata", "household",
                "day-stress-induction.csv.gz");
        if (!Files.exists(day)) {
            day = me.napolni.dinamics.core.sim.HouseholdDay.listDays(day.getParent()).get(0);
        }
        int mqttPort = EmbeddedBroker.freeLoopbackPort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-jar", jar.toString(), "simulate", "--speed", "20", "--day",
                day.toString(), "--start", "18:00", "--breaker", "20", "--mqtt-port", Integer.toString(mqttPort),
                "--web-port", "0", "--serial", "it", "--status-every", "1", "--duration", "20",
                "--data-dir", dir.resolve("data").toString())
                .redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.contains("MQTT:    127.0.0.1:"
                + mqttPort)));

        // the retained snapshot on the program's own broker
        List<JsonNode> snapshots = Collections.synchronizedList(new ArrayList<>());
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + mqttPort, "simulate-it", new MemoryPersistence());
        client.connect();
        ObjectMapper json = new ObjectMapper();
        client.subscribe("Dinamics/it/snapshot", 0, (topic, message) -> snapshots.add(json.readTree(
                message.getPayload())));
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshots.size() >= 3);
        client.disconnect();
        client.close();

        assertTrue(process.waitFor(55, TimeUnit.SECONDS), "simulate did not stop after --duration");
        reader.join(TimeUnit.SECONDS.toMillis(30));     // the reader ends at EOF: every line is in `lines`
        assertFalse(reader.isAlive(), "the output did not end");
        assertEquals(0, process.exitValue(), String.join("\n", lines));

        List<Matcher> status = new ArrayList<>();
        for (String line : lines) {
            Matcher matcher = STATUS.matcher(line);
            if (matcher.matches()) {
                status.add(matcher);
            }
        }
        assertTrue(status.size() >= 12, "status lines:\n" + String.join("\n", lines));
        int distinctPilots = (int) status.stream().map(m -> m.group(5)).distinct().count();
        assertTrue(distinctPilots >= 2, "the pilot never moved: no balancing\n" + String.join("\n", lines));
        double peakPct = 0;
        for (Matcher m : status) {
            assertEquals("0", m.group(11), "breaker trip: " + m.group(0));
            assertEquals("OK", m.group(8), m.group(0));
            peakPct = Math.max(peakPct, Double.parseDouble(m.group(10)));
        }
        assertTrue(peakPct < 100, "thermal peak " + peakPct);
        assertTrue(lines.stream().anyMatch(l -> l.contains("stopped; breaker trips 0")), String.join("\n", lines));

        JsonNode last = snapshots.get(snapshots.size() - 1);
        assertEquals("it", last.path("serial").asText());
        assertEquals(20, last.path("breaker").asInt());
        assertEquals("OK", last.path("connection").asText());
        assertFalse(last.path("mains").get(0).isNull(), last.toString());
        assertTrue(last.path("pilot_current").asInt() >= 6 && last.path("pilot_current").asInt() <= 16,
                last.toString());
    }
}
