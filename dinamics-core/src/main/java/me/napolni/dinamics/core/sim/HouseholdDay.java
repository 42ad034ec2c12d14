package me.napolni.dinamics.core.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One day of per-phase house current without the car, at 1 s resolution ({@code testdata/household/*.csv.gz}).
 *
 * <p>The file is gzip-compressed CSV: a header {@code t_s,l1_a,l2_a,l3_a}, then {@value #SECONDS_PER_DAY} rows
 * {@code t,l1,l2,l3} with t = 0, 1, ... in order and finite, non-negative amps. Values are held in primitive
 * arrays; the day is immutable after loading.
 */
public final class HouseholdDay {

    /** Rows of a day. */
    public static final int SECONDS_PER_DAY = 86_400;
    /** The header line of the CSV. */
    public static final String HEADER = "t_s,l1_a,l2_a,l3_a";
    /** The suffix of a day file, dropped from its name. */
    public static final String SUFFIX = ".csv.gz";

    private final String name;
    private final double[][] amps;

    private HouseholdDay(String name, double[][] amps) {
        this.name = name;
        this.amps = amps;
    }

    /**
     * Creates a day from per-phase currents, for tests and synthetic cases.
     *
     * @param name the day's name
     * @param l1 amps of L1 per second
     * @param l2 amps of L2 per second, the same length
     * @param l3 amps of L3 per second, the same length
     * @return the day (the arrays are copied); it may be shorter than 24 h
     * @throws IllegalArgumentException if the lengths differ, are 0, or a value is negative or not finite
     */
    public static HouseholdDay of(String name, double[] l1, double[] l2, double[] l3) {
        if (l1.length == 0 || l1.length != l2.length || l1.length != l3.length) {
            throw new IllegalArgumentException("phases must have the same, non-zero length");
        }
        double[][] copy = {l1.clone(), l2.clone(), l3.clone()};
        for (double[] phase : copy) {
            for (double value : phase) {
                if (!(value >= 0.0) || Double.isInfinite(value)) {
                    throw new IllegalArgumentException("currents must be finite and not negative: " + value);
                }
            }
        }
        return new HouseholdDay(name, copy);
    }

    /**
     * Loads a day file.
     *
     * @param file a {@code .csv.gz} file
     * @return the day, named by the file name without {@value #SUFFIX}
     * @throws HouseholdDayException if the file is unreadable, not gzip, or breaks the format (with the line)
     */
    public static HouseholdDay load(Path file) throws HouseholdDayException {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(SUFFIX) ? fileName.substring(0, fileName.length() - SUFFIX.length())
                : fileName;
        double[][] amps = new double[3][SECONDS_PER_DAY];
        int lineNumber = 0;
        try (InputStream raw = Files.newInputStream(file);
             BufferedReader reader = new BufferedReader(
                     new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.US_ASCII))) {
            String line = reader.readLine();
            lineNumber = 1;
            if (line == null || !HEADER.equals(line.strip())) {
                throw new HouseholdDayException(file, lineNumber, "expected the header " + HEADER, null);
            }
            for (int second = 0; second < SECONDS_PER_DAY; second++) {
                line = reader.readLine();
                lineNumber++;
                if (line == null) {
                    throw new HouseholdDayException(file, lineNumber,
                            "the file ends after " + second + " of " + SECONDS_PER_DAY + " rows", null);
                }
                parseRow(file, lineNumber, line, second, amps);
            }
            for (line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    throw new HouseholdDayException(file, lineNumber,
                            "more than " + SECONDS_PER_DAY + " rows", null);
                }
            }
        } catch (HouseholdDayException e) {
            throw e;
        } catch (ZipException e) {
            throw new HouseholdDayException(file, lineNumber == 0 ? HouseholdDayException.NO_LINE : lineNumber + 1,
                    "not a valid gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new HouseholdDayException(file, lineNumber == 0 ? HouseholdDayException.NO_LINE : lineNumber + 1,
                    "cannot be read (" + e + ")", e);
        }
        return new HouseholdDay(name, amps);
    }

    private static void parseRow(Path file, int lineNumber, String line, int second, double[][] amps)
            throws HouseholdDayException {
        String[] fields = line.strip().split(",", -1);
        if (fields.length != 4) {
            throw new HouseholdDayException(file, lineNumber,
                    "expected 4 comma-separated fields, found " + fields.length + ": '" + line + "'", null);
        }
        try {
            int t = Integer.parseInt(fields[0]);
            if (t != second) {
                throw new HouseholdDayException(file, lineNumber, "expected t_s = " + second + ", found " + t, null);
            }
            for (int phase = 0; phase < 3; phase++) {
                double value = Double.parseDouble(fields[phase + 1]);
                if (!(value >= 0.0) || Double.isInfinite(value)) {
                    throw new HouseholdDayException(file, lineNumber,
                            "current of L" + (phase + 1) + " must be finite and not negative: " + value, null);
                }
                amps[phase][second] = value;
            }
        } catch (NumberFormatException e) {
            throw new HouseholdDayException(file, lineNumber, "not a number in '" + line + "'", e);
        }
    }

    /**
     * Lists the day files of a folder, sorted by name.
     *
     * @param folder a folder such as {@code testdata/household}
     * @return the paths of every {@code *.csv.gz} in it
     * @throws IOException if the folder cannot be listed
     */
    public static List<Path> listDays(Path folder) throws IOException {
        List<Path> days = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path path : stream) {
                if (Files.isRegularFile(path)) {
                    days.add(path);
                }
            }
        }
        days.sort(null);
        return days;
    }

    /**
     * Returns the day's name.
     *
     * @return the file name without {@value #SUFFIX}
     */
    public String name() {
        return name;
    }

    /**
     * Returns how many seconds the day has.
     *
     * @return {@value #SECONDS_PER_DAY} for a file, possibly fewer for a synthetic day
     */
    public int seconds() {
        return amps[0].length;
    }

    /**
     * Returns the house's current of one phase in one second.
     *
     * @param phase 0 for L1, 1 for L2, 2 for L3
     * @param second 0 to {@link #seconds()} − 1
     * @return amps
     */
    public double amps(int phase, int second) {
        return amps[phase][second];
    }
}
