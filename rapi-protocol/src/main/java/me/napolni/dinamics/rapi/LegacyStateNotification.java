package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;

/**
 * {@code $ST state}: the state notification of controllers before RAPI 5.0 (RAPI.md 3.5).
 *
 * @param stateCode the raw EVSE state code (hex)
 * @param raw       the frame
 */
public record LegacyStateNotification(int stateCode, RapiFrame raw) implements RapiNotification {

    /**
     * The EVSE state.
     *
     * @return the state, {@link EvseState#OTHER} for a code this library does not know
     */
    public EvseState state() {
        return EvseState.of(stateCode);
    }
}
