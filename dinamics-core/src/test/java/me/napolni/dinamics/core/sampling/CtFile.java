package me.napolni.dinamics.core.sampling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One file of {@code testdata/ct/} with its expected values, read as its README specifies. */
record CtFile(String name, short[] samples, int calibration, int samplesPerCall, double[] expected) {

    static Path folder() {
        String shared = System.getProperty("dinamics.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property dinamics.shared.dir is not set");
        }
        return Path.of(shared, "testdata", "ct");
    }

    static List<CtFile> all() {
        List<CtFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(folder())) {
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(".u16le")).sorted().toList()) {
                files.add(read(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no *.u16le in " + folder());
        }
        return files;
    }

    static CtFile read(Path samplesPath) throws IOException {
        byte[] bytes = Files.readAllBytes(samplesPath);
        ShortBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        short[] samples = new short[buffer.remaining()];
        buffer.get(samples);
        Path expectedPath = samplesPath.resolveSibling(samplesPath.getFileName() + ".expected");
        int calibration = -1;
        int n = -1;
        int calls = -1;
        List<Double> values = new ArrayList<>();
        for (String line : Files.readAllLines(expectedPath, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                int colon = trimmed.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = trimmed.substring(1, colon).strip();
                String value = trimmed.substring(colon + 1).strip();
                switch (key) {
                    case "calibration" -> calibration = Integer.parseInt(value.split("\\s+")[0]);
                    case "n" -> n = Integer.parseInt(value);
                    case "calls" -> calls = Integer.parseInt(value);
                    default -> { }
                }
            } else {
                values.add(Double.parseDouble(trimmed));
            }
        }
        if (calibration < 0 || n <= 0 || calls != values.size() || (long) calls * n != samples.length) {
            throw new IllegalStateException(samplesPath + ": header does not match the data (calibration "
                    + calibration + ", n " + n + ", calls " + calls + ", values " + values.size() + ", samples "
                    + samples.length + ")");
        }
        double[] expected = values.stream().mapToDouble(Double::doubleValue).toArray();
        return new CtFile(samplesPath.getFileName().toString(), samples, calibration, n, expected);
    }

    int calls() {
        return expected.length;
    }

    /** The README's relative error with its 1 mA floor. */
    static double relativeError(double got, double expected) {
        return Math.abs(got - expected) / Math.max(Math.abs(expected), 0.001);
    }

    @Override
    public String toString() {
        return name;
    }
}
