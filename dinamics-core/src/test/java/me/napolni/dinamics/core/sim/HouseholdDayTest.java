package me.napolni.dinamics.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HouseholdDayTest {

    @TempDir
    Path folder;

    static Path householdFolder() {
        return Path.of(System.getProperty("dinamics.shared.dir"), "testdata", "household");
    }

    /** A valid day's text with one row replaced (row index 0 is t = 0), or none when {@code row} is -1. */
    private static String dayText(int row, String replacement, int rows) {
        StringBuilder text = new StringBuilder(HouseholdDay.HEADER).append('\n');
        for (int t = 0; t < rows; t++) {
            text.append(t == row ? replacement : t + "," + (t % 7) + ".25,1.00,0.50").append('\n');
        }
        return text.toString();
    }

    private Path gzip(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    @Test
    void shouldLoadEveryDayOfTheSharedFolderWith86400SecondsWhenEnumerated() throws IOException {
        List<Path> files = HouseholdDay.listDays(householdFolder());
        assertFalse(files.isEmpty());
        for (Path file : files) {
            HouseholdDay day = HouseholdDay.load(file);
            assertEquals(HouseholdDay.SECONDS_PER_DAY, day.seconds());
            assertEquals(file.getFileName().toString().replace(".csv.gz", ""), day.name());
            double max = 0.0;
            for (int phase = 0; phase < 3; phase++) {
                for (int s = 0; s < day.seconds(); s++) {
                    assertTrue(day.amps(phase, s) >= 0.0);
                    max = Math.max(max, day.amps(phase, s));
                }
            }
            assertTrue(max > 0.0, day.name() + " has some load");
        }
    }

    @Test
    void shouldLoadAValidFileAndNameItWithoutTheSuffix() throws IOException {
        Path file = gzip("tiny-day.csv.gz", dayText(-1, "", HouseholdDay.SECONDS_PER_DAY));
        HouseholdDay day = HouseholdDay.load(file);
        assertEquals("tiny-day", day.name());
        assertEquals(3.25, day.amps(0, 3));
        assertEquals(1.0, day.amps(1, 86_399));
        assertEquals(0.5, day.amps(2, 12));
    }

    @Test
    void shouldNameFileAndLineWhenAValueIsNotANumber() throws IOException {
        Path file = gzip("bad.csv.gz", dayText(3, "3,1.0,x,1.0", HouseholdDay.SECONDS_PER_DAY));
        HouseholdDayException e = assertThrows(HouseholdDayException.class, () -> HouseholdDay.load(file));
        assertEquals(5, e.lineNumber(), "header is line 1, t = 3 is line 5");
        assertTrue(e.getMessage().contains("bad.csv.gz") && e.getMessage().contains("line 5"), e.getMessage());
    }

    @Test
    void shouldRejectNegativeCurrentsGapsWrongHeadersAndShortFiles() throws IOException {
        Path negative = gzip("neg.csv.gz", dayText(10, "10,1.0,-0.5,1.0", HouseholdDay.SECONDS_PER_DAY));
        assertEquals(12, assertThrows(HouseholdDayException.class, () -> HouseholdDay.load(negative)).lineNumber());
        Path gap = gzip("gap.csv.gz", dayText(10, "11,1.0,0.5,1.0", HouseholdDay.SECONDS_PER_DAY));
        assertEquals(12, assertThrows(HouseholdDayException.class, () -> HouseholdDay.load(gap)).lineNumber());
        Path fields = gzip("fields.csv.gz", dayText(0, "0,1.0,0.5", HouseholdDay.SECONDS_PER_DAY));
        assertEquals(2, assertThrows(HouseholdDayException.class, () -> HouseholdDay.load(fields)).lineNumber());
        Path header = gzip("header.csv.gz", "t,a,b,c\n");
        assertEquals(1, assertThrows(HouseholdDayException.class, () -> HouseholdDay.load(header)).lineNumber());
        Path shortFile = gzip("short.csv.gz", dayText(-1, "", 100));
        HouseholdDayException e = assertThrows(HouseholdDayException.class, () -> HouseholdDay.load(shortFile));
        assertTrue(e.getMessage().contains("ends after 100"), e.getMessage());
    }

    @Test
    void shouldRejectAFileThatIsNotGzipOrIsCutShort() throws IOException {
        Path plain = folder.resolve("plain.csv.gz");
        Files.writeString(plain, dayText(-1, "", 10));
        HouseholdDayException e = assertThrows(HouseholdDayException.class, () -> HouseholdDay.load(plain));
        assertTrue(e.getMessage().contains("plain.csv.gz"), e.getMessage());
        byte[] whole = Files.readAllBytes(gzip("whole.csv.gz", dayText(-1, "", HouseholdDay.SECONDS_PER_DAY)));
        Path cut = folder.resolve("cut.csv.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        e = assertThrows(HouseholdDayException.class, () -> HouseholdDay.load(cut));
        assertTrue(e.getMessage().contains("cut.csv.gz") && e.lineNumber() > 1, e.getMessage());
    }

    @Test
    void shouldListOnlyCsvGzFilesSortedByName() throws IOException {
        gzip("b.csv.gz", "x");
        gzip("a.csv.gz", "x");
        Files.writeString(folder.resolve("a.events.tsv"), "x");
        Files.writeString(folder.resolve("README.md"), "x");
        List<Path> days = HouseholdDay.listDays(folder);
        assertEquals(List.of(folder.resolve("a.csv.gz"), folder.resolve("b.csv.gz")), days);
    }
}
