package me.napolni.dinamics.host;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DinamicsMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return DinamicsMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"simulate", "run", "replay", "rapi"})
    void shouldPrintUsageWhenHelpIsAskedOfAnySubcommand(String command) {
        assertEquals(0, run(command, "--help"));
        assertTrue(out.toString().startsWith("Usage: dinamics " + command), out.toString());
    }

    @Test
    void shouldPrintVersionWhenAsked() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("dinamics "), out.toString());
    }

    @Test
    void shouldExitWithUsageErrorWhenTheCommandIsUnknown() {
        assertEquals(DinamicsMain.EXIT_USAGE, run("fly"));
        assertTrue(err.toString().contains("fly"), err.toString());
    }

    @Test
    void shouldExitWithUsageErrorWhenNoCommandIsGiven() {
        assertEquals(DinamicsMain.EXIT_USAGE, run());
        assertTrue(err.toString().contains("missing a command"), err.toString());
    }

    @Test
    void shouldRefuseUnknownCarWhenReplaying() {
        assertEquals(DinamicsMain.EXIT_USAGE, run("replay", "--day", "x.csv.gz", "--car", "2p10"));
        assertTrue(err.toString().contains("--car must be 3p16 or 1p32"), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "simulate"})
    void shouldListTheBreakerAndCarOptionsWhenHelpIsAskedOfReplayOrSimulate(String command) {
        assertEquals(0, run(command, "--help"));
        assertTrue(out.toString().contains("--breaker=A"), out.toString());
        assertTrue(out.toString().contains("--car=3p16|1p32"), out.toString());
    }

    @Test
    void shouldRefuseUnknownCarWhenSimulating() {
        assertEquals(DinamicsMain.EXIT_USAGE, run("simulate", "--car", "2p10"));
        assertTrue(err.toString().contains("--car must be 3p16 or 1p32, not '2p10'"), err.toString());
    }

    @ParameterizedTest
    @CsvSource({"replay, 5", "replay, 101", "simulate, 5", "simulate, 101"})
    void shouldRefuseABreakerOutsideSixToAHundredAmpsWhenReplayingOrSimulating(String command, String amps) {
        int exit = "replay".equals(command) ? run(command, "--day", "x.csv.gz", "--breaker", amps)
                : run(command, "--breaker", amps);
        assertEquals(DinamicsMain.EXIT_USAGE, exit);
        assertTrue(err.toString().contains("--breaker must be 6..100 A, not " + amps), err.toString());
    }

    @Test
    void shouldRefuseAMissingOptionValueWhenRunning() {
        assertEquals(DinamicsMain.EXIT_USAGE, run("run", "--config"));
        assertTrue(err.toString().contains("--config"), err.toString());
    }
}
