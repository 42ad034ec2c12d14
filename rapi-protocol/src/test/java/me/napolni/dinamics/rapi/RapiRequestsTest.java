package me.napolni.dinamics.rapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;

import me.napolni.dinamics.rapi.codec.RapiFrame;
import me.napolni.dinamics.rapi.codec.RapiFrameEncoder;
import org.junit.jupiter.api.Test;

/** Typed requests and replies against the wire transcripts of RAPI.md appendix A. */
class RapiRequestsTest {

    /** The frame a request puts on the wire, without the CR. */
    private static String wire(RapiRequest<?> request, int seqId) {
        byte[] buffer = new byte[40];
        int length = request.encode(RapiFrameEncoder.forCommands(), buffer, 0, seqId);
        assertEquals('\r', buffer[length - 1]);
        return new String(buffer, 0, length - 1, StandardCharsets.ISO_8859_1);
    }

    private static String wire(RapiRequest<?> request) {
        return wire(request, RapiFrame.NO_SEQ);
    }

    private static <R> R reply(RapiRequest<R> request, String replyFrame) throws RapiException {
        return request.parse(RapiFrame.of(replyFrame));
    }

    @Test
    void shouldFollowConnectTranscriptWhenIdsAreOn() throws RapiException {
        assertEquals("$GV :01^2E", wire(RapiRequests.versions(), 0x01));
        Versions versions = reply(RapiRequests.versions(), "$OK 8.2.2 5.2.1 :01^35");
        assertEquals("8.2.2", versions.firmware());
        assertEquals("5.2.1", versions.rapi());
        assertTrue(versions.rapiAtLeast(5, 0, 0));
        assertFalse(versions.rapiAtLeast(5, 3, 0));
        assertEquals(1, versions.raw().seqId());

        assertEquals("$GS :02^28", wire(RapiRequests.status(), 0x02));
        EvseStatus status = reply(RapiRequests.status(), "$OK 01 0 01 0200 :02^0A");
        assertEquals(EvseState.NOT_CONNECTED, status.state());
        assertEquals(0, status.elapsedS());
        assertEquals(PilotState.A, status.pilot());
        assertEquals(EnumSet.of(VFlag.SESSION_ENDED), status.vflags().set());

        assertEquals("$GC :03^39", wire(RapiRequests.currentCapacity(), 0x03));
        CurrentCapacity capacity = reply(RapiRequests.currentCapacity(), "$OK 6 32 16 32 :03^08");
        assertEquals(List.of(6, 32, 16, 32), List.of(capacity.minAmps(), capacity.hwMaxAmps(),
                capacity.pilotAmps(), capacity.cfgMaxAmps()));

        assertEquals("$GE :04^38", wire(RapiRequests.settings(), 0x04));
        EvseSettings settings = reply(RapiRequests.settings(), "$OK 16 0021 :04^3A");
        assertEquals(16, settings.amps());
        assertEquals(ServiceLevel.L2, settings.serviceLevel());
        assertEquals(EnumSet.of(SettingsFlag.SERVICE_LEVEL_L2, SettingsFlag.AUTO_SERVICE_LEVEL_OFF),
                settings.flags().set());

        assertEquals("$GY :05^25", wire(RapiRequests.heartbeatStatus(), 0x05));
        HeartbeatStatus supervision = reply(RapiRequests.heartbeatStatus(), "$OK 0 0 0 :05^2F");
        assertFalse(supervision.enabled());

        assertEquals("$SY 5 6 :06^31", wire(RapiRequests.heartbeatEnable(5, 6), 0x06));
        HeartbeatStatus enabled = reply(RapiRequests.heartbeatEnable(5, 6), "$OK 5 6 0 :06^2F");
        assertEquals(5, enabled.intervalS());
        assertEquals(6, enabled.fallbackAmps());
        assertEquals(HeartbeatTrigger.NONE_MISSED, enabled.trigger());

        assertEquals("$SC 16 V :07^78", wire(RapiRequests.setCurrent(16, true), 0x07));
        SetCurrentResult set = reply(RapiRequests.setCurrent(16, true), "$OK 16 :07^1A");
        assertEquals(16, set.amps());
        assertFalse(set.clamped());
    }

