package me.napolni.dinamics.rapi.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import me.napolni.dinamics.rapi.EvseState;
import me.napolni.dinamics.rapi.RapiClient;
import me.napolni.dinamics.rapi.RapiClientOptions;
import me.napolni.dinamics.rapi.RapiErrorReason;
import me.napolni.dinamics.rapi.RapiException;
import me.napolni.dinamics.rapi.RapiRequests;
import me.napolni.dinamics.rapi.emulator.EvseEmulator;

/** A real serial path: a socat pty pair, jSerialComm on both ends, the emulator on one and the client on the other. */
class SerialTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private Process socat;
    private EvseEmulator emulator;
    private RapiClient client;

    @BeforeAll
    static void requireSocat() {
        boolean found = false;
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "socat"))) {
                found = true;
            }
        }
        Assumptions.assumeTrue(found, "socat is not installed: the serial path test needs it (apt-get install socat)");
    }

    @AfterEach
    void tearDown() throws IOException, InterruptedException {
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (socat != null) {
            socat.destroyForcibly();
            socat.waitFor(10, TimeUnit.SECONDS);
        }
        // the links point into /dev/pts; removed here, the @TempDir clean-up does not race the pty's release
        Files.deleteIfExists(link("ttyA"));
        Files.deleteIfExists(link("ttyB"));
    }

    private Path link(String name) {
        return dir.resolve(name);
    }

    private void startSocat() throws IOException {
        socat = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + link("ttyA"), "pty,raw,echo=0,link=" + link("ttyB"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat-" + System.nanoTime() + ".log").toFile())
                .start();
        await().atMost(WAIT).until(() -> Files.exists(link("ttyA")) && Files.exists(link("ttyB")));
    }

    private void stopSocat() throws InterruptedException {
        socat.destroy();
        assertTrue(socat.waitFor(10, TimeUnit.SECONDS), "socat did not stop");
        await().atMost(WAIT).until(() -> !Files.exists(link("ttyA")));
    }

    @Test
    void shouldFailWithPortUnavailableWhenPathDoesNotExist() {
        SerialTransport transport = SerialTransport.of(link("missing").toString());
        RapiException e = assertThrows(RapiException.class, transport::open);
        assertEquals(RapiErrorReason.PORT_UNAVAILABLE, e.reason());
        assertTrue(!transport.isOpen());
    }

    @Test
    void shouldCarryCommandsOverPtyAndWorkAgainAfterUnplugAndReplug() throws Exception {
        startSocat();
        emulator = EvseEmulator.create();
        emulator.attach(SerialTransport.of(link("ttyB").toString()));
        client = RapiClient.connect(SerialTransport.of(link("ttyA").toString()),
                RapiClientOptions.defaults().withRequestTimeoutMs(5_000));
        assertEquals("8.2.3", client.probeSequenceIds().firmware());
        assertTrue(client.sequenceIdsEnabled());
        assertEquals(16, client.send(RapiRequests.setCurrent(16, true)).amps());
        assertEquals(EvseState.NOT_CONNECTED, client.send(RapiRequests.status()).state());
        assertEquals(16, client.send(RapiRequests.currentCapacity()).pilotAmps());

        stopSocat();
        CompletableFuture<RapiErrorReason> afterUnplug = CompletableFuture.supplyAsync(() -> {
            try {
                client.send(RapiRequests.status());
                return null;
            } catch (RapiException e) {
                return e.reason();
            }
        });
        RapiErrorReason reason = afterUnplug.get(15, TimeUnit.SECONDS);     // the client does not hang
        assertTrue(Set.of(RapiErrorReason.PORT_UNAVAILABLE, RapiErrorReason.TIMEOUT).contains(reason),
                "after unplug: " + reason);
        await().atMost(WAIT).until(() -> !client.isConnected());
        assertEquals(RapiErrorReason.PORT_UNAVAILABLE,
                assertThrows(RapiException.class, () -> client.send(RapiRequests.status())).reason());

        startSocat();
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            client.reopen();
            return client.send(RapiRequests.status(), 2_000).state() == EvseState.NOT_CONNECTED;
        });
        assertEquals(16, client.send(RapiRequests.currentCapacity()).pilotAmps(), "the same emulated unit");
    }

    @Test
    void shouldFailPendingRequestWhenPortVanishesMidRequest() throws Exception {
        startSocat();
        client = RapiClient.connect(SerialTransport.of(link("ttyA").toString()),
                RapiClientOptions.defaults());
        CompletableFuture<RapiErrorReason> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                client.send(RapiRequests.status(), 30_000);     // nobody answers on ttyB
                return null;
            } catch (RapiException e) {
                return e.reason();
            }
        });
        await().atMost(WAIT).until(() -> client.stats().requests() == 1);
        stopSocat();
        try {
            assertEquals(RapiErrorReason.PORT_UNAVAILABLE, waiting.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldConnectWhenPortAppearsLaterAndAutoReopenIsOn() throws Exception {
        client = RapiClient.connect(SerialTransport.of(link("ttyA").toString()),
                RapiClientOptions.defaults().withRequestTimeoutMs(5_000).withAutoReopen(true)
                        .withReopenIntervalMs(20));
        assertTrue(!client.isConnected(), "no port yet");
        assertEquals(RapiErrorReason.PORT_UNAVAILABLE,
                assertThrows(RapiException.class, () -> client.send(RapiRequests.status())).reason());
        startSocat();
        emulator = EvseEmulator.create();
        emulator.attach(SerialTransport.of(link("ttyB").toString()));
        await().atMost(WAIT).until(client::isConnected);
        assertEquals(EvseState.NOT_CONNECTED, client.send(RapiRequests.status()).state());
    }
}
