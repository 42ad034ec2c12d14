package me.napolni.dinamics.mqtt;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.awaitility.Awaitility;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

/** Real brokers for the tests, on free loopback ports: embedded Moquette (3.1.1) and Debian's mosquitto. */
final class Brokers {

    private Brokers() {
    }

    /** A running broker. */
    interface Broker extends AutoCloseable {
        String uri();

        @Override
        void close();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Broker moquette() {
        int port = freePort();
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(p));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        awaitListening(port);
        return new Broker() {
            @Override
            public String uri() {
                return "tcp://127.0.0.1:" + port;
            }

            @Override
            public void close() {
                server.stopServer();
            }
        };
    }

    static boolean mosquittoInstalled() {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            if (new File(dir, "mosquitto").canExecute()) {
                return true;
            }
        }
        return false;
    }

    static String mosquittoBinary() {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            File f = new File(dir, "mosquitto");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        throw new IllegalStateException("mosquitto is not installed");
    }

    /** mosquitto with a generated config: loopback only, anonymous, optional persistence in a temp dir. */
    static final class Mosquitto implements Broker {
        final int port;
        final Path dir;
        private Process process;

        Mosquitto(boolean persistence) {
            this(persistence, d -> "");
        }

        /**
         * A broker whose config gets extra lines, written after the plain listener.
         *
         * @param extra given the broker's directory, may write files there and returns config lines
         */
        Mosquitto(boolean persistence, java.util.function.Function<Path, String> extra) {
            try {
                this.port = freePort();
                this.dir = Files.createTempDirectory("mosquitto");
                // mosquitto started as root drops to its own user, which must still write its database here
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
                StringBuilder conf = new StringBuilder()
                        .append("listener ").append(port).append(" 127.0.0.1\n")
                        .append("allow_anonymous true\n");
                if (persistence) {
                    conf.append("persistence true\n")
                            .append("persistence_location ").append(dir).append("/\n")
                            .append("autosave_interval 0\n");
                }
                conf.append(extra.apply(dir));
                Files.writeString(dir.resolve("mosquitto.conf"), conf.toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            start();
        }

        void start() {
            try {
                process = new ProcessBuilder(mosquittoBinary(), "-c", dir.resolve("mosquitto.conf").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("mosquitto.log").toFile())
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            awaitListening(port);
        }

        /** Stops it with SIGTERM, so it shuts down as a broker does (wills sent, state saved). */
        void stop() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String uri() {
            return "tcp://127.0.0.1:" + port;
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                stop();
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp dir is harmless
            }
        }
    }

    static void awaitListening(int port) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return s.isConnected();
            } catch (IOException e) {
                return false;
            }
        });
    }
}
