package me.napolni.dinamics.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark of a JMH run with its baseline from the same run, as {@link Against} pairs them.
 *
 * @param measured the benchmark
 * @param baseline its baseline, or null when the run did not include it
 * @param rule what the benchmark is held to
 */
record Comparison(JmhResult measured, JmhResult baseline, Against rule) {

    /**
     * Returns the throughput ratio to the baseline: above 1 when the benchmark is faster.
     *
     * @return {@code score / baseline score}, NaN without a baseline
     */
    double ratio() {
        return baseline == null ? Double.NaN : measured.score() / baseline.score();
    }

    /**
     * Pairs every benchmark that carries {@link Against} with its baseline; problems (an unknown class or method,
     * a missing baseline) are added to {@code problems}.
     *
     * @param results the run
     * @param problems receives one line per problem
     * @return the comparisons, in run order
     */
    static List<Comparison> pair(List<JmhResult> results, List<String> problems) {
        List<Comparison> out = new ArrayList<>();
        for (JmhResult result : results) {
            Against rule;
            try {
                Class<?> type = Class.forName(result.className(), false, Comparison.class.getClassLoader());
                rule = type.getMethod(result.method()).getAnnotation(Against.class);
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                problems.add(result.shortName() + ": no such benchmark in this build (" + e + ")");
                continue;
            }
            if (rule == null) {
                continue;
            }
            JmhResult baseline = null;
            for (JmhResult candidate : results) {
                if (candidate.className().equals(result.className()) && candidate.method().equals(rule.baseline())) {
                    baseline = candidate;
                }
            }
            if (baseline == null) {
                problems.add(result.shortName() + ": its baseline " + rule.baseline() + " is not in the run");
            }
            out.add(new Comparison(result, baseline, rule));
        }
        return out;
    }
}
