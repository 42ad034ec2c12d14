package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $GI} reply: the MCU serial number, 6 raw signature bytes then 8 hex digits. The firmware writes two
 * spaces after {@code $OK}, so the id follows an empty first field; the bytes may be non-printable.
 *
 * @param text the id bytes with printable ASCII kept and every other byte written as two upper-case hex digits
 * @param raw  the reply frame
 */
public record McuId(String text, RapiFrame raw) {

    /**
     * Parses a {@code $GI} reply: every byte after {@code "$OK "} up to the sequence id or checksum, leading
     * empty field skipped.
     *
     * @param reply the {@code $OK} frame
     * @return the id
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when there is no id
     */
    public static McuId parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.GI.code();
        Fields.requireOk(reply, code);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < reply.paramCount(); i++) {
            if (text.length() > 0) {
                text.append(' ');
            }
            for (int j = 0; j < reply.paramLength(i); j++) {
                int b = reply.paramByte(i, j) & 0xFF;
                if (b > 0x20 && b < 0x7F) {
                    text.append((char) b);
                } else {
                    text.append(String.format("%02X", b));
                }
            }
        }
        if (text.length() == 0) {
            throw RapiException.malformed(code, reply, "no id");
        }
        return new McuId(text.toString(), reply.copy());
    }
}
