package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $SY} or {@code $GY} reply: heartbeat supervision interval, fallback current and trigger (RAPI.md
 * 2.3.2). {@code $SY} carries these fields with {@code $NK} as well; {@link #accepted()} tells them apart: a pulse
 * answered {@code $NK i c 2} means a missed pulse awaits {@code $SY 165}.
 *
 * @param accepted     true for {@code $OK}, false for {@code $NK}
 * @param intervalS    supervision interval in s; 0 = off
 * @param fallbackAmps the current the controller falls back to (never below 6 A in effect)
 * @param triggerCode  the raw trigger (4.7)
 * @param raw          the reply frame
 */
public record HeartbeatStatus(boolean accepted, int intervalS, int fallbackAmps, int triggerCode, RapiFrame raw) {

    /**
     * Parses an {@code $SY}/{@code $GY} reply, {@code $OK} or {@code $NK} with three fields.
     *
     * @param reply the reply frame
     * @return the status
     * @throws RapiException NK on a bare {@code $NK} (heartbeat not compiled in), MALFORMED_REPLY when fields are
     *                       missing or not numbers
     */
    public static HeartbeatStatus parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.SY.code();
        Fields.requireReply(reply, code);
        if (reply.isNk() && reply.paramCount() == 0) {
            throw RapiException.nk(code, reply);
        }
        Fields.requireFields(reply, 3, code);
        return new HeartbeatStatus(reply.isOk(), Fields.dec(reply, 0, code), Fields.dec(reply, 1, code),
                Fields.dec(reply, 2, code), reply.copy());
    }

    /**
     * The trigger.
     *
     * @return the trigger, {@link HeartbeatTrigger#OTHER} for a value this library does not know
     */
    public HeartbeatTrigger trigger() {
        return HeartbeatTrigger.of(triggerCode);
    }

    /**
     * Whether supervision is on.
     *
     * @return {@code intervalS > 0}
     */
    public boolean enabled() {
        return intervalS > 0;
    }

    /**
     * Whether a missed pulse awaits acknowledgement ({@code $SY 165}); the unit is at the fallback current.
     *
     * @return trigger 2
     */
    public boolean missedUnacknowledged() {
        return triggerCode == HeartbeatTrigger.MISSED_UNACKNOWLEDGED.code();
    }
}
