package me.napolni.dinamics.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import me.napolni.dinamics.core.sim.HouseholdDay;
import me.napolni.dinamics.core.sim.Laws;
import me.napolni.dinamics.core.sim.ScenarioMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documents come from the matrix and the JMH run, and the gate reads the JSON twin as written. */
class ScenarioMatrixMainTest {

    private static final int SECONDS = 900;

    @Test
    void shouldWriteTablesFiguresAndTheCommandWhenGivenAMatrixAndAJmhRun(@TempDir Path dir) throws Exception {
        ScenarioMatrix matrix = ScenarioMatrix.run(List.of(syntheticDay()), Laws.names());
        Path markdown = dir.resolve("benchmarks.md");
        Path json = dir.resolve("benchmarks.json");
        Path jmh = BenchmarkGateTest.resource("jmh-pass.json");

        int violations = ScenarioMatrixMain.writeReports(matrix, jmh, markdown, json);

        String md = Files.readString(markdown, StandardCharsets.UTF_8);
        assertTrue(md.startsWith("# Benchmarks\n"), md);
        assertTrue(md.contains(ScenarioMatrixMain.COMMAND), "the regenerate command is at the top");
        assertTrue(md.contains("| `GateFixtureBenchmark.fast` | `naive` | 2.50 |"), md);
        assertTrue(md.contains("### day-synthetic"), md);
        for (String law : Laws.names()) {
            assertTrue(md.contains("| 3p16 | 20 | " + law + " |"), law + " has a row");
        }
        assertTrue(md.contains("| 1p32 | 32 | *ideal* |"), "the ideal reference has a row");

        Map<?, ?> twin = (Map<?, ?>) JsonFiles.read(json);
        assertEquals(ScenarioMatrixMain.COMMAND, twin.get("regenerate"));
        Map<?, ?> scenario = (Map<?, ?>) twin.get(BenchmarkGate.SCENARIO_KEY);
        Map<?, ?> ours = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) scenario.get("day-synthetic"))
                .get("3p16")).get("20")).get(BenchmarkGate.LAW);
        assertEquals(matrix.metrics("day-synthetic", me.napolni.dinamics.core.sim.CarProfile.values()[0], 20,
                BenchmarkGate.LAW).trips(), ((Number) ours.get("trips")).intValue());
        List<String> gate = BenchmarkGate.check(JsonFiles.read(jmh), twin);
        assertEquals(gate, twin.get("gate_violations"), "the documents show the gate's own verdict");
        assertEquals(gate.size(), violations);
        assertTrue(md.contains(gate.isEmpty() ? "Latest run: **passed**" : "Latest run: **failed**"), md);
        for (String violation : gate) {
            assertTrue(md.contains("- " + violation + "\n"), violation);
        }
    }

    @Test
    void shouldSayTheJmhRunIsMissingWhenThereIsNone(@TempDir Path dir) throws Exception {
        ScenarioMatrix matrix = ScenarioMatrix.run(List.of(syntheticDay()), List.of(Laws.names().get(0)));
        Path markdown = dir.resolve("out/benchmarks.md");
        ScenarioMatrixMain.writeReports(matrix, dir.resolve("none.json"), markdown, dir.resolve("out/b.json"));
        assertTrue(Files.readString(markdown).contains("No JMH result at"));
    }

    /** A quarter of an hour: a base load with a 12 A step on L2 from minute 5 to 10. */
    private static HouseholdDay syntheticDay() {
        double[][] amps = new double[3][SECONDS];
        for (int second = 0; second < SECONDS; second++) {
            amps[0][second] = 2.0;
            amps[1][second] = second >= 300 && second < 600 ? 14.0 : 2.0;
            amps[2][second] = 1.5;
        }
        return HouseholdDay.of("day-synthetic", amps[0], amps[1], amps[2]);
    }
}
