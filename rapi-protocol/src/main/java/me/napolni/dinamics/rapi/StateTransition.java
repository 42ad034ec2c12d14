package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;

/**
 * {@code $AT state pilot capacity vflags}: a state transition (RAPI 5.0.0+; RAPI.md 3.1). The capacity is the one
 * in force (the configured maximum in 5.0.x) and can be 0 in the {@code $AT} forced at boot.
 *
 * @param stateCode    the raw EVSE state code
 * @param pilotCode    the raw pilot state code
 * @param capacityAmps the current capacity in A
 * @param vflagsWord   the raw volatile flag word
 * @param raw          the frame
 */
public record StateTransition(int stateCode, int pilotCode, int capacityAmps, int vflagsWord, RapiFrame raw)
        implements RapiNotification {

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
     * @return the pilot state, {@link PilotState#OTHER} for a code this library does not know
     */
    public PilotState pilot() {
        return PilotState.of(pilotCode);
    }

    /**
     * The volatile flags.
     *
     * @return the decoded word
     */
    public VFlags vflags() {
        return VFlags.of(vflagsWord);
    }
}
