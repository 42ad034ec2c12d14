package me.napolni.dinamics.host.chaos;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The short chaos run of every build: the packaged gateway against socat, mosquitto, the emulator and a faulty
 * meter for about 2.5 minutes of wall time (2.5 simulated hours of a household evening), every fault kind at least
 * once, then every invariant of {@code docs/reliability.md} asserted. The same class runs the long campaign when
 * steered with {@code -Dchaos.*} properties (see {@link ChaosMain}).
 */
class ChaosIT {

    @Test
    void shouldKeepEveryInvariantWhenFaultsAreInjected() throws Exception {
        Map<String, String> given = ChaosMain.fromSystemProperties();
        ChaosMain.Params params = ChaosMain.params(given, "mvn -B -o -pl dinamics-host -am verify -Dit.test=ChaosIT "
                + given.entrySet().stream().map(e -> "-Dchaos." + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")));
        assertTrue(Files.isRegularFile(params.jar()), "package the jar first: " + params.jar().toAbsolutePath());
        assertTrue(Files.isExecutable(Path.of(ChaosRun.binary("socat"))), "socat is needed");
        List<ChaosResult> results = ChaosMain.runAll(params);
        for (ChaosResult result : results) {
            assertTrue(result.passed(), "chaos run failed; reproduce with -Dchaos.seeds=" + result.schedule.seed()
                    + " -Dchaos.minutes=" + params.minutes() + " -Dchaos.shrink=true\n" + result.describeFailure()
                    + "\n" + result.schedule.describe());
        }
    }
}
