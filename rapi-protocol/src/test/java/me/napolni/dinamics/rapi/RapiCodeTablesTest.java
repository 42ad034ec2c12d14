package me.napolni.dinamics.rapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class RapiCodeTablesTest {

    @Test
    void shouldKeepUnknownCodesAsOtherWhenFirmwareIsNewer() {
        assertEquals(EvseState.SLEEPING, EvseState.of(0xFE));
        assertEquals(EvseState.OTHER, EvseState.of(0x42));
        assertEquals(EvseState.OTHER, EvseState.of(-1), "the OTHER sentinel code is not a wire code");
        assertTrue(EvseState.isFault(0x0F));
        assertFalse(EvseState.isFault(0xFE));
        assertEquals(PilotState.OTHER, PilotState.of(9));
        assertEquals(HeartbeatTrigger.OTHER, HeartbeatTrigger.of(3));
        assertEquals(WifiMode.OTHER, WifiMode.of(7));
        assertEquals(EvConnectState.OTHER, EvConnectState.of(5));
        assertEquals(LcdColor.TEAL, LcdColor.of(6));
        assertEquals(ButtonPress.OTHER, ButtonPress.of(2));
    }

    @Test
    void shouldDecodeEveryBitAndKeepUnknownOnesWhenWordIsRead() {
        assertEquals(EnumSet.allOf(VFlag.class), VFlags.of(0xFFFF).set());
        assertEquals(0x10000, VFlags.of(0x1FFFF).unknownBits());
        assertEquals(0x4000, SettingsFlags.of(0xFFFF).unknownBits(), "0x4000 is not a settings bit");
        assertTrue(VFlags.of(0x4500).contains(VFlag.BOOT_LOCK));
        assertEquals("0540[CHARGING_ON, EV_CONNECTED, EV_CONNECTED_PREV]", VFlags.of(0x0540).toString());
        for (VFlag flag : VFlag.values()) {
            assertEquals(1, Integer.bitCount(flag.bit()), flag.name());
        }
    }

    @Test
    void shouldFindCommandWhenLettersAreKnown() {
        assertEquals(RapiCommand.SC, RapiCommand.lookup("SC").orElseThrow());
        assertTrue(RapiCommand.lookup("SS").isEmpty(), "removed in RAPI 4.0.0");
        assertTrue(RapiCommand.lookup("S2").isEmpty(), "compiled out since 8.1.0");
        assertTrue(RapiCommand.lookup("GSX").isEmpty());
        assertFalse(RapiCommand.FR.expectsReply());
        assertTrue(RapiCommand.SC.mayWriteEeprom());
        assertEquals(RapiCommand.Family.FUNCTION, RapiCommand.F0.family());
        assertEquals('G', RapiCommand.G0.first());
        assertEquals('0', RapiCommand.G0.second());
    }
}
