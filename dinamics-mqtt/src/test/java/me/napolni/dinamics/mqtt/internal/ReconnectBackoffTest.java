package me.napolni.dinamics.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private static List<Long> delays(ReconnectBackoff b, long timer11, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(b.nextDelayMs(timer11));
        }
        return out;
    }

    @Test
    void shouldDoubleFromOneSecondUpToTimer11WhenConnectsFail() {
        assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 16000L, 32000L, 50000L, 50000L),
                delays(new ReconnectBackoff(), 50_000, 8));
        assertEquals(List.of(1000L, 2000L, 4000L, 5000L, 5000L), delays(new ReconnectBackoff(), 5000, 5));
    }

    @Test
    void shouldActAsOneSecondWhenTimer11IsBelowFloor() {
        assertEquals(List.of(1000L, 1000L, 1000L), delays(new ReconnectBackoff(), 1, 3));
    }

    @Test
    void shouldStartAgainFromOneSecondWhenReset() {
        ReconnectBackoff b = new ReconnectBackoff();
        delays(b, 50_000, 4);
        b.reset();
        assertEquals(List.of(1000L, 2000L), delays(b, 50_000, 2));
    }
}
