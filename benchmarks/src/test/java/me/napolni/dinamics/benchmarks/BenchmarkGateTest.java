package me.napolni.dinamics.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The gate on hand-made JMH results and matrices ({@code src/test/resources/gate/}). */
class BenchmarkGateTest {

    @Test
    void shouldPassWhenHotPathsAreAllocationFreeAndFasterAndTheLawIsSafe() throws Exception {
        assertEquals(List.of(), check("jmh-pass.json", "matrix-pass.json"));
    }

    @Test
    void shouldFailWhenAHotPathAllocates() throws Exception {
        List<String> violations = check("jmh-allocating.json", "matrix-pass.json");
        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.get(0).contains("GateFixtureBenchmark.fast: allocates 24.000 B/op"),
                violations::toString);
    }

    @Test
    void shouldFailWhenAHotPathMeasuredAgainstAFloorAllocates() throws Exception {
        List<String> violations = check("jmh-floor-allocating.json", "matrix-pass.json");
        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.get(0).contains("hotFloored: allocates 0.500 B/op"), violations::toString);
    }

    @Test
    void shouldFailWhenAnOptimisedBenchmarkIsSlowerThanItsBaseline() throws Exception {
        List<String> violations = check("jmh-slower.json", "matrix-pass.json");
        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.get(0).contains("GateFixtureBenchmark.fast:")
                && violations.get(0).contains("slower than its baseline naive"), violations::toString);
    }

    @Test
    void shouldFailWhenTheRunHasNoGcProfile() throws Exception {
        List<String> violations = check("jmh-no-gc.json", "matrix-pass.json");
        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.get(0).contains("-prof gc"), violations::toString);
    }

    @Test
    void shouldFailWhenTheBaselineIsMissingFromTheRun() throws Exception {
        List<String> violations = check("jmh-missing-baseline.json", "matrix-pass.json");
        assertEquals(List.of("GateFixtureBenchmark.fast: its baseline naive is not in the run",
                "GateFixtureBenchmark.allocating: its baseline naive is not in the run"), violations);
    }

    @Test
    void shouldFailWhenABenchmarkIsUnknownToTheBuild() throws Exception {
        List<String> violations = check("jmh-unknown.json", "matrix-pass.json");
        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.get(0).contains("NoSuchBenchmark.gone: no such benchmark"), violations::toString);
    }

    @Test
    void shouldFailWhenTheLawTrips() throws Exception {
        List<String> violations = check("jmh-pass.json", "matrix-trip.json");
        assertEquals(List.of("day-fixture 3p16 20 A: dinamics trips 1 time(s)"), violations);
    }

    @Test
    void shouldFailWhenTheThermalPeakExceedsTheMargin() throws Exception {
        List<String> violations = check("jmh-pass.json", "matrix-peak.json");
        assertEquals(List.of("day-fixture 3p16 20 A: dinamics thermal peak 95.5 % above 95 %"), violations);
    }

    @Test
    void shouldFailWhenTheShareIsBelowAReferenceLawWithoutTrips() throws Exception {
        List<String> violations = check("jmh-pass.json", "matrix-share.json");
        assertEquals(List.of("day-fixture 3p16 20 A: dinamics energy share 95.0 % below smartevse's 96.0 % (0 trips)"),
                violations);
    }

    @Test
    void shouldExcludeAReferenceWhenItsShareIsAboveTheThermalBound() throws Exception {
        // smartevse's 96.0 % is above bound_95_pct 95.5 %: no law within the peak limit reaches it.
        List<String> violations = BenchmarkGate.check(JsonFiles.read(resource("jmh-pass.json")),
                JsonFiles.read(resource("matrix-bound-below.json")), Set.of());
        assertEquals(List.of(), violations);
    }

    @Test
    void shouldFailWhenTheReferenceIsWithinTheThermalBound() throws Exception {
        List<String> violations = BenchmarkGate.check(JsonFiles.read(resource("jmh-pass.json")),
                JsonFiles.read(resource("matrix-bound-above.json")), Set.of());
        assertEquals(List.of("day-fixture 3p16 20 A: dinamics energy share 95.0 % below smartevse's 96.0 % (0 trips)"),
                violations);
    }

    @Test
    void shouldFailWhenAListedShortfallIsExcludedByTheBound() throws Exception {
        List<String> violations = BenchmarkGate.check(JsonFiles.read(resource("jmh-pass.json")),
                JsonFiles.read(resource("matrix-bound-below.json")), Set.of("day-fixture 3p16 20 smartevse"));
        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.get(0).contains("remove the line"), violations::toString);
    }

    @Test
    void shouldReportAListedShortfallWithoutFailing() throws Exception {
        List<String> violations = BenchmarkGate.check(JsonFiles.read(resource("jmh-pass.json")),
                JsonFiles.read(resource("matrix-share.json")), Set.of("day-fixture 3p16 20 smartevse"));
        assertEquals(List.of(), violations);
    }

    @Test
    void shouldFailWhenAListedShortfallNoLongerFallsShort() throws Exception {
        List<String> violations = BenchmarkGate.check(JsonFiles.read(resource("jmh-pass.json")),
                JsonFiles.read(resource("matrix-pass.json")), Set.of("day-fixture 3p16 20 smartevse"));
        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.get(0).contains("remove the line"), violations::toString);
    }

    @Test
    void shouldListOnlyRealCasesAsKnownShortfalls() {
        for (String entry : BenchmarkGate.knownShortfalls()) {
            assertEquals(4, entry.split(" ").length, entry);
        }
    }

    @Test
    void shouldFailWhenTheMatrixIsEmpty() throws Exception {
        List<String> violations = check("jmh-pass.json", "matrix-empty.json");
        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.get(0).contains("no scenario results"), violations::toString);
    }

    @Test
    void shouldFailWhenTheJmhRunIsEmpty() throws Exception {
        List<String> violations = BenchmarkGate.check(List.of(), JsonFiles.read(resource("matrix-pass.json")),
                Set.of());
        assertEquals(List.of("the JMH run has no benchmark"), violations);
    }

    @Test
    void shouldReadJmhScoresAndAllocationWhenGivenARealLayout() throws Exception {
        List<JmhResult> results = JmhResult.listOf(JsonFiles.read(resource("jmh-pass.json")));
        JmhResult fast = results.get(1);
        assertEquals("me.napolni.dinamics.benchmarks.GateFixtureBenchmark", fast.className());
        assertEquals("fast", fast.method());
        assertEquals(25.0, fast.score());
        assertEquals("ops/us", fast.unit());
        assertEquals(0.002, fast.bytesPerOp());
        List<Comparison> comparisons = Comparison.pair(results, new java.util.ArrayList<>());
        assertEquals(2.5, comparisons.get(0).ratio(), 1e-12);
    }

    @Test
    void shouldFailWhenAScoreIsNotANumber() throws Exception {
        String json = "[{\"benchmark\": \"me.napolni.dinamics.benchmarks.GateFixtureBenchmark.naive\","
                + " \"primaryMetric\": {\"score\": 10.0, \"scoreUnit\": \"ops/us\"}},"
                + " {\"benchmark\": \"me.napolni.dinamics.benchmarks.GateFixtureBenchmark.fast\","
                + " \"primaryMetric\": {\"score\": \"NaN\", \"scoreUnit\": \"ops/us\"},"
                + " \"secondaryMetrics\": {\"gc.alloc.rate.norm\": {\"score\": 0.002, \"scoreUnit\": \"B/op\"}}}]";
        List<String> violations = BenchmarkGate.checkJmh(JmhResult.listOf(JsonFiles.parse(json)));
        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.get(0).contains("slower than its baseline naive"), violations::toString);
    }

    @Test
    void shouldRejectWhenTheFileIsNotAJmhResult() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> JmhResult.listOf(JsonFiles.parse("{\"scenario\": {}}")));
    }

    private static List<String> check(String jmh, String matrix) throws IOException, URISyntaxException {
        return BenchmarkGate.check(JsonFiles.read(resource(jmh)), JsonFiles.read(resource(matrix)), Set.of());
    }

    static Path resource(String name) throws URISyntaxException {
        URL url = BenchmarkGateTest.class.getResource("/gate/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource gate/" + name);
        }
        return Path.of(url.toURI());
    }
}
