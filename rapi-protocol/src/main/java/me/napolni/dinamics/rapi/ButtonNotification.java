package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;

/**
 * {@code $AN type}: a front-button press, sent only while the button is given to the gateway ({@code $FF B 0};
 * RAPI.md 3.3).
 *
 * @param typeCode the raw press type: 0 short, 1 long
 * @param raw      the frame
 */
public record ButtonNotification(int typeCode, RapiFrame raw) implements RapiNotification {

    /**
     * The kind of press.
     *
     * @return short or long, {@link ButtonPress#OTHER} for a value this library does not know
     */
    public ButtonPress press() {
        return ButtonPress.of(typeCode);
    }
}
