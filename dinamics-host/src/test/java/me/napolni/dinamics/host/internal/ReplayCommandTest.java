package me.napolni.dinamics.host.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import me.napolni.dinamics.core.sim.Laws;
import me.napolni.dinamics.host.DinamicsMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayCommandTest {

    @TempDir
    Path dir;

    /** A whole day in the household file format: 10 A on L1, 22 A from 18:00. */
    private Path day() throws Exception {
        Path file = dir.resolve("day-test.csv.gz");
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)),
                StandardCharsets.US_ASCII)) {
            out.write("t_s,l1_a,l2_a,l3_a\n");
            for (int t = 0; t < 86_400; t++) {
                out.write(String.format(Locale.ROOT, "%d,%.2f,2.00,3.00%n", t, t < 18 * 3600 ? 10.0 : 22.0));
            }
        }
        return file;
    }

    @Test
    void shouldPrintTheTableAndWriteJsonInTheScenarioLayout() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path json = dir.resolve("out/metrics.json");
        int exit = DinamicsMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), "replay", "--day",
                day().toString(), "--law", Laws.names().get(0), "--breaker", "25", "--car", "1p32", "--json",
                json.toString());
        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("energy_share_pct"), out.toString());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode row = root.path("day-test").path("1p32").path("25").path(Laws.names().get(0));
        assertTrue(row.path("trips").isInt(), root.toString());
        assertTrue(root.path("day-test").path("1p32").path("25").path("ideal").path("energy_kWh").isNumber());
    }

    @Test
    void shouldRefuseAnUnknownLaw() throws Exception {
        StringWriter err = new StringWriter();
        int exit = DinamicsMain.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "replay",
                "--day", day().toString(), "--law", "magic");
        assertEquals(DinamicsMain.EXIT_USAGE, exit);
        assertTrue(err.toString().contains("unknown law 'magic'"), err.toString());
    }
}
