package me.napolni.dinamics.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dinamics release} is a subcommand of the program. */
class ReleaseSubcommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return DinamicsMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keygen", "sign", "verify"})
    void shouldPrintUsageWhenHelpIsAskedOfAReleaseCommand(String command) {
        assertEquals(0, run("release", command, "--help"), err.toString());
        assertTrue(out.toString().startsWith("Usage: dinamics release " + command), out.toString());
    }

    @Test
    void shouldListTheReleaseCommandWhenTheProgramsHelpIsAsked() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("release"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("release", "--help"));
        assertTrue(out.toString().startsWith("Usage: dinamics release"), out.toString());
    }

    @Test
    void shouldExitWithUsageErrorWhenReleaseHasNoCommand() {
        assertEquals(DinamicsMain.EXIT_USAGE, run("release"));
        assertTrue(err.toString().contains("keygen, sign or verify"), err.toString());
    }

    @Test
    void shouldWriteBothKeyFilesWhenKeygenRuns() throws Exception {
        assertEquals(0, run("release", "keygen", "--out", dir.toString()), err.toString());
        assertTrue(Files.size(dir.resolve("release.pub")) > 40);
        assertTrue(Files.size(dir.resolve("release.key")) > 40);
    }
}
