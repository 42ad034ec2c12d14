package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.sampling.RmsMeter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CT corpus sent through the serial frame format, with line noise between frames, decoded and measured: every
 * value matches emonLib's to 1e-12, so the framing loses nothing.
 */
class AdcCorpusTest {

    static List<Path> corpus() throws IOException {
        Path folder = Path.of(System.getProperty("dinamics.shared.dir"), "testdata", "ct");
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.u16le")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        assertTrue(!files.isEmpty(), "no CT files in " + folder);
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldMatchEmonLibWhenTheSamplesTravelAsFramesWithNoise(Path file) throws IOException {
        int n = 0;
        int calibration = 0;
        List<Double> expected = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(file + ".expected"), StandardCharsets.UTF_8)) {
            if (line.startsWith("# n:")) {
                n = Integer.parseInt(line.substring(4).trim());
            } else if (line.startsWith("# calibration:")) {
                calibration = Integer.parseInt(line.substring(14).trim().split(" ")[0]);
            } else if (!line.startsWith("#") && !line.isBlank()) {
                expected.add(Double.parseDouble(line.trim()));
            }
        }
        ShortBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        short[] all = new short[raw.remaining()];
        raw.get(all);
        RmsMeter meter = RmsMeter.create(1, calibration);
        List<Double> got = new ArrayList<>();
        AdcFrameDecoder decoder = new AdcFrameDecoder((phase, seq, samples, count) ->
                got.add(meter.measure(phase, samples, 0, count)));
        SplittableRandom noise = new SplittableRandom(3);
        byte[] frame = new byte[AdcFrameDecoder.MAX_FRAME_BYTES];
        short[] block = new short[n];
        for (int call = 0; call < expected.size(); call++) {
            System.arraycopy(all, call * n, block, 0, n);
            int length = AdcFrameDecoder.encode(0, call & 0xFF, block, n, frame, 0);
            byte[] garbage = new byte[noise.nextInt(8)];
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = (byte) noise.nextInt(256);
            }
            decoder.accept(garbage, 0, garbage.length);
            // split the frame at a random point, as a serial driver does
            int cut = noise.nextInt(length);
            decoder.accept(frame, 0, cut);
            decoder.accept(frame, cut, length - cut);
        }
        assertEquals(expected.size(), got.size(), "frames decoded");
        for (int i = 0; i < expected.size(); i++) {
            double error = Math.abs(got.get(i) - expected.get(i)) / Math.max(Math.abs(expected.get(i)), 0.001);
            assertTrue(error <= 1e-12, "call " + i + ": " + got.get(i) + " vs " + expected.get(i));
        }
    }
}
