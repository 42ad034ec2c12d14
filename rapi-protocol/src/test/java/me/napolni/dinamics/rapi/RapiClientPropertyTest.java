package me.napolni.dinamics.rapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arrays;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import me.napolni.dinamics.rapi.emulator.EmulatorConfig;
import me.napolni.dinamics.rapi.emulator.EvseEmulator;
import me.napolni.dinamics.rapi.transport.InMemoryTransport;

/** Properties of the client against the emulator: any line noise is survived, any $SC is clamped as RAPI.md 2.3.1. */
class RapiClientPropertyTest {
    private static final long SEED = 0x5EEDL;
    private static final int EXAMPLES = 150;

    private final InMemoryTransport.Pair pair = InMemoryTransport.pair();
    private EvseEmulator emulator;
    private RapiClient client;

    @BeforeEach
    void setUp() throws RapiException {
        emulator = EvseEmulator.create(EmulatorConfig.defaults().withCapacity(40, 32).withClock(() -> 0L));
        emulator.attach(pair.controller());
        client = RapiClient.connect(pair.client(), RapiClientOptions.defaults().withRequestTimeoutMs(5_000));
    }

    @AfterEach
    void tearDown() {
        client.close();
        emulator.close();
    }

    private static <R> R send(RapiClient client, RapiRequest<R> request) {
        try {
            return client.send(request);
        } catch (RapiException e) {
            throw new AssertionError(request + " failed", e);
        }
    }

    @Test
    void shouldAnswerTheNextRequestWhateverNoiseArrivedBefore() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(arrays().ofIntegers(integers().between(0, 255)).withLengthBetween(0, 80))
                .checkAssert(noise -> {
                    byte[] bytes = new byte[noise.length];
                    for (int i = 0; i < noise.length; i++) {
                        bytes[i] = (byte) noise[i].intValue();
                    }
                    pair.client().inject(bytes);
                    assertEquals(EvseState.NOT_CONNECTED, send(client, RapiRequests.status()).state());
                    assertTrue(client.isConnected());
                });
        assertEquals(0, client.stats().timeouts());
    }

    @Test
    void shouldClampEverySetCurrentToTheRangeOfItsForm() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(integers().between(0, RapiRequests.MAX_SET_CURRENT_AMPS), booleans().all())
                .checkAssert((amps, volatileOnly) -> {
                    int cfgMax = emulator.cfgMaxAmps();
                    int ceiling = volatileOnly ? cfgMax : 40;
                    int expected = Math.max(EvseEmulator.MIN_AMPS, Math.min(amps, ceiling));
                    SetCurrentResult result = send(client, RapiRequests.setCurrent(amps, volatileOnly));
                    assertEquals(expected, result.amps(), "amps in force");
                    assertEquals(expected != amps, result.clamped(), "$NK n exactly when clamped");
                    assertEquals(expected, send(client, RapiRequests.currentCapacity()).pilotAmps());
                    assertTrue(send(client, RapiRequests.currentCapacity()).pilotAmps()
                            <= send(client, RapiRequests.currentCapacity()).cfgMaxAmps(), "never above cfgmax");
                });
    }
}
