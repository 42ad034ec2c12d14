package me.napolni.dinamics.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The bridge over TLS to mosquitto, trusting a CA from a PEM file (certificates made by openssl for the test). */
class TlsTest {

    private static void run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("openssl.log").toFile()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + Files.readString(dir.resolve("openssl.log")));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String certificates(Path dir, int tlsPort) {
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=Dinamics test CA");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        try {
            Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
        try {
            for (String f : List.of("ca.pem", "server.pem", "server.key")) {
                Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return "listener " + tlsPort + " 127.0.0.1\n"
                + "cafile " + dir.resolve("ca.pem") + "\n"
                + "certfile " + dir.resolve("server.pem") + "\n"
                + "keyfile " + dir.resolve("server.key") + "\n";
    }

    @Test
    void shouldConnectOverTlsWhenCaFileIsGiven() {
        Assumptions.assumeTrue(Brokers.mosquittoInstalled(), "mosquitto is not installed: skipping the TLS test");
        Assumptions.assumeTrue(new File("/usr/bin/openssl").canExecute(), "openssl is not installed");
        int tlsPort = Brokers.freePort();
        Path[] ca = new Path[1];
        try (Brokers.Mosquitto broker = new Brokers.Mosquitto(false, dir -> {
            ca[0] = dir.resolve("ca.pem");
            return certificates(dir, tlsPort);
        })) {
            Brokers.awaitListening(tlsPort);
            try (TestClient watcher = new TestClient(broker.uri(), 3).subscribe("Dinamics/TLS01/#")) {
                int mark = watcher.mark();
                FakeDevice device = new FakeDevice("1");
                try (MqttBridge bridge = MqttBridge.start(MqttConfig.of("ssl://127.0.0.1:" + tlsPort)
                        .withSerial("TLS01").withCaFile(ca[0]), device)) {
                    watcher.awaitPayload("Dinamics/TLS01/availability", "online", mark);
                    watcher.publish("Dinamics/TLS01/set_breaker", "25");
                    watcher.awaitPayload("Dinamics/TLS01/breaker", "25", mark);
                    assertEquals(List.of("set null breaker 25"), List.copyOf(device.calls));
                    assertEquals(true, bridge.connected());
                }
            }
        }
    }
}
