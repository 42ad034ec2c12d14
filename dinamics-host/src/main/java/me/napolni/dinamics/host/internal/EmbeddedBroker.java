package me.napolni.dinamics.host.internal;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * The MQTT broker of {@code dinamics simulate}: Moquette on 127.0.0.1, MQTT 3.1.1, no files, no telemetry.
 *
 * <p>The only class that knows Moquette. It listens on loopback only, keeps nothing on disk (persistence off) and
 * never calls out (telemetry off).
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Ask for a free port. */
    public static final int ANY_PORT = 0;

    private final Server server;
    private final int port;
    private boolean closed;

    private EmbeddedBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a broker on loopback.
     *
     * @param requestedPort the TCP port, or {@link #ANY_PORT} for a free one
     * @return the running broker
     * @throws IOException when the port is taken or the broker does not start
     */
    public static EmbeddedBroker start(int requestedPort) throws IOException {
        // Moquette's getPort() reads 0 right after start, so pick the free port ourselves
        int port = requestedPort == ANY_PORT ? freeLoopbackPort() : requestedPort;
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("allow_zero_byte_client_id", "true");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("use_metrics", "false");
        properties.setProperty("use_bugsnag", "false");
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(properties));
        } catch (RuntimeException e) {
            throw new IOException("the MQTT broker did not start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        return new EmbeddedBroker(server, port);
    }

    /**
     * Returns a TCP port that was free on loopback a moment ago.
     *
     * @return the port
     * @throws IOException when no port can be bound
     */
    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Returns the port the broker listens on.
     *
     * @return the TCP port on 127.0.0.1
     */
    public int port() {
        return port;
    }

    /**
     * Returns the URL clients connect to.
     *
     * @return {@code tcp://127.0.0.1:<port>}
     */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stopServer();
        }
    }
}
