package me.napolni.dinamics.rapi;

import java.util.ArrayList;
import java.util.List;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The reply to a raw request ({@link RapiRequests#raw(String)}): {@code $OK} or {@code $NK} with its fields,
 * never an exception for {@code $NK}.
 *
 * @param ok    true for {@code $OK}
 * @param frame the reply frame
 */
public record RawReply(boolean ok, RapiFrame frame) {

    /**
     * Wraps any {@code $OK}/{@code $NK} reply.
     *
     * @param reply the reply frame
     * @return the raw reply
     * @throws RapiException MALFORMED_REPLY on a frame that is not a reply
     */
    public static RawReply parse(RapiFrame reply) throws RapiException {
        Fields.requireReply(reply, "raw");
        return new RawReply(reply.isOk(), reply.copy());
    }

    /**
     * The fields as strings (ISO-8859-1).
     *
     * @return a new list of the fields
     */
    public List<String> fields() {
        List<String> fields = new ArrayList<>(frame.paramCount());
        for (int i = 0; i < frame.paramCount(); i++) {
            fields.add(frame.paramString(i));
        }
        return fields;
    }
}
