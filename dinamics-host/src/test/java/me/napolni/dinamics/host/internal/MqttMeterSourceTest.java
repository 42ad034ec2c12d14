package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.PhaseReadings;
import me.napolni.dinamics.core.time.ManualClock;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class MqttMeterSourceTest {

    private final ManualClock clock = new ManualClock(1_000_000L);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private MqttMeterSource source(List<String> paths) {
        return new MqttMeterSource("tcp://127.0.0.1:1", "meter/x", paths, null, null, "t", clock);
    }

    @Test
    void shouldTakeEachPhaseFromItsPathWhenThePayloadIsShellyLike() {
        MainsReadings sink = new MainsReadings();
        MqttMeterSource source = source(List.of("$.emeters[0].current", "$.emeters[1].current",
                "$['emeters'][2]['current']"));
        assertEquals(3, source.accept(utf8("{\"emeters\":[{\"current\":1.5},{\"current\":\"2.25\"},"
                + "{\"current\":0}]}"), sink));
        PhaseReadings readings = new PhaseReadings();
        sink.copyInto(readings);
        assertEquals(1.5, readings.amps(0));
        assertEquals(2.25, readings.amps(1));
        assertEquals(0.0, readings.amps(2));
        assertEquals(clock.nanoTime(), readings.measuredAtNs(0));
    }

    @Test
    void shouldChangeNothingWhenThePayloadIsGarbage() {
        MainsReadings sink = new MainsReadings();
        MqttMeterSource source = source(List.of("$.current.l1", "$.current.l2", "$.current.l3"));
        assertEquals(0, source.accept(utf8("not json"), sink));
        assertEquals(0, source.accept(utf8("{\"current\":{\"l1\":-3,\"l2\":\"x\",\"l3\":null}}"), sink));
        assertEquals(0, source.accept(new byte[] {(byte) 0xFF, 0}, sink));
        assertEquals(0, sink.updates());
        assertEquals(3, source.badMessages());
    }

    @Test
    void shouldDeliverReadingsWhenAMeterPublishesOnARealBroker() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.ANY_PORT)) {
            MainsReadings sink = new MainsReadings();
            try (MqttMeterSource source = new MqttMeterSource(broker.url(), "home/meter", List.of("$.current.l1",
                    "$.current.l2", "$.current.l3"), null, null, "dinamics-meter-test", clock)) {
                source.start(sink);
                MqttClient meter = new MqttClient(broker.url(), "fake-meter", new MemoryPersistence());
                meter.connect();
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    meter.publish("home/meter", utf8("{\"current\":{\"l1\":4.5,\"l2\":5.5,\"l3\":6.5}}"), 0, false);
                    return sink.updates() >= 3;
                });
                meter.disconnect();
                meter.close();
            }
            PhaseReadings readings = new PhaseReadings();
            sink.copyInto(readings);
            assertEquals(6.5, readings.amps(2));
            assertFalse(readings.isStale(0, clock.nanoTime(), 1));
        }
    }
}
