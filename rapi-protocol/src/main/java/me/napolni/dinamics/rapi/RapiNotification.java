package me.napolni.dinamics.rapi;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.internal.Fields;

/**
 * An asynchronous frame from the controller (RAPI.md section 3): never a reply, never carries a sequence id.
 * <pre>{@code
 * // on the reader thread, for each decoded frame:
 * if (frame.isNotification()) {
 *     RapiNotification n = RapiNotification.parse(frame);
 *     if (n instanceof StateTransition t && t.state() == EvseState.SLEEPING) { ... }
 * }
 * }</pre>
 */
public sealed interface RapiNotification permits StateTransition, BootNotification, ButtonNotification,
        WifiModeNotification, LegacyStateNotification, OtherNotification {

    /**
     * The frame the notification was parsed from.
     *
     * @return an independent copy of the frame
     */
    RapiFrame raw();

    /**
     * Parses a notification frame: {@code $AT}, {@code $AB}, {@code $AN}, {@code $WF}, {@code $ST} with one field;
     * any other {@code $A*} frame becomes an {@link OtherNotification}. Extra trailing fields are accepted.
     *
     * @param frame a frame for which {@link RapiFrame#isNotification()} is true
     * @return the typed notification, holding a copy of the frame
     * @throws RapiException MALFORMED_REPLY if the frame is not a notification or lacks fields
     */
    static RapiNotification parse(RapiFrame frame) throws RapiException {
        String code = frame.command();
        if (!frame.isNotification()) {
            throw RapiException.malformed(code, frame, "not a notification");
        }
        if (frame.isCommand('A', 'T')) {
            Fields.requireFields(frame, 4, code);
            return new StateTransition(Fields.hex(frame, 0, code), Fields.hex(frame, 1, code),
                    Fields.dec(frame, 2, code), Fields.hex(frame, 3, code), frame.copy());
        }
        if (frame.isCommand('A', 'B')) {
            Fields.requireFields(frame, 2, code);
            return new BootNotification(Fields.hex(frame, 0, code), frame.paramString(1), frame.copy());
        }
        if (frame.isCommand('A', 'N')) {
            Fields.requireFields(frame, 1, code);
            return new ButtonNotification(Fields.dec(frame, 0, code), frame.copy());
        }
        if (frame.isCommand('W', 'F')) {
            Fields.requireFields(frame, 1, code);
            return new WifiModeNotification(Fields.hex(frame, 0, code), frame.copy());
        }
        if (frame.isCommand('S', 'T')) {
            return new LegacyStateNotification(Fields.hex(frame, 0, code), frame.copy());
        }
        return new OtherNotification(frame.copy());
    }
}
