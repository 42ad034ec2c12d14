package me.napolni.dinamics.web.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import me.napolni.dinamics.core.device.DeviceControl;
import me.napolni.dinamics.core.device.DeviceListener;
import me.napolni.dinamics.core.device.DeviceStatus;
import me.napolni.dinamics.web.WebConfig;

/**
 * One running web server: the listener, the sampler thread that feeds the history, the gauges and the live
 * streams, and the listener on the gateway. Gateway events are handed to the sampler thread at once, so the
 * gateway's threads never wait on the web.
 */
public final class WebRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebRuntime.class.getName());

    private final DeviceControl device;
    private final WebConfig config;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<DeviceStatus> latest;
    private final SampleHistory history;
    private final EventHub hub;
    private final StatusGauges gauges;
    private final ScheduledExecutorService sampler;
    private final DeviceListener listener;
    private final UndertowServer server;

    private WebRuntime(DeviceControl device, WebConfig config) {
        this.device = device;
        this.config = config;
        this.latest = new AtomicReference<>(device.status());
        long samples = config.historyMinutes() * 60_000L / config.samplePeriodMs();
        this.history = new SampleHistory((int) Math.max(1, Math.min(samples, 1_000_000)));
        this.hub = new EventHub(config.maxEventStreams());
        this.gauges = new StatusGauges(registry, latest);
        new JvmMemoryMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        registry.gauge("dinamics.web.event.streams", hub, EventHub::size);
        this.sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dinamics-web-sampler");
            thread.setDaemon(true);
            return thread;
        });
        this.listener = new Relay();
        WebApp app = new WebApp(device, new AccessGuard(config.token(), config.openOnLoopback()),
                StaticAssets.load(config.assetDir()), history, hub, registry::scrape, config.clock(), config.commandTimeoutMs(),
                config.historyMinutes(), config.samplePeriodMs());
        this.server = UndertowServer.start(config.bindAddress(), config.port(), config.maxBodyBytes(), app, hub);
    }

    /**
     * Starts the listener and the sampler.
     *
     * @param device the gateway
     * @param config the configuration
     * @return the running server
     */
    public static WebRuntime start(DeviceControl device, WebConfig config) {
        WebRuntime runtime = new WebRuntime(device, config);
        device.addListener(runtime.listener);
        runtime.sampler.scheduleAtFixedRate(runtime::sample, 0, config.samplePeriodMs(), TimeUnit.MILLISECONDS);
        return runtime;
    }

    /**
     * Returns the bound port.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * Returns the base address.
     *
     * @return e.g. {@code http://127.0.0.1:8080/}
     */
    public URI uri() {
        String bind = config.bindAddress();
        // listening on every interface includes loopback, the one address sure to reach it from here
        if (bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
            bind = "127.0.0.1";
        }
        String host = bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /**
     * Returns the metrics registry.
     *
     * @return the registry
     */
    public MeterRegistry meterRegistry() {
        return registry;
    }

    private void sample() {
        try {
            DeviceStatus status = device.status();
            latest.set(status);
            gauges.observe(status);
            long nowMs = config.clock().millis();
            history.record(nowMs, status);
            hub.broadcast("sample", StatusJson.write(StatusJson.sample(nowMs, status)));
            hub.broadcast("status", StatusJson.write(StatusJson.status(status)));
        } catch (RuntimeException e) {
            // a bad snapshot must not stop the sampler: the next tick tries again
            LOG.log(System.Logger.Level.WARNING, "web sampler failed", e);
        }
    }

    private void later(Runnable task) {
        try {
            sampler.execute(task);
        } catch (RejectedExecutionException e) {
            // closing: the event is not needed any more
        }
    }

    @Override
    public void close() {
        device.removeListener(listener);
        sampler.shutdownNow();
        hub.closeAll();
        server.close();
        registry.close();
    }

    private final class Relay implements DeviceListener {
        @Override
        public void onStatusChanged(DeviceStatus status) {
            later(() -> {
                latest.set(status);
                hub.broadcast("status", StatusJson.write(StatusJson.status(status)));
            });
        }

        @Override
        public void onSettingChanged(String chargerId, String key, String value) {
            later(() -> {
                var json = StatusJson.object();
                json.put("charger", chargerId);
                json.put("key", key);
                json.put("value", value);
                hub.broadcast("setting", StatusJson.write(json));
            });
        }
    }
}
