package me.napolni.dinamics.host.update;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A release server on 127.0.0.1 with a few ways to misbehave. */
final class ReleaseServer implements AutoCloseable {

    /** How a path answers. */
    enum Mode {
        /** The body, whole. */
        NORMAL,
        /** Announces the whole length, sends half, drops the connection. */
        DROP_HALFWAY,
        /** Waits for {@link #release()} first. */
        GATED,
        /** Announces the whole length, sends half, then waits for {@link #release()} (a stalled server). */
        STALL_HALFWAY
    }

    private record Route(int status, byte[] body, Mode mode) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Integer> hits = new ConcurrentHashMap<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch gatedArrived = new CountDownLatch(1);

    ReleaseServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    void serve(String path, byte[] body) {
        routes.put(path, new Route(200, body, Mode.NORMAL));
    }

    void serve(String path, byte[] body, Mode mode) {
        routes.put(path, new Route(200, body, mode));
    }

    void status(String path, int status) {
        routes.put(path, new Route(status, new byte[] {'n', 'o'}, Mode.NORMAL));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    int hits(String path) {
        return hits.getOrDefault(path, 0);
    }

    boolean awaitGated() throws InterruptedException {
        return gatedArrived.await(30, TimeUnit.SECONDS);
    }

    void release() {
        gate.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.merge(path, 1, Integer::sum);
        Route route = routes.get(path);
        try (exchange) {
            if (route == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (route.mode() == Mode.GATED) {
                gatedArrived.countDown();
                try {
                    if (!gate.await(60, TimeUnit.SECONDS)) {
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            exchange.sendResponseHeaders(route.status(), route.body().length);
            OutputStream out = exchange.getResponseBody();
            if (route.mode() == Mode.STALL_HALFWAY) {
                out.write(route.body(), 0, route.body().length / 2);
                out.flush();
                gatedArrived.countDown();
                try {
                    gate.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the stalled exchange ends");
            }
            if (route.mode() == Mode.DROP_HALFWAY) {
                out.write(route.body(), 0, route.body().length / 2);
                out.flush();
                throw new IOException("dropping the connection on purpose");
            }
            out.write(route.body());
        }
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
