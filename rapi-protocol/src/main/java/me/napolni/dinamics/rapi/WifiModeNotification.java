package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;

/**
 * {@code $WF mode}: a WiFi mode request from a very long button press (RAPI.md 3.4).
 *
 * @param modeCode the raw mode
 * @param raw      the frame
 */
public record WifiModeNotification(int modeCode, RapiFrame raw) implements RapiNotification {

    /**
     * The requested mode.
     *
     * @return the mode, {@link WifiMode#OTHER} for a value this library does not know
     */
    public WifiMode mode() {
        return WifiMode.of(modeCode);
    }
}
