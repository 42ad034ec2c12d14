package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;

/**
 * An {@code $A*} notification this library does not know (future firmware); kept raw, never an error.
 *
 * @param raw the frame
 */
public record OtherNotification(RapiFrame raw) implements RapiNotification {
}
