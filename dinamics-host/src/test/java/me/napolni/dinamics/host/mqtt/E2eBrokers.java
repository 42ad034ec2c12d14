package me.napolni.dinamics.host.mqtt;

import me.napolni.dinamics.host.internal.EmbeddedBroker;
import org.awaitility.Awaitility;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Real brokers on free loopback ports: the embedded Moquette that {@code dinamics simulate} ships (the host's own
 * {@link EmbeddedBroker}) and Debian's {@code mosquitto} with a generated config.
 */
final class E2eBrokers {

    private E2eBrokers() {
    }

    /** A running broker. */
    interface Broker extends AutoCloseable {
        /**
         * The broker's URL.
         *
         * @return {@code tcp://127.0.0.1:<port>}
         */
        String uri();

        /**
         * The broker's port.
         *
         * @return the TCP port on 127.0.0.1
         */
        int port();

        @Override
        void close();
    }

    /**
     * Embedded Moquette, as {@code dinamics simulate} starts it.
     *
     * @return the running broker
     */
    static Broker moquette() {
        try {
            EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.ANY_PORT);
            awaitListening(broker.port());
            return new Broker() {
                @Override
                public String uri() {
                    return broker.url();
                }

                @Override
                public int port() {
                    return broker.port();
                }

                @Override
                public void close() {
                    broker.close();
                }
            };
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Finds an installed program in the usual Debian places.
     *
     * @param name e.g. {@code mosquitto} or {@code mosquitto_sub}
     * @return its path, if installed
     */
    static Optional<String> program(String name) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            File file = new File(dir, name);
            if (file.canExecute()) {
                return Optional.of(file.getPath());
            }
        }
        return Optional.empty();
    }

    /**
     * Debian's mosquitto on a free loopback port with a generated config (anonymous, no persistence); it speaks
     * MQTT 3.1.1 and 5 on the same listener.
     *
     * @return the running broker
     */
    static Broker mosquitto() {
        String binary = program("mosquitto").orElseThrow(() -> new IllegalStateException("mosquitto not installed"));
        try {
            int port = EmbeddedBroker.freeLoopbackPort();
            Path dir = Files.createTempDirectory("e2e-mosquitto");
            // mosquitto started as root drops to its own user, which must still be able to read its config here
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
            Process process = new ProcessBuilder(binary, "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
            awaitListening(port);
            return new Broker() {
                @Override
                public String uri() {
                    return "tcp://127.0.0.1:" + port;
                }

                @Override
                public int port() {
                    return port;
                }

                @Override
                public void close() {
                    process.destroy();
                    try {
                        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                            process.destroyForcibly();
                        }
                    } catch (InterruptedException e) {
                        process.destroyForcibly();
                        Thread.currentThread().interrupt();
                    }
                }
            };
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitListening(int port) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return socket.isConnected();
            } catch (IOException e) {
                return false;
            }
        });
    }
}
