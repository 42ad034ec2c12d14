package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * The {@code $GS} reply: {@code state elapsed pilot vflags} since RAPI 5.0 (state, pilot and vflags in hex),
 * {@code state elapsed pilot} on short-lived 2019 builds, {@code state(dec) elapsed} before RAPI 5.0 (RAPI.md
 * 5.2). Fields a version does not report read {@link #NOT_REPORTED}.
 *
 * @param stateCode  the raw EVSE state code (4.1)
 * @param elapsedS   seconds of the current or last charging session
 * @param pilotCode  the raw pilot state code (4.2), or {@link #NOT_REPORTED}
 * @param vflagsWord the raw volatile flag word (4.3), or {@link #NOT_REPORTED}
 * @param raw        the reply frame
 */
public record EvseStatus(int stateCode, long elapsedS, int pilotCode, int vflagsWord, RapiFrame raw) {
    /** Value of a field the controller's version does not report. */
    public static final int NOT_REPORTED = -1;

    /**
     * Parses a {@code $GS} reply by its field count.
     *
     * @param reply the {@code $OK} frame
     * @return the status
     * @throws RapiException NK on {@code $NK}, MALFORMED_REPLY when fields are missing or not numbers
     */
    public static EvseStatus parse(RapiFrame reply) throws RapiException {
        String code = RapiCommand.GS.code();
        Fields.requireOk(reply, code);
        Fields.requireFields(reply, 2, code);
        long elapsed = Fields.decLong(reply, 1, code);
        if (reply.paramCount() == 2) {
            return new EvseStatus(Fields.dec(reply, 0, code), elapsed, NOT_REPORTED, NOT_REPORTED, reply.copy());
        }
        int state = Fields.hex(reply, 0, code);
        int pilot = Fields.hex(reply, 2, code);
        int vflags = reply.paramCount() >= 4 ? Fields.hex(reply, 3, code) : NOT_REPORTED;
        return new EvseStatus(state, elapsed, pilot, vflags, reply.copy());
    }

    /**
     * The EVSE state.
     *
     * @return the state, {@link EvseState#OTHER} for a code this library does not know
     */
    public EvseState state() {
        return EvseState.of(stateCode);
    }

    /**
     * The pilot state.
     *
     * @return the pilot state, {@link PilotState#OTHER} when unknown or not reported
     */
    public PilotState pilot() {
        return PilotState.of(pilotCode);
    }

    /**
     * Whether the reply carried the vflags word (RAPI 5.0+).
     *
     * @return true when {@link #vflags()} is meaningful
     */
    public boolean hasVflags() {
        return vflagsWord != NOT_REPORTED;
    }

    /**
     * The volatile flags.
     *
     * @return the decoded word; an empty word when not reported
     */
    public VFlags vflags() {
        return VFlags.of(hasVflags() ? vflagsWord : 0);
    }
}
