package me.napolni.dinamics.rapi.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import me.napolni.dinamics.rapi.RapiErrorReason;
import me.napolni.dinamics.rapi.RapiException;

class InMemoryTransportTest {
    private static final byte[] FRAME = "$GS^30\r".getBytes(StandardCharsets.ISO_8859_1);

    private static InMemoryTransport.Pair openPair() {
        InMemoryTransport.Pair pair = InMemoryTransport.pair();
        pair.client().open();
        pair.controller().open();
        return pair;
    }

    private static byte[] readAll(InMemoryTransport end, int expected) throws RapiException {
        byte[] buffer = new byte[expected];
        int total = 0;
        while (total < expected) {
            int n = end.read(buffer, total, expected - total, 5_000);
            assertTrue(n > 0, "bytes expected");
            total += n;
        }
        return buffer;
    }

    @Test
    void shouldCarryBytesBothWaysWhenOpen() throws RapiException {
        InMemoryTransport.Pair pair = openPair();
        pair.client().write(FRAME, 0, FRAME.length);
        assertArrayEquals(FRAME, readAll(pair.controller(), FRAME.length));
        pair.controller().write(FRAME, 2, 3);
        assertArrayEquals(Arrays.copyOfRange(FRAME, 2, 5), readAll(pair.client(), 3));
    }

    @Test
    void shouldReturnNoBytesWhenNothingArrivesInTime() throws RapiException {
        InMemoryTransport.Pair pair = openPair();
        assertEquals(RapiTransport.NO_BYTES, pair.client().read(new byte[8], 0, 8, 20));
    }

    @Test
    void shouldDropWritesWhenSilent() throws RapiException {
        InMemoryTransport.Pair pair = openPair();
        pair.controller().silent(true);
        pair.controller().write(FRAME, 0, FRAME.length);
        assertEquals(RapiTransport.NO_BYTES, pair.client().read(new byte[8], 0, 8, 20));
        pair.controller().silent(false);
        pair.controller().write(FRAME, 0, FRAME.length);
        assertArrayEquals(FRAME, readAll(pair.client(), FRAME.length));
    }

    @Test
    void shouldWakeBlockedReaderWithPortUnavailableWhenUnpluggedAndWorkAfterOpen() throws Exception {
        InMemoryTransport.Pair pair = openPair();
        CompletableFuture<RapiErrorReason> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                pair.client().read(new byte[8], 0, 8, 60_000);
                return null;
            } catch (RapiException e) {
                return e.reason();
            }
        });
        pair.unplug();
        assertEquals(RapiErrorReason.PORT_UNAVAILABLE, blocked.get(10, TimeUnit.SECONDS));
        assertFalse(pair.client().isOpen());
        assertEquals(RapiErrorReason.PORT_UNAVAILABLE, assertThrows(RapiException.class,
                () -> pair.client().write(FRAME, 0, FRAME.length)).reason());
        pair.client().open();
        pair.controller().open();
        pair.client().write(FRAME, 0, FRAME.length);
        assertArrayEquals(FRAME, readAll(pair.controller(), FRAME.length));
    }

    @Test
    void shouldFailWithClosedWhenUsedAfterClose() {
        InMemoryTransport.Pair pair = openPair();
        pair.client().close();
        assertEquals(RapiErrorReason.CLOSED, assertThrows(RapiException.class,
                () -> pair.client().read(new byte[1], 0, 1, 1)).reason());
    }

    @Test
    void shouldCountLostBytesWhenInboundBufferIsFull() {
        InMemoryTransport.Pair pair = openPair();
        pair.client().inject(new byte[InMemoryTransport.INBOUND_CAPACITY_BYTES + 10]);
        assertEquals(10, pair.client().lostBytes());
    }
}
