package me.napolni.dinamics.web;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.Objects;
import me.napolni.dinamics.core.device.DeviceControl;
import me.napolni.dinamics.web.internal.WebRuntime;

/**
 * The local web UI, REST API, live events and Prometheus metrics of one gateway (see {@code docs/api.md}).
 *
 * <pre>
 *   try (WebServer web = WebServer.start(gateway, WebConfig.of(store::webToken).withPort(8080))) {
 *       web.meterRegistry().counter("dinamics.setpoint.changes").increment();   // the host's own meters
 *       System.out.println("web UI at " + web.uri());
 *       ...
 *   }
 * </pre>
 *
 * <p>It only reads the gateway's status and submits commands through {@link DeviceControl}; it never changes
 * state itself. Closing it stops the listener, the sampler and every live stream.
 */
public final class WebServer implements AutoCloseable {

    private final WebRuntime runtime;

    private WebServer(WebRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Starts listening and sampling.
     *
     * @param device the gateway
     * @param config where to listen and who may enter
     * @return the running server
     * @throws IllegalStateException when the address cannot be bound
     */
    public static WebServer start(DeviceControl device, WebConfig config) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(config, "config");
        return new WebServer(WebRuntime.start(device, config));
    }

    /**
     * Returns the port actually bound (useful with {@link WebConfig#ANY_FREE_PORT}).
     *
     * @return the port
     */
    public int port() {
        return runtime.port();
    }

    /**
     * Returns the base address of the UI, e.g. {@code http://127.0.0.1:8080/}; when bound to every interface, the
     * loopback address.
     *
     * @return the address
     */
    public URI uri() {
        return runtime.uri();
    }

    /**
     * Returns the registry behind {@code GET /metrics}. The web server registers its gauges of the status here;
     * the host registers its counters and timers (setpoint changes, pauses, RAPI errors and timeouts, MQTT state,
     * loop duration) under the names listed in {@code docs/api.md}.
     *
     * @return the registry
     */
    public MeterRegistry meterRegistry() {
        return runtime.meterRegistry();
    }

    /** Stops the listener, the sampler and the live streams. */
    @Override
    public void close() {
        runtime.close();
    }
}
