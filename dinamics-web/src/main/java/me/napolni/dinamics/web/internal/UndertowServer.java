package me.napolni.dinamics.web.internal;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The only class that knows Undertow: it turns exchanges into {@link WebRequest}s, writes {@link WebResponse}s,
 * enforces the body limit before reading, and adapts Undertow's server-sent events to {@link EventSink}.
 */
final class UndertowServer implements HttpHandler, AutoCloseable {

    private static final String EVENTS_PATH = "/api/events";
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int REQUEST_PARSE_TIMEOUT_MS = 10_000;
    private static final int IDLE_CONNECTION_TIMEOUT_MS = 60_000;
    private static final int KEEP_ALIVE_MS = 15_000;
    private static final int IO_THREADS = 2;
    private static final int WORKER_THREADS = 8;

    private final int maxBodyBytes;
    private final WebApp app;
    private final ServerSentEventHandler events;
    private final Undertow undertow;

    private UndertowServer(String host, int port, int maxBodyBytes, WebApp app, EventHub hub) {
        this.maxBodyBytes = maxBodyBytes;
        this.app = app;
        this.events = new ServerSentEventHandler((connection, lastEventId) -> {
            EventSink sink = new SseSink(connection);
            connection.setKeepAliveTime(KEEP_ALIVE_MS);
            connection.addCloseTask(closed -> hub.detach(sink));
            hub.attach(sink, app.greeting());
        });
        this.undertow = Undertow.builder()
                .addHttpListener(port, host)
                .setIoThreads(IO_THREADS)
                .setWorkerThreads(WORKER_THREADS)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, REQUEST_PARSE_TIMEOUT_MS)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, IDLE_CONNECTION_TIMEOUT_MS)
                .setHandler(this)
                .build();
    }

    static UndertowServer start(String host, int port, int maxBodyBytes, WebApp app, EventHub hub) {
        UndertowServer server = new UndertowServer(host, port, maxBodyBytes, app, hub);
        try {
            server.undertow.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return server;
    }

    int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = rawPath(exchange.getRequestURI());
        if (path.equals(EVENTS_PATH)) {
            handleEvents(exchange, path);
            return;
        }
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        long declared = exchange.getRequestContentLength();
        if (declared > maxBodyBytes) {
            tooLarge(exchange);
            return;
        }
        exchange.startBlocking();
        byte[] body;
        try (InputStream in = exchange.getInputStream()) {
            body = in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            tooLarge(exchange);
            return;
        }
        if (body.length > maxBodyBytes) {
            tooLarge(exchange);
            return;
        }
        write(exchange, app.handle(request(exchange, path, body)));
    }

    private void handleEvents(HttpServerExchange exchange, String path) throws Exception {
        WebResponse refusal = app.checkEvents(request(exchange, path, new byte[0]));
        if (refusal != null) {
            write(exchange, refusal);
            return;
        }
        WebApp.SECURITY_HEADERS.forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name),
                value));
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        events.handleRequest(exchange);
    }

    private static WebRequest request(HttpServerExchange exchange, String path, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), values.getFirst());
        }
        InetSocketAddress peer = exchange.getSourceAddress();
        boolean loopback = peer != null && peer.getAddress() != null && peer.getAddress().isLoopbackAddress();
        String query = exchange.getQueryString() == null ? "" : exchange.getQueryString();
        return new WebRequest(exchange.getRequestMethod().toString(), path, query, headers, body, loopback);
    }

    /** The path as sent, still encoded; an absolute-form target loses its scheme and authority. */
    static String rawPath(String requestUri) {
        String uri = requestUri;
        int scheme = uri.indexOf("://");
        if (scheme > 0 && !uri.startsWith("/")) {
            int slash = uri.indexOf('/', scheme + 3);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private void tooLarge(HttpServerExchange exchange) {
        // the rest of the body is never read, so the connection cannot carry another request
        exchange.setPersistent(false);
        write(exchange, WebApp.secure(WebResponse.json(413,
                StatusJson.error("too_large"))).header("Connection", "close"));
    }

    private static void write(HttpServerExchange exchange, WebResponse response) {
        exchange.setStatusCode(response.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, response.contentType());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
        exchange.getResponseSender().send(ByteBuffer.wrap(response.body()));
    }

    @Override
    public void close() {
        undertow.stop();
    }

    /**
     * One browser's event stream over Undertow's connection. Undertow queues without bound, so a reader that
     * stops reading (a phone that went to sleep with the page open) is cut off once too many events wait.
     */
    private static final class SseSink implements EventSink, ServerSentEventConnection.EventCallback {
        private static final int MAX_PENDING_EVENTS = 256;

        private final ServerSentEventConnection connection;
        private final AtomicInteger pending = new AtomicInteger();

        SseSink(ServerSentEventConnection connection) {
            this.connection = connection;
        }

        @Override
        public void send(String event, String data) {
            if (pending.incrementAndGet() > MAX_PENDING_EVENTS) {
                pending.decrementAndGet();
                close();
                return;
            }
            connection.send(data, event, null, this);
        }

        @Override
        public void done(ServerSentEventConnection ignored, String data, String event, String id) {
            pending.decrementAndGet();
        }

        @Override
        public void failed(ServerSentEventConnection ignored, String data, String event, String id, IOException e) {
            pending.decrementAndGet();
        }

        @Override
        public boolean isOpen() {
            return connection.isOpen();
        }

        @Override
        public void close() {
            connection.shutdown();
        }
    }
}