    @Test
    void shouldParseSteadyStatePollsWhenRepliesCarryNoId() throws RapiException {
        assertEquals("$SY^2E", wire(RapiRequests.heartbeatPulse()));
        assertTrue(RapiRequests.heartbeatPulse().highPriority());
        assertTrue(reply(RapiRequests.heartbeatPulse(), "$OK 5 6 0^33").accepted());

        assertEquals("$GG^24", wire(RapiRequests.chargingReading()));
        ChargingReading reading = reply(RapiRequests.chargingReading(), "$OK 15920 240000^19");
        assertEquals(15920, reading.milliAmps());
        assertEquals(240000, reading.milliVolts());

        assertEquals("$GU^36", wire(RapiRequests.energyUsage()));
        EnergyUsage energy = reply(RapiRequests.energyUsage(), "$OK 7560000 1234567^24");
        assertEquals(2100.0, energy.sessionWh(), 1e-9);
        assertEquals(1234567L, energy.lifetimeWh());

        assertEquals("$GP^33", wire(RapiRequests.temperatures()));
        Temperatures temperatures = reply(RapiRequests.temperatures(), "$OK 265 270 -2560^28");
        assertEquals(265, temperatures.ds3231DeciC());
        assertTrue(Temperatures.isFitted(temperatures.mcp9808DeciC()));
        assertFalse(Temperatures.isFitted(temperatures.tmp007DeciC()));
    }

    @Test
    void shouldReportClampedNotFailedWhenSetCurrentIsAnsweredNkWithAmps() throws RapiException {
        assertEquals("$SC 16 V^65", wire(RapiRequests.setCurrent(16, true)));
        assertEquals("$SC 3 V^51", wire(RapiRequests.setCurrent(3, true)));
        SetCurrentResult low = reply(RapiRequests.setCurrent(3, true), "$NK 6^37");
        assertTrue(low.clamped());
        assertEquals(6, low.amps());
        assertEquals("$SC 50 V^67", wire(RapiRequests.setCurrent(50, true)));
        SetCurrentResult high = reply(RapiRequests.setCurrent(50, true), "$NK 32^00");
        assertTrue(high.clamped());
        assertEquals(32, high.amps());
        assertEquals("$SC 50 :2C^7A", wire(RapiRequests.setCurrent(50, false), 0x2C), "non-volatile form");
        RapiException refused = assertThrows(RapiException.class,
                () -> reply(RapiRequests.setCurrent(16, true), "$NK^21"));
        assertEquals(RapiErrorReason.NK, refused.reason());
    }

