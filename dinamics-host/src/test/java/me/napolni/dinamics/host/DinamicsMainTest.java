package me.napolni.dinamics.host;

import org.junit.jupiter.params.ParameterizedTest;
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

    @Test
    void shouldRefuseAMissingOptionValueWhenRunning() {
        assertEquals(DinamicsMain.EXIT_USAGE, run("run", "--config"));
        assertTrue(err.toString().contains("--config"), err.toString());
    }
}
