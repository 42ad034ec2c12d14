package me.napolni.dinamics.rapi;

import java.util.Optional;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.codec.RapiFrameEncoder;

/**
 * A request the client sends: it knows its command, writes its parameters, and parses the reply into {@code R}.
 * Instances come from {@link RapiRequests}, are immutable, validated when created (they always fit a command
 * frame, sequence id included), and may be sent any number of times.
 * <pre>{@code
 * SetCurrentResult result = client.send(RapiRequests.setCurrent(16, true));
 * }</pre>
 * How a client uses one:
 * <pre>{@code
 * int length = request.encode(encoder, buffer, 0, seqId);      // "$SC 16 V :2A^XX\r"
 * ... write, then for the matching $OK/$NK reply frame:
 * R result = request.parse(reply);                             // throws RapiException on $NK or a malformed reply
 * }</pre>
 *
 * @param <R> the typed reply
 */
public interface RapiRequest<R> {

    /**
     * The two command letters, e.g. {@code "SC"}.
     *
     * @return the command code
     */
    String code();

    /**
     * Writes the parameters (not the command, id or checksum) into a started frame. Allocates nothing.
     *
     * @param encoder an encoder on which {@code start} was called with {@link #code()}
     */
    void writeParams(RapiFrameEncoder encoder);

    /**
     * Parses the reply ({@code $OK} or {@code $NK}; for {@code $FR}, the {@code $AB} that ends the restart).
     *
     * @param reply the reply frame; it may be a reused view, so the result copies what it keeps
     * @return the typed reply
     * @throws RapiException NK when {@code $NK} means failure for this command, MALFORMED_REPLY when the reply
     *                       lacks fields
     */
    R parse(RapiFrame reply) throws RapiException;

    /**
     * Whether the controller answers this request; {@code $FR} is answered by a restart ({@code $AB}) instead.
     *
     * @return false only for {@code $FR}
     */
    default boolean expectsReply() {
        return true;
    }

    /**
     * Whether the request should jump the client's queue (the heartbeat pulse and its acknowledgement).
     *
     * @return true for heartbeat pulses
     */
    default boolean highPriority() {
        return false;
    }

    /**
     * The command, if it is one of {@link RapiCommand}; raw requests may name others.
     *
     * @return the command, or empty
     */
    default Optional<RapiCommand> command() {
        return RapiCommand.lookup(code());
    }

    /**
     * Whether a received frame is this request echoed back (echo mode, RAPI.md 1.8), to be ignored.
     *
     * @param frame a frame from the controller
     * @return true if the frame carries this request's command letters
     */
    default boolean isEcho(RapiFrame frame) {
        return frame.isCommand(code());
    }

    /**
     * Writes the whole frame: {@code $}, command, parameters, optional id, {@code ^XX}, CR. Allocates nothing.
     *
     * @param encoder a command-side encoder
     * @param buffer  the caller's buffer, at least 32 bytes from {@code offset}
     * @param offset  where the frame begins
     * @param seqId   1..255, or {@link RapiFrame#NO_SEQ}
     * @return the number of bytes written, CR included
     */
    default int encode(RapiFrameEncoder encoder, byte[] buffer, int offset, int seqId) {
        encoder.start(buffer, offset, code());
        writeParams(encoder);
        return encoder.finish(seqId);
    }
}
