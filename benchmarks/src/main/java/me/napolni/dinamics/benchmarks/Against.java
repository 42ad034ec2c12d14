package me.napolni.dinamics.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the baseline a benchmark is compared with (a method of the same class, run in the same JMH run) and what
 * {@link BenchmarkGate} holds it to. A benchmark without it is a baseline or only reported.
 * <pre>
 *   &#64;Benchmark
 *   &#64;Against(baseline = "decodeBaselineStringSplit")                       // must be faster, 0 B/op
 *   public int decodeCodec() { ... }
 *
 *   &#64;Benchmark
 *   &#64;Against(baseline = "passFloorCopyReadings", mustBeFaster = false)    // a floor: ratio reported only
 *   public int doWork() { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Against {

    /**
     * The baseline benchmark method, in the same class.
     *
     * @return a method name
     */
    String baseline();

    /**
     * Whether the benchmark must have at least its baseline's throughput: true for a naive implementation of the
     * same work, false for a floor (a trivial pass that only shows the scale).
     *
     * @return true when slower than the baseline fails the gate
     */
    boolean mustBeFaster() default true;

    /**
     * Whether the benchmark is a hot path that must not allocate ({@code gc.alloc.rate.norm} below
     * {@link BenchmarkGate#MAX_HOT_PATH_BYTES_PER_OP}).
     *
     * @return true when allocation fails the gate
     */
    boolean allocationFree() default true;
}
