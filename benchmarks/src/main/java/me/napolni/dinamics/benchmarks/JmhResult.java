package me.napolni.dinamics.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One benchmark of a JMH run, as read from its {@code -rf json} output.
 *
 * @param className the benchmark class, fully qualified
 * @param method the benchmark method
 * @param score the primary score (throughput in this module)
 * @param unit the score's unit, such as {@code ops/us}
 * @param bytesPerOp {@code gc.alloc.rate.norm} from {@code -prof gc}, or NaN when the run had no GC profiler
 */
record JmhResult(String className, String method, double score, String unit, double bytesPerOp) {

    /** The secondary metric of {@code -prof gc} that gives bytes allocated per operation. */
    static final String ALLOC_NORM = "gc.alloc.rate.norm";

    /**
     * Returns the class's simple name and the method, as tables show them.
     *
     * @return {@code Class.method}
     */
    String shortName() {
        return className.substring(className.lastIndexOf('.') + 1) + "." + method;
    }

    /**
     * Reads every benchmark of a JMH JSON result.
     *
     * @param tree the parsed file: a list of benchmark objects
     * @return the results, in file order
     * @throws IllegalArgumentException when the tree is not a JMH result
     */
    static List<JmhResult> listOf(Object tree) {
        if (!(tree instanceof List<?> entries)) {
            throw new IllegalArgumentException("a JMH JSON result is a list of benchmarks");
        }
        List<JmhResult> out = new ArrayList<>();
        for (Object entry : entries) {
            Map<?, ?> benchmark = asMap(entry, "benchmark entry");
            String name = String.valueOf(benchmark.get("benchmark"));
            int dot = name.lastIndexOf('.');
            if (dot <= 0) {
                throw new IllegalArgumentException("not a benchmark name: " + name);
            }
            Map<?, ?> primary = asMap(benchmark.get("primaryMetric"), name + " primaryMetric");
            double bytesPerOp = Double.NaN;
            if (benchmark.get("secondaryMetrics") instanceof Map<?, ?> secondary
                    && secondary.get(ALLOC_NORM) instanceof Map<?, ?> alloc) {
                bytesPerOp = number(alloc.get("score"));
            }
            out.add(new JmhResult(name.substring(0, dot), name.substring(dot + 1), number(primary.get("score")),
                    String.valueOf(primary.get("scoreUnit")), bytesPerOp));
        }
        return out;
    }

    private static Map<?, ?> asMap(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(what + " is not a JSON object");
    }

    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text);     // JMH writes "NaN" as a string
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