    @Test
    void shouldRejectSetCurrentWhenAmpsAreOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> RapiRequests.setCurrent(81, true));
        assertThrows(IllegalArgumentException.class, () -> RapiRequests.setCurrent(-1, true));
        assertThrows(IllegalArgumentException.class, () -> RapiRequests.heartbeatEnable(66, 6));
        assertThrows(IllegalArgumentException.class, () -> RapiRequests.heartbeatEnable(0, 6));
    }

    @Test
    void shouldFollowHeartbeatLossTranscriptWhenPulseIsAnsweredNk() throws RapiException {
        HeartbeatStatus missed = reply(RapiRequests.heartbeatPulse(), "$NK 5 6 2^30");
        assertFalse(missed.accepted());
        assertTrue(missed.missedUnacknowledged());
        assertEquals(HeartbeatTrigger.MISSED_UNACKNOWLEDGED, missed.trigger());
        assertEquals("$SY 165^3C", wire(RapiRequests.heartbeatAcknowledge()));
        HeartbeatStatus acknowledged = reply(RapiRequests.heartbeatAcknowledge(), "$OK 5 6 1^32");
        assertTrue(acknowledged.accepted());
        assertEquals(HeartbeatTrigger.MISSED_ACKNOWLEDGED, acknowledged.trigger());
        assertEquals("$SY 0 0", wire(RapiRequests.heartbeatDisable()).substring(0, 7));
        RapiException absent = assertThrows(RapiException.class, () -> reply(RapiRequests.heartbeatPulse(), "$NK^21"));
        assertEquals(RapiErrorReason.NK, absent.reason());
    }

    @Test
    void shouldWritePauseResumeAndRestartWhenFunctionsAreSent() throws RapiException {
        assertEquals("$FS^31", wire(RapiRequests.sleep()));
        assertEquals("$FE^27", wire(RapiRequests.enable()));
        assertEquals("$FD^26", wire(RapiRequests.disable()));
        assertEquals("$FR^30", wire(RapiRequests.restart()));
        assertTrue(reply(RapiRequests.sleep(), "$OK^20").raw().isOk());
        assertFalse(RapiRequests.restart().expectsReply());
        assertTrue(RapiRequests.sleep().expectsReply());
        assertEquals("AB", RapiRequests.restart().parse(RapiFrame.of("$AB 00 8.2.2^1F")).raw().command());
        RapiException refused = assertThrows(RapiException.class, () -> reply(RapiRequests.sleep(), "$NK^21"));
        assertEquals(RapiErrorReason.NK, refused.reason());
    }

    @Test
    void shouldFailWithNkWhenCommandIsNotCompiledIn() {
        for (RapiRequest<?> request : List.of(RapiRequests.authLock(), RapiRequests.timeLimit(),
                RapiRequests.chargeLimit(), RapiRequests.clearBootLock(), RapiRequests.status())) {
            RapiException e = assertThrows(RapiException.class, () -> request.parse(RapiFrame.of("$NK^21")));
            assertEquals(RapiErrorReason.NK, e.reason());
            assertFalse(e.retryable());
            assertTrue(e.getMessage().contains("$NK^21"), e.getMessage());
        }
        assertEquals("$G4^57", wire(RapiRequests.authLock()));
    }

    @Test
    void shouldParseByFieldCountWhenFirmwareIsOld() throws RapiException {
        EvseStatus legacy = reply(RapiRequests.status(), "$OK 254 0^23");
        assertEquals(EvseState.SLEEPING, legacy.state(), "state in decimal before RAPI 5.0");
        assertFalse(legacy.hasVflags());
        assertEquals(EvseStatus.NOT_REPORTED, legacy.pilotCode());
        EvseStatus charging = reply(RapiRequests.status(), "$OK 3 725^23");
        assertEquals(EvseState.CHARGING, charging.state());
        assertEquals(725, charging.elapsedS());
        EvseStatus threeFields = reply(RapiRequests.status(), "$OK 03 25 03");
        assertEquals(PilotState.C, threeFields.pilot());
        assertFalse(threeFields.hasVflags());

        CurrentCapacity two = reply(RapiRequests.currentCapacity(), "$OK 6 80^1E");
        assertEquals(80, two.hwMaxAmps());
        assertEquals(CurrentCapacity.NOT_REPORTED, two.pilotAmps());
        assertFalse(two.hasCfgMax());
        CurrentCapacity three = reply(RapiRequests.currentCapacity(), "$OK 6 80 16^39");
        assertEquals(16, three.pilotAmps());
        assertFalse(three.hasCfgMax());

        ChargingReading old = reply(RapiRequests.chargingReading(), "$OK 0 -1^0C");
        assertEquals(ChargingReading.NOT_MEASURED, old.milliVolts());
    }

    @Test
    void shouldAcceptExtraFieldsAndKeepRawWhenFirmwareIsNewer() throws RapiException {
        EvseStatus status = reply(RapiRequests.status(), "$OK 0c 99 03 8540 extra");
        assertEquals(EvseState.PILOT_ERROR, status.state());
        assertTrue(status.state().isFault());
        assertTrue(status.vflags().contains(VFlag.MENNEKES_MANUAL));
        assertEquals(5, status.raw().paramCount());
        assertEquals("extra", status.raw().paramString(4));
        EvseStatus unknown = reply(RapiRequests.status(), "$OK 42 0 01 0200");
        assertEquals(EvseState.OTHER, unknown.state());
        assertEquals(0x42, unknown.stateCode());
        EvseStatus upper = reply(RapiRequests.status(), "$OK FE 0 02 0500^14");
        assertEquals(EvseState.SLEEPING, upper.state(), "hex in upper case (Python emulator)");
    }

    @Test
    void shouldFailClearlyWhenFieldsAreMissingOrMalformed() {
        RapiException missing = assertThrows(RapiException.class,
                () -> reply(RapiRequests.currentCapacity(), "$OK 6"));
        assertEquals(RapiErrorReason.MALFORMED_REPLY, missing.reason());
        assertTrue(missing.getMessage().contains("$OK 6"), missing.getMessage());
        RapiException notHex = assertThrows(RapiException.class,
                () -> reply(RapiRequests.status(), "$OK zz 0 01 0200"));
        assertEquals(RapiErrorReason.MALFORMED_REPLY, notHex.reason());
        RapiException notReply = assertThrows(RapiException.class,
                () -> reply(RapiRequests.status(), "$AT 03 03 16 0540^37"));
        assertEquals(RapiErrorReason.MALFORMED_REPLY, notReply.reason());
        RapiException noAmps = assertThrows(RapiException.class,
                () -> reply(RapiRequests.setCurrent(16, true), "$OK^20"));
        assertEquals(RapiErrorReason.MALFORMED_REPLY, noAmps.reason());
    }

    @Test
    void shouldParseOtherGetRepliesWhenCorpusExamplesArrive() throws RapiException {
        assertFalse(reply(RapiRequests.rtcTime(), "$OK 165 165 165 165 165 85^1F").hasClock());
        assertTrue(reply(RapiRequests.rtcTime(), "$OK 24 6 1 12 30 0").hasClock());
        FaultCounters faults = reply(RapiRequests.faultCounters(), "$OK 0 1 0^31");
        assertEquals(1, faults.noGroundTrips());
        assertEquals(0xFE, reply(RapiRequests.faultCounters(), "$OK fe 0 a").gfiTrips());
        MennekesLockStatus lock = reply(RapiRequests.mennekesLock(), "$OK 0 A^51");
        assertFalse(lock.locked());
        assertFalse(lock.manual());
        assertEquals("AB1234FF0A1B2C", reply(RapiRequests.mcuId(), "$OK  AB1234FF0A1B2C^54").text());
        assertEquals("FFFFFFFFFFFFFFFFFFFF",
                reply(RapiRequests.mcuId(), "$OK  \u00ff\u00ff\u00ff\u00ff\u00ff\u00ffFFFFFFFF^20").text());
        assertEquals(EvConnectState.CONNECTED, reply(RapiRequests.evConnectState(), "$OK 1").state());
        assertEquals(EvConnectState.UNKNOWN, reply(RapiRequests.evConnectState(), "$OK 2").state());
        assertEquals(120, reply(RapiRequests.timeLimit(), "$OK 8").minutes());
        assertEquals(10, reply(RapiRequests.chargeLimit(), "$OK 10").kwh());
        assertFalse(reply(RapiRequests.delayTimer(), "$OK 0 0 0 0").enabled());
        assertTrue(reply(RapiRequests.authLock(), "$OK 1").locked());
        assertEquals(-3, reply(RapiRequests.ammeterCalibration(), "$OK 220 -3").offset());
        assertTrue(reply(RapiRequests.clearBootLock(), "$OK 0^30").cleared());
        assertTrue(reply(RapiRequests.clearBootLock(), "$OK 1").inFault());
    }

    @Test
    void shouldWriteCorpusCommandsWhenSetAndFunctionRequestsAreBuilt() {
        assertEquals("$S1 24 6 1 12 30 0^77", wire(RapiRequests.setRtc(LocalDateTime.of(2024, 6, 1, 12, 30, 0))));
        assertEquals("$ST 0 0 0 0^23", wire(RapiRequests.setDelayTimer(0, 0, 0, 0)));
        assertEquals("$FF B 0^56", wire(RapiRequests.feature(Feature.BUTTON, false)));
        assertEquals("$S3 8^5C", wire(RapiRequests.setTimeLimit(8)));
        assertEquals("$SH 10^1E", wire(RapiRequests.setChargeLimit(10)));
        assertEquals("$F0 0^42", wire(RapiRequests.lcdUpdates(false)));
        assertEquals("$SV 230000^00", wire(RapiRequests.setVoltage(230000)));
        assertEquals("$FP 0 1 Hi there^7C", wire(RapiRequests.lcdText(0, 1, "Hi there")));
        assertEquals("$FP 0 0 ABCDEFGHIJKLMNOP :2A^6B", wire(RapiRequests.lcdText(0, 0, "ABCDEFGHIJKLMNOP"), 0x2A));
        assertEquals("$SL A", wire(RapiRequests.setServiceLevel(ServiceLevel.AUTO)).substring(0, 5));
        assertEquals("$FB 7", wire(RapiRequests.backlight(LcdColor.WHITE)).substring(0, 5));
        assertEquals("$S5 M", wire(RapiRequests.setMennekesLock(MennekesCommand.MANUAL)).substring(0, 5));
        assertEquals("$SK 4294967295", wire(RapiRequests.setLifetimeEnergy(4294967295L)).substring(0, 14));
    }

    @Test
    void shouldSubstituteSpacesWhenLcdTextHasRunsOrTooManyWords() {
        assertEquals("$FP 0 0 Load\u00fe\u00fe6A", wire(RapiRequests.lcdText(0, 0, "Load  6A")).substring(0, 16));
        String many = wire(RapiRequests.lcdText(0, 0, "a b c d e f g"));
        assertTrue(many.startsWith("$FP 0 0 a\u00feb\u00fec\u00fed\u00fee\u00fef\u00feg^"), many);
        assertThrows(IllegalArgumentException.class, () -> RapiRequests.lcdText(0, 0, "ABCDEFGHIJKLMNOPQ"));
        assertThrows(IllegalArgumentException.class, () -> RapiRequests.lcdText(0, 0, "cost $5"));
        assertThrows(IllegalArgumentException.class, () -> RapiRequests.lcdText(0, 0, "see :2A"));
        assertThrows(IllegalArgumentException.class, () -> RapiRequests.lcdText(16, 0, "x"));
        assertThrows(IllegalArgumentException.class, () -> RapiRequests.lcdText(0, 2, "x"));
    }

    @Test
    void shouldValidateAndReturnRawReplyWhenRawFrameIsSent() throws RapiException {
        assertEquals("$GS^30", wire(RapiRequests.raw("$GS")));
        assertEquals("$FF B 0^56", wire(RapiRequests.raw("$FF B 0")));
        assertEquals("$FF B 0^56", wire(RapiRequests.raw("FF", "B", "0")));
        for (String bad : new String[] {"GS", "$GS^30", "$GS*BE", "$GS;", "$gs", "$GSX", "$GS\r", "$FP 0 0 a$b",
            "$GS  x", "$GS :2A", "$G\u00e9", "$FP 0 0 \u00e9", "$FP 0 0 XXXXXXXXXXXXXXXXXXXXX"}) {
            assertThrows(IllegalArgumentException.class, () -> RapiRequests.raw(bad), () -> "accepted " + bad);
        }
        RawReply nk = reply(RapiRequests.raw("$GX"), "$NK :E0^4E");
        assertFalse(nk.ok());
        RawReply ok = reply(RapiRequests.raw("$GC"), "$OK 6 32 15 15^17");
        assertEquals(List.of("6", "32", "15", "15"), ok.fields());
        assertTrue(RapiRequests.raw("$GX").command().isEmpty());
        assertFalse(RapiRequests.raw("$FR").expectsReply());
    }

    @Test
    void shouldShareConstantsAndDescribeFrameWhenRequestIsPrinted() {
        assertSame(RapiRequests.status(), RapiRequests.status());
        assertEquals("$SC 16 V", RapiRequests.setCurrent(16, true).toString());
        assertEquals(RapiCommand.SC, RapiRequests.setCurrent(16, true).command().orElseThrow());
        assertTrue(RapiRequests.status().isEcho(RapiFrame.of("$GS^30")));
        assertFalse(RapiRequests.status().isEcho(RapiFrame.of("$OK^20")));
    }
}
