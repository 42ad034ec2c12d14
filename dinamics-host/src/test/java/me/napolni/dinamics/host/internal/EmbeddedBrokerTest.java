package me.napolni.dinamics.host.internal;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmbeddedBrokerTest {

    private static Set<String> workingDirectory() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("user.dir")))) {
            return entries.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void shouldRelayOnLoopbackAndLeaveNoFilesWhenStartedAndStopped() throws Exception {
        Set<String> before = workingDirectory();
        List<String> received = new CopyOnWriteArrayList<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.ANY_PORT)) {
            MqttClient client = new MqttClient(broker.url(), "", new MemoryPersistence());   // empty id allowed
            client.connect();
            client.subscribe("t/x", 1, (topic, message) -> received.add(new String(message.getPayload(),
                    StandardCharsets.UTF_8)));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                client.publish("t/x", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
                return !received.isEmpty();
            });
            client.disconnect();
            client.close();
            assertEquals("hello", received.get(0));
        }
        assertEquals(before, workingDirectory(), "the broker left files in the working directory");
    }

    @Test
    void shouldReportATakenPortWhenStartingTwiceOnIt() throws Exception {
        try (EmbeddedBroker first = EmbeddedBroker.start(EmbeddedBroker.ANY_PORT)) {
            assertThrows(IOException.class, () -> EmbeddedBroker.start(first.port()).close());
        }
    }
}
