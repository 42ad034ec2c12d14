package me.napolni.dinamics.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import me.napolni.dinamics.core.device.DeviceStatus;
import me.napolni.dinamics.web.FakeDevice;
import org.junit.jupiter.api.Test;

class SampleHistoryTest {

    private static final long SEED = 0x5EEDL;
    private static final long START_MS = 1_767_225_600_000L;

    private static DeviceStatus withMains(FakeDevice device, Double l1) {
        device.mains(l1, 2.0, 3.0);
        return device.status();
    }

    @Test
    void shouldReturnSamplesOldestFirstWhenRingIsNotFull() {
        FakeDevice device = new FakeDevice();
        SampleHistory history = new SampleHistory(10);
        for (int i = 0; i < 4; i++) {
            history.record(START_MS + i * 1000L, withMains(device, 10.0 + i));
        }
        JsonNode json = history.since(START_MS);
        assertEquals(4, json.get("ts").size());
        assertEquals(START_MS, json.get("ts").get(0).asLong());
        assertEquals(13.0, json.get("l1").get(3).asDouble());
        assertEquals(2.0, json.get("l2").get(3).asDouble());
        assertEquals(16, json.get("breaker").get(0).asInt());
        assertEquals(10.0, json.get("car").get(0).asDouble());
    }

    @Test
    void shouldOverwriteOldestWhenRingIsFull() {
        FakeDevice device = new FakeDevice();
        SampleHistory history = new SampleHistory(3);
        for (int i = 0; i < 5; i++) {
            history.record(START_MS + i * 1000L, withMains(device, (double) i));
        }
        JsonNode json = history.since(0);
        assertEquals(3, json.get("ts").size());
        assertEquals(List.of(2.0, 3.0, 4.0), Arrays.asList(json.get("l1").get(0).asDouble(),
                json.get("l1").get(1).asDouble(), json.get("l1").get(2).asDouble()));
        assertEquals(START_MS + 2000, json.get("ts").get(0).asLong());
    }

    @Test
    void shouldLeaveOutSamplesOlderThanAskedWhenFiltering() {
        FakeDevice device = new FakeDevice();
        SampleHistory history = new SampleHistory(100);
        for (int i = 0; i < 10; i++) {
            history.record(START_MS + i * 60_000L, device.status());
        }
        assertEquals(3, history.since(START_MS + 7 * 60_000L).get("ts").size());
        assertEquals(0, history.since(START_MS + 10 * 60_000L).get("ts").size());
    }

    @Test
    void shouldWriteNullWhenPhaseIsUnmeasured() {
        FakeDevice device = new FakeDevice();
        SampleHistory history = new SampleHistory(2);
        history.record(START_MS, withMains(device, null));
        assertTrue(history.since(0).get("l1").get(0).isNull());
    }

    @Test
    void shouldNeverHoldMoreThanCapacityWhenAnyNumberIsRecorded() {
        DeviceStatus status = new FakeDevice().status();
        qt().withFixedSeed(SEED).forAll(integers().between(1, 50), integers().between(0, 200))
                .checkAssert((capacity, count) -> {
                    SampleHistory history = new SampleHistory(capacity);
                    for (int i = 0; i < count; i++) {
                        history.record(START_MS + i, status);
                    }
                    JsonNode ts = history.since(Long.MIN_VALUE).get("ts");
                    assertEquals(Math.min(capacity, count), ts.size());
                    for (int i = 1; i < ts.size(); i++) {
                        assertTrue(ts.get(i - 1).asLong() < ts.get(i).asLong(), "oldest first");
                    }
                    if (count > 0) {
                        assertEquals(START_MS + count - 1, ts.get(ts.size() - 1).asLong(), "newest kept");
                    }
                });
    }

    @Test
    void shouldRefuseEmptyRing() {
        assertThrows(IllegalArgumentException.class, () -> new SampleHistory(0));
    }
}
