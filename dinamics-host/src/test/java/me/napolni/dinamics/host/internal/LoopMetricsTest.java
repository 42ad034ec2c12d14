package me.napolni.dinamics.host.internal;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import me.napolni.dinamics.core.LoopRunner;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopMetricsTest {

    @Test
    void shouldScrapeThePassIntervalInMillisecondsWhenRegistered() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicReference<LoopRunner.PassIntervals> now = new AtomicReference<>(
                new LoopRunner.PassIntervals(400, 250_000_000L, 262_143_000L, 731_500_000L));
        LoopMetrics.register(registry, now::get);

        String text = registry.scrape();

        assertTrue(text.contains("dinamics_loop_pass_interval_milliseconds{stat=\"p50\"} 250.0"), text);
        assertTrue(text.contains("dinamics_loop_pass_interval_milliseconds{stat=\"p99\"} 262.143"), text);
        assertTrue(text.contains("dinamics_loop_pass_interval_milliseconds{stat=\"max\"} 731.5"), text);
        assertTrue(text.contains("dinamics_loop_pass_intervals 400.0"), text);
        now.set(LoopRunner.PassIntervals.NONE);
        assertTrue(registry.scrape().contains("dinamics_loop_pass_intervals 0.0"), "read at scrape time");
    }
}
