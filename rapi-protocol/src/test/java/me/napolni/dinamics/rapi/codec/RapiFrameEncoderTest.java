package me.napolni.dinamics.rapi.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RapiFrameEncoderTest {
    private final byte[] buffer = new byte[80];

    private String written(int length) {
        return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldWriteVolatileSetCurrentWhenGivenNumbersAndId() {
        int length = RapiFrameEncoder.forCommands().start(buffer, 0, "SC").param(16).param("V").finish(0x07);
        assertEquals("$SC 16 V :07^78\r", written(length));
    }

    @Test
    void shouldWriteNegativeAndHexParamsWhenAsked() {
        RapiFrameEncoder encoder = RapiFrameEncoder.forReplies();
        assertEquals("$OK 265 270 -2560^28\r",
                written(encoder.start(buffer, 0, 'O', 'K').param(265).param(270).param(-2560).finish()));
        assertEquals("$OK 0 -1^0C\r", written(encoder.start(buffer, 0, 'O', 'K').param(0).param(-1).finish()));
        String at = written(encoder.start(buffer, 0, 'A', 'T').paramHex(3, 2).paramHex(3, 2).param(16)
                .paramHex(0x540, 4).finish());
        assertEquals("$AT 03 03 16 0540^37\r", at);
    }

    @Test
    void shouldWriteFirmwareStyleRepliesWhenEmulatorEncodes() {
        RapiFrameEncoder encoder = RapiFrameEncoder.forReplies();
        String at = written(encoder.start(buffer, 0, "AT").paramHexLower(0xFE, 2).paramHexLower(2, 2).param(16)
                .paramHexLower(0x500, 4).finish());
        assertEquals("$AT fe 02 16 0500^32\r", at);
        byte[] id = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            'F', 'F', 'F', 'F', 'F', 'F', 'F', 'F'};
        String gi = written(encoder.start(buffer, 0, "OK").emptyParam().param(id, 0, id.length).finish());
        assertEquals("$OK  \u00ff\u00ff\u00ff\u00ff\u00ff\u00ffFFFFFFFF^20\r", gi);
        assertThrows(IllegalArgumentException.class, () -> RapiFrameEncoder.forCommands().start(buffer, 0, "GS")
                .emptyParam());
    }

    @Test
    void shouldRefuseParamWhenCharacterIsNotAllowed() {
        RapiFrameEncoder encoder = RapiFrameEncoder.forCommands();
        for (String bad : new String[] {"a b", "a$", "x^", "x*", "a\r", "\n", "\u007f", "", ":2A", "\u0100"}) {
            assertThrows(IllegalArgumentException.class, () -> encoder.start(buffer, 0, "FP").param(bad),
                    () -> "accepted " + bad);
        }
        assertThrows(IllegalArgumentException.class, () -> encoder.start(buffer, 0, "gs"));
        assertThrows(IllegalArgumentException.class, () -> encoder.start(buffer, 0, "GSX"));
        assertThrows(IllegalStateException.class, encoder::finish, "a refused frame cannot be finished");
    }

    @Test
    void shouldRefuseFrameWhenLongerThan31BytesOrMoreThan10Tokens() {
        RapiFrameEncoder encoder = RapiFrameEncoder.forCommands();
        assertEquals(32, encoder.start(buffer, 0, "FP").param(0).param(0).param("XXXXXXXXXXXXXXXXXXXX").finish());
        assertThrows(IllegalArgumentException.class,
                () -> encoder.start(buffer, 0, "FP").param(0).param(0).param("XXXXXXXXXXXXXXXXXXXXX").finish());
        assertEquals(32, encoder.start(buffer, 0, "FP").param(0).param(0).param("ABCDEFGHIJKLMNOP").finish(0x2A));
        assertThrows(IllegalArgumentException.class,
                () -> encoder.start(buffer, 0, "FP").param(0).param(0).param("ABCDEFGHIJKLMNOPQ").finish(0x2A),
                "the id makes it 32 bytes");
        encoder.start(buffer, 0, "FP").param(0).param(0);
        for (String word : new String[] {"a", "b", "c", "d", "e", "f", "g"}) {
            encoder.param(word);
        }
        assertEquals("$FP 0 0 a b c d e f g^72\r", written(encoder.finish()));
        assertThrows(IllegalArgumentException.class, () -> encoder.start(buffer, 0, "FP").param(0).param(0)
                .param("a").param("b").param("c").param("d").param("e").param("f").param("g").finish(0x2A),
                "11 tokens counting the id");
    }

    @Test
    void shouldRefuseSequenceIdWhenReservedOrOutOfRange() {
        RapiFrameEncoder encoder = RapiFrameEncoder.forCommands();
        assertThrows(IllegalArgumentException.class, () -> encoder.start(buffer, 0, "GS").finish(0));
        assertThrows(IllegalArgumentException.class, () -> encoder.start(buffer, 0, "GS").finish(256));
        assertEquals("$GS :FF^07\r".length(), encoder.start(buffer, 0, "GS").finish(0xFF));
    }

    @Test
    void shouldRefuseWhenCallerBufferIsTooSmall() {
        byte[] small = new byte[5];
        assertThrows(IllegalArgumentException.class, () -> RapiFrameEncoder.forCommands().start(small, 0, "GS")
                .finish());
    }
}
