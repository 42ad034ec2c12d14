package me.napolni.dinamics.host.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import me.napolni.dinamics.core.LoopRunner;

import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The control loop's pass interval on the web server's Micrometer registry (the host's one Micrometer class):
 * {@code dinamics.loop.pass.interval} in milliseconds with a {@code stat} tag of {@code p50}, {@code p99} or
 * {@code max} (Prometheus {@code dinamics_loop_pass_interval_milliseconds{stat="p99"}}), and
 * {@code dinamics.loop.pass.intervals}, the number counted. Read at scrape time from
 * {@link LoopRunner#passIntervals()}.
 */
public final class LoopMetrics {

    /** The gauge's name. */
    public static final String INTERVAL = "dinamics.loop.pass.interval";
    /** The count's name. */
    public static final String COUNT = "dinamics.loop.pass.intervals";

    private static final double NS_PER_MS = 1_000_000.0;

    private LoopMetrics() {
    }

    /**
     * Registers the gauges.
     *
     * @param registry the web server's registry
     * @param intervals reads the loop's pass intervals
     */
    public static void register(MeterRegistry registry, Supplier<LoopRunner.PassIntervals> intervals) {
        gauge(registry, intervals, "p50", i -> i.p50Ns() / NS_PER_MS);
        gauge(registry, intervals, "p99", i -> i.p99Ns() / NS_PER_MS);
        gauge(registry, intervals, "max", i -> i.maxNs() / NS_PER_MS);
        Gauge.builder(COUNT, intervals, s -> s.get().count()).strongReference(true)
                .description("Intervals between control-loop passes counted since the start").register(registry);
    }

    private static void gauge(MeterRegistry registry, Supplier<LoopRunner.PassIntervals> intervals, String stat,
            ToDoubleFunction<LoopRunner.PassIntervals> figure) {
        // strong: the supplier is a method reference nobody else holds, and a gauge's object is weak by default
        Gauge.builder(INTERVAL, intervals, s -> figure.applyAsDouble(s.get())).tag("stat", stat)
                .strongReference(true).baseUnit("milliseconds")
                .description("Interval between the starts of two control-loop passes since the start (" + stat + ")")
                .register(registry);
    }
}
