package me.napolni.dinamics.rapi.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the frame corpus (every *.tsv in testdata/rapi) and feeds wire bytes to decoders. */
final class FrameCorpus {
    static final int COLUMNS = 8;

    private FrameCorpus() {
    }

    /** One corpus row, columns as in testdata/rapi/README.md. */
    record Row(String file, String id, String direction, String wire, String expect, String command, String params,
               String seq, String note) {

        boolean toEvse() {
            return "to_evse".equals(direction);
        }

        boolean canonical() {
            return note.startsWith("canonical");
        }

        RapiFrameProfile profile() {
            return toEvse() ? RapiFrameProfile.COMMAND_SIDE : RapiFrameProfile.REPLY_SIDE;
        }

        byte[] wireBytes() {
            return unescape(wire);
        }

        /** The expected outcomes, rendered as {@link #render} renders actual ones. */
        List<String> expectedOutcomes() {
            String[] outcomes = expect.split(";", -1);
            String[] commands = command.split(";", -1);
            String[] paramLists = params.split(";", -1);
            String[] seqs = seq.split(";", -1);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < outcomes.length; i++) {
                if ("ok".equals(outcomes[i])) {
                    String seqText = seqs[i].isEmpty() ? "none" : Integer.toString(Integer.parseInt(seqs[i], 16));
                    out.add("ok " + commands[i] + " [" + latin1(unescape(paramLists[i])) + "] seq=" + seqText);
                } else {
                    out.add(outcomes[i]);
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return id + " (" + file + ")";
        }
    }

    static Stream<Row> rows() {
        String shared = System.getProperty("dinamics.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property dinamics.shared.dir is not set (the root pom sets it)");
        }
        Path folder = Path.of(shared, "testdata", "rapi");
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                for (String line : lines.subList(1, lines.size())) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    String[] c = line.split("\t", -1);
                    if (c.length != COLUMNS) {
                        throw new IllegalStateException(file + ": expected " + COLUMNS + " columns: " + line);
                    }
                    rows.add(new Row(file.getFileName().toString(), c[0], c[1], c[2], c[3], c[4], c[5], c[6],
                            c[7]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("no corpus rows under " + folder);
        }
        return rows.stream();
    }

    /** The corpus escapes: \r is CR, \xNN a byte, anything else itself. */
    static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && text.charAt(i + 1) == 'r') {
                out.write('\r');
                i++;
            } else if (c == '\\' && text.charAt(i + 1) == 'x') {
                out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The outcome of one byte, as text, or null for NEED_MORE_BYTES. */
    static String render(RapiFrameDecoder decoder, int status) {
        if (status == RapiFrameDecoder.FRAME_READY) {
            RapiFrame f = decoder.frame();
            StringBuilder params = new StringBuilder();
            for (int i = 0; i < f.paramCount(); i++) {
                if (i > 0) {
                    params.append(' ');
                }
                params.append(f.param(i));
            }
            String seq = f.hasSeqId() ? Integer.toString(f.seqId()) : "none";
            return "ok " + f.command() + " [" + params + "] seq=" + seq;
        }
        if (status == RapiFrameDecoder.MALFORMED) {
            return decoder.lastError().reasonWord();
        }
        if (status != RapiFrameDecoder.NEED_MORE_BYTES) {
            throw new AssertionError("unknown status " + status);
        }
        return null;
    }

    /** Feeds a range and appends the outcomes; checks the buffer bound after every byte. */
    static void feed(RapiFrameDecoder decoder, byte[] bytes, int from, int to, List<String> outcomes) {
        for (int i = from; i < to; i++) {
            String outcome = render(decoder, decoder.onByte(bytes[i]));
            if (outcome != null) {
                outcomes.add(outcome);
            }
            if (decoder.bufferedBytes() > decoder.profile().maxFrameBytes()) {
                throw new AssertionError("buffered " + decoder.bufferedBytes() + " bytes");
            }
        }
    }

    static List<String> decodeAll(RapiFrameProfile profile, byte[] bytes) {
        List<String> outcomes = new ArrayList<>();
        feed(RapiFrameDecoder.of(profile), bytes, 0, bytes.length, outcomes);
        return outcomes;
    }
}
