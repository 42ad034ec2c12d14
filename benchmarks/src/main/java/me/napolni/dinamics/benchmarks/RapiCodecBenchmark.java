package me.napolni.dinamics.benchmarks;

import java.nio.charset.StandardCharsets;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.codec.RapiFrameDecoder;
import me.napolni.dinamics.rapi.codec.RapiFrameEncoder;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The RAPI codec against naive {@code String} baselines: decoding a {@code $GS} reply with a sequence id (checksum
 * check, four fields in hex and decimal, the id) and encoding {@code $SC 16 V} with an id and its checksum.
 */
public class RapiCodecBenchmark extends BenchmarkBase {
    private final byte[] reply = "$OK 03 1234 03 0540 :2A^4C\r".getBytes(StandardCharsets.ISO_8859_1);
    private final RapiFrameDecoder decoder = RapiFrameDecoder.forReplies();
    private final RapiFrameEncoder encoder = RapiFrameEncoder.forCommands();
    private final byte[] out = new byte[32];
    private int amps = 16;
    private int seqId = 0x2A;

    /** Creates the benchmark state. */
    public RapiCodecBenchmark() {
    }

    /**
     * Baseline decode: a string, a checksum over its characters, {@code split} and {@code parseInt}.
     *
     * @return a sum of the fields, so that nothing is optimised away
     */
    @Benchmark
    public int decodeBaselineStringSplit() {
        String line = new String(reply, StandardCharsets.ISO_8859_1).trim();
        int marker = line.indexOf('^');
        int xor = 0;
        for (int i = 0; i < marker; i++) {
            xor ^= line.charAt(i);
        }
        if (xor != Integer.parseInt(line.substring(marker + 1), 16)) {
            return -1;
        }
        String[] fields = line.substring(1, marker).split(" ");
        int seq = fields[fields.length - 1].startsWith(":") ? Integer.parseInt(fields[5].substring(1), 16) : -1;
        return Integer.parseInt(fields[1], 16) + Integer.parseInt(fields[2]) + Integer.parseInt(fields[3], 16)
                + Integer.parseInt(fields[4], 16) + seq;
    }

    /**
     * The codec: the bytes fed to the decoder, the fields read from the frame view.
     *
     * @return a sum of the fields, so that nothing is optimised away
     */
    @Benchmark
    @Against(baseline = "decodeBaselineStringSplit")
    public int decodeCodec() {
        int status = RapiFrameDecoder.NEED_MORE_BYTES;
        for (byte b : reply) {
            status = decoder.onByte(b);
        }
        if (status != RapiFrameDecoder.FRAME_READY) {
            return -1;
        }
        RapiFrame frame = decoder.frame();
        return frame.paramHex(0) + frame.paramDecimal(1) + frame.paramHex(2) + frame.paramHex(3) + frame.seqId();
    }

    /**
     * Baseline encode: {@code String.format}, a checksum over the characters, {@code getBytes}.
     *
     * @return the frame length
     */
    @Benchmark
    public int encodeBaselineStringFormat() {
        String body = String.format("$SC %d V :%02X", amps, seqId);
        int xor = 0;
        for (int i = 0; i < body.length(); i++) {
            xor ^= body.charAt(i);
        }
        byte[] frame = (body + String.format("^%02X\r", xor)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(frame, 0, out, 0, frame.length);
        return frame.length;
    }

    /**
     * The codec: {@code $SC 16 V :2A^XX} written into a reused buffer.
     *
     * @return the frame length
     */
    @Benchmark
    @Against(baseline = "encodeBaselineStringFormat")
    public int encodeCodec() {
        return encoder.start(out, 0, 'S', 'C').param(amps).param("V").finish(seqId);
    }
}
