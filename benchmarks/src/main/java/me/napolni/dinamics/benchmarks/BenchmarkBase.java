package me.napolni.dinamics.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Shared JMH settings: throughput per thread, one fork, and warmup and measurement short enough for a CI pass of
 * a few seconds per benchmark. Compare a benchmark only with the baseline in the same class and run (a ratio),
 * and read allocation from {@code -prof gc} ({@code gc.alloc.rate.norm}, B/op). A subclass marks what it compares
 * with {@link Against}; {@link BenchmarkGate} holds each benchmark to it after {@code mvn verify}'s short run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
public abstract class BenchmarkBase {
    /** For subclasses only. */
    protected BenchmarkBase() {
    }
}
