package me.napolni.dinamics.rapi.internal;

import java.nio.charset.StandardCharsets;

import me.napolni.dinamics.rapi.RapiException;
import me.napolni.dinamics.rapi.RapiRequest;
import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.codec.RapiFrameEncoder;
import me.napolni.dinamics.rapi.codec.RapiSequenceIds;

/**
 * The one implementation of {@link RapiRequest}: parameters are kept as pre-validated strings, so that writing
 * them allocates nothing. The constructor encodes the frame once with the highest id, so a request that exists
 * always fits a command frame.
 */
public final class TypedRequest<R> implements RapiRequest<R> {
    private final String code;
    private final String[] params;
    private final ReplyParser<R> parser;
    private final boolean expectsReply;
    private final boolean highPriority;
    private final String text;

    public TypedRequest(String code, String[] params, ReplyParser<R> parser, boolean expectsReply,
                        boolean highPriority) {
        this.code = code;
        this.params = params.clone();
        this.parser = parser;
        this.expectsReply = expectsReply;
        this.highPriority = highPriority;
        this.text = validate(code, this.params);
    }

    /** Encodes once with the highest id; throws IllegalArgumentException if the frame breaks a rule. */
    private static String validate(String code, String[] params) {
        byte[] scratch = new byte[40];
        RapiFrameEncoder encoder = RapiFrameEncoder.forCommands().start(scratch, 0, code);
        for (String param : params) {
            encoder.param(param);
        }
        int length = encoder.finish(RapiSequenceIds.MAX_ID);
        String frame = new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
        return frame.substring(0, frame.lastIndexOf(" :"));    // without id and checksum
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public void writeParams(RapiFrameEncoder encoder) {
        for (String param : params) {
            encoder.param(param);
        }
    }

    @Override
    public R parse(RapiFrame reply) throws RapiException {
        return parser.parse(reply);
    }

    @Override
    public boolean expectsReply() {
        return expectsReply;
    }

    @Override
    public boolean highPriority() {
        return highPriority;
    }

    /** The frame as sent without id and checksum, e.g. {@code $SC 16 V}. */
    @Override
    public String toString() {
        return text;
    }
}
