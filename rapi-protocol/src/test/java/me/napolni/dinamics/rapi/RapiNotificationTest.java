package me.napolni.dinamics.rapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import org.junit.jupiter.api.Test;

/** Notifications from RAPI.md section 3 and the appendix A transcripts. */
class RapiNotificationTest {

    private static RapiNotification parse(String frame) throws RapiException {
        return RapiNotification.parse(RapiFrame.of(frame));
    }

    @Test
    void shouldDecodeStateTransitionWhenAtArrives() throws RapiException {
        StateTransition charging = assertInstanceOf(StateTransition.class, parse("$AT 03 03 16 0540^37"));
        assertEquals(EvseState.CHARGING, charging.state());
        assertEquals(PilotState.C, charging.pilot());
        assertEquals(16, charging.capacityAmps());
        assertEquals(EnumSet.of(VFlag.CHARGING_ON, VFlag.EV_CONNECTED, VFlag.EV_CONNECTED_PREV),
                charging.vflags().set());
        assertEquals(0, charging.vflags().unknownBits());
        StateTransition sleeping = assertInstanceOf(StateTransition.class, parse("$AT fe 02 16 0500^32"));
        assertEquals(EvseState.SLEEPING, sleeping.state());
        assertEquals(EvseState.StateClass.OFF, sleeping.state().stateClass());
        StateTransition boot = assertInstanceOf(StateTransition.class, parse("$AT 00 00 0 0200^03"));
        assertEquals(EvseState.STARTING, boot.state());
        assertEquals(0, boot.capacityAmps(), "capacity 0 in the $AT forced at boot");
        StateTransition fallback = assertInstanceOf(StateTransition.class, parse("$AT 03 03 6 0540^06"));
        assertEquals(6, fallback.capacityAmps());
    }

    @Test
    void shouldDecodeBootWhenAbArrives() throws RapiException {
        BootNotification passed = assertInstanceOf(BootNotification.class, parse("$AB 00 8.2.2^1F"));
        assertTrue(passed.postPassed());
        assertEquals("8.2.2", passed.firmware());
        BootNotification noGround = assertInstanceOf(BootNotification.class, parse("$AB 07 8.2.2^18"));
        assertFalse(noGround.postPassed());
        assertEquals(EvseState.NO_GROUND, noGround.state());
        BootNotification asleep = assertInstanceOf(BootNotification.class, parse("$AB fe 8.2.3^1D"));
        assertTrue(asleep.postPassed());
        assertEquals(EvseState.SLEEPING, asleep.state());
        assertEquals("8.2.3.EU",
                assertInstanceOf(BootNotification.class, parse("$AB 00 8.2.3.EU^20")).firmware());
    }

    @Test
    void shouldDecodeButtonWifiAndLegacyWhenTheyArrive() throws RapiException {
        assertEquals(ButtonPress.SHORT, assertInstanceOf(ButtonNotification.class, parse("$AN 0^3B")).press());
        assertEquals(ButtonPress.LONG, assertInstanceOf(ButtonNotification.class, parse("$AN 1^3A")).press());
        assertEquals(WifiMode.ACCESS_POINT_DEFAULTS,
                assertInstanceOf(WifiModeNotification.class, parse("$WF 02^17")).mode());
        assertEquals(WifiMode.CLIENT, assertInstanceOf(WifiModeNotification.class, parse("$WF 01^14")).mode());
        assertEquals(EvseState.CHARGING,
                assertInstanceOf(LegacyStateNotification.class, parse("$ST 03^00")).state());
        assertEquals(EvseState.CHARGING, assertInstanceOf(LegacyStateNotification.class, parse("$ST 03")).state());
    }

    @Test
    void shouldKeepUnknownNotificationRawWhenCommandIsNew() throws RapiException {
        OtherNotification other = assertInstanceOf(OtherNotification.class, parse("$AX 1 2 3"));
        assertEquals("$AX 1 2 3", other.raw().toString());
    }

    @Test
    void shouldFailAsMalformedWhenFieldsAreMissingOrFrameIsAReply() {
        for (String frame : new String[] {"$AT 03 03 16", "$AB 00", "$AN", "$WF", "$AT zz 03 16 0540", "$OK^20",
            "$ST 0 0 0 0^23"}) {
            RapiException e = assertThrows(RapiException.class, () -> parse(frame), frame);
            assertEquals(RapiErrorReason.MALFORMED_REPLY, e.reason(), frame);
        }
    }
}
