package me.napolni.dinamics.rapi;

import java.time.LocalDateTime;

import me.napolni.dinamics.rapi.internal.ReplyParser;
import me.napolni.dinamics.rapi.internal.TypedRequest;

/**
 * Factories of every typed request (RAPI.md section 2). Requests are validated when created: a value out of range
 * or a character a frame cannot carry throws {@link IllegalArgumentException} at the call, so nothing invalid is
 * ever sent. Parameterless requests are shared constants.
 * <pre>{@code
 * SetCurrentResult result = client.send(RapiRequests.setCurrent(16, true));   // $SC 16 V
 * if (result.clamped()) { ... result.amps() is what is in force ... }
 * }</pre>
 */
public final class RapiRequests {
    /** The highest amps {@link #setCurrent(int, boolean)} sends (the firmware keeps amps in 8 bits). */
    public static final int MAX_SET_CURRENT_AMPS = 80;
    /** The longest heartbeat interval: larger values wrap in the firmware's 16-bit arithmetic (RAPI.md 2.3.2). */
    public static final int MAX_HEARTBEAT_INTERVAL_S = 65;
    /** The cookie that acknowledges a missed heartbeat pulse ({@code $SY 165}, 0xA5). */
    public static final int HEARTBEAT_ACK_COOKIE = 165;
    /** The byte the ESP32 gateway sends for a space inside one {@code $FP} text token. */
    public static final char LCD_SPACE_SUBSTITUTE = '\u00fe';
    /** LCD columns. */
    public static final int LCD_COLUMNS = 16;
    /** LCD rows. */
    public static final int LCD_ROWS = 2;

    private static final String[] NONE = {};

    private static final RapiRequest<EvseStatus> STATUS = get(RapiCommand.GS, EvseStatus::parse);
    private static final RapiRequest<ChargingReading> CHARGING_READING =
            get(RapiCommand.GG, ChargingReading::parse);
    private static final RapiRequest<CurrentCapacity> CURRENT_CAPACITY =
            get(RapiCommand.GC, CurrentCapacity::parse);
    private static final RapiRequest<EvseSettings> SETTINGS = get(RapiCommand.GE, EvseSettings::parse);
    private static final RapiRequest<EnergyUsage> ENERGY_USAGE = get(RapiCommand.GU, EnergyUsage::parse);
    private static final RapiRequest<Versions> VERSIONS = get(RapiCommand.GV, Versions::parse);
    private static final RapiRequest<EvConnectStatus> EV_CONNECT_STATE = get(RapiCommand.G0, EvConnectStatus::parse);
    private static final RapiRequest<Calibration> AMMETER_CALIBRATION = get(RapiCommand.GA, Calibration::parse);
    private static final RapiRequest<FaultCounters> FAULT_COUNTERS = get(RapiCommand.GF, FaultCounters::parse);
    private static final RapiRequest<Temperatures> TEMPERATURES = get(RapiCommand.GP, Temperatures::parse);
    private static final RapiRequest<HeartbeatStatus> HEARTBEAT_STATUS = get(RapiCommand.GY, HeartbeatStatus::parse);
    private static final RapiRequest<McuId> MCU_ID = get(RapiCommand.GI, McuId::parse);
    private static final RapiRequest<TimeLimit> TIME_LIMIT = get(RapiCommand.G3, TimeLimit::parse);
    private static final RapiRequest<ChargeLimit> CHARGE_LIMIT = get(RapiCommand.GH, ChargeLimit::parse);
    private static final RapiRequest<RtcTime> RTC_TIME = get(RapiCommand.GT, RtcTime::parse);
    private static final RapiRequest<DelayTimer> DELAY_TIMER = get(RapiCommand.GD, DelayTimer::parse);
    private static final RapiRequest<MennekesLockStatus> MENNEKES_LOCK = get(RapiCommand.G5, MennekesLockStatus::parse);
    private static final RapiRequest<AuthLockStatus> AUTH_LOCK = get(RapiCommand.G4, AuthLockStatus::parse);
    private static final RapiRequest<Calibration> VOLTMETER_CALIBRATION = get(RapiCommand.GM, Calibration::parse);
    private static final RapiRequest<OverTemperatureThresholds> OVER_TEMPERATURE_THRESHOLDS =
            get(RapiCommand.GO, OverTemperatureThresholds::parse);

    private static final RapiRequest<HeartbeatStatus> HEARTBEAT_PULSE =
            new TypedRequest<>(RapiCommand.SY.code(), NONE, HeartbeatStatus::parse, true, true);
    private static final RapiRequest<HeartbeatStatus> HEARTBEAT_ACKNOWLEDGE = new TypedRequest<>(RapiCommand.SY.code(),
            new String[] {Integer.toString(HEARTBEAT_ACK_COOKIE)}, HeartbeatStatus::parse, true, true);
    private static final RapiRequest<HeartbeatStatus> HEARTBEAT_DISABLE =
            new TypedRequest<>(RapiCommand.SY.code(), new String[] {"0", "0"}, HeartbeatStatus::parse, true, false);
    private static final RapiRequest<BootLockResult> CLEAR_BOOT_LOCK = get(RapiCommand.SB, BootLockResult::parse);
    private static final RapiRequest<RapiAck> ENABLE = ack(RapiCommand.FE);
    private static final RapiRequest<RapiAck> SLEEP = ack(RapiCommand.FS);
    private static final RapiRequest<RapiAck> DISABLE = ack(RapiCommand.FD);
    private static final RapiRequest<RapiAck> PRESS_BUTTON = ack(RapiCommand.F1);
    private static final RapiRequest<RapiAck> RESTART =
            new TypedRequest<>(RapiCommand.FR.code(), NONE, reply -> new RapiAck(reply.copy()), false, false);

    private RapiRequests() {
    }

    private static <R> RapiRequest<R> get(RapiCommand command, ReplyParser<R> parser) {
        return new TypedRequest<>(command.code(), NONE, parser, true, false);
    }

    private static RapiRequest<RapiAck> ack(RapiCommand command, String... params) {
        String code = command.code();
        return new TypedRequest<>(code, params, reply -> RapiAck.parse(code, reply), true, false);
    }

    private static void checkRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ": " + value);
        }
    }

    // ---- get commands ----

    /**
     * {@code $GS}: state, elapsed time, pilot state, vflags.
     *
     * @return the shared request
     */
    public static RapiRequest<EvseStatus> status() {
        return STATUS;
    }

    /**
     * {@code $GG}: charging current and voltage.
     *
     * @return the shared request
     */
    public static RapiRequest<ChargingReading> chargingReading() {
        return CHARGING_READING;
    }

    /**
     * {@code $GC}: capacity range (min, hwmax, pilot, cfgmax).
     *
     * @return the shared request
     */
    public static RapiRequest<CurrentCapacity> currentCapacity() {
        return CURRENT_CAPACITY;
    }

    /**
     * {@code $GE}: present capacity and settings flags.
     *
     * @return the shared request
     */
    public static RapiRequest<EvseSettings> settings() {
        return SETTINGS;
    }

    /**
     * {@code $GU}: session (Ws) and lifetime (Wh) energy.
     *
     * @return the shared request
     */
    public static RapiRequest<EnergyUsage> energyUsage() {
        return ENERGY_USAGE;
    }

    /**
     * {@code $GV}: firmware and RAPI versions. Sent with an id, its echo tells whether ids work (RAPI.md 1.4).
     *
     * @return the shared request
     */
    public static RapiRequest<Versions> versions() {
        return VERSIONS;
    }

    /**
     * {@code $G0}: EV connect state.
     *
     * @return the shared request
     */
    public static RapiRequest<EvConnectStatus> evConnectState() {
        return EV_CONNECT_STATE;
    }

    /**
     * {@code $GA}: ammeter calibration.
     *
     * @return the shared request
     */
    public static RapiRequest<Calibration> ammeterCalibration() {
        return AMMETER_CALIBRATION;
    }

    /**
     * {@code $GF}: fault trip counters.
     *
     * @return the shared request
     */
    public static RapiRequest<FaultCounters> faultCounters() {
        return FAULT_COUNTERS;
    }

    /**
     * {@code $GP}: temperatures.
     *
     * @return the shared request
     */
    public static RapiRequest<Temperatures> temperatures() {
        return TEMPERATURES;
    }

    /**
     * {@code $GY}: heartbeat supervision status.
     *
     * @return the shared request
     */
    public static RapiRequest<HeartbeatStatus> heartbeatStatus() {
        return HEARTBEAT_STATUS;
    }

    /**
     * {@code $GI}: MCU serial number.
     *
     * @return the shared request
     */
    public static RapiRequest<McuId> mcuId() {
        return MCU_ID;
    }

    /**
     * {@code $G3}: charge time limit ({@code $NK} on standard builds).
     *
     * @return the shared request
     */
    public static RapiRequest<TimeLimit> timeLimit() {
        return TIME_LIMIT;
    }

    /**
     * {@code $GH}: charge energy limit ({@code $NK} on standard builds).
     *
     * @return the shared request
     */
    public static RapiRequest<ChargeLimit> chargeLimit() {
        return CHARGE_LIMIT;
    }

    /**
     * {@code $GT}: RTC time.
     *
     * @return the shared request
     */
    public static RapiRequest<RtcTime> rtcTime() {
        return RTC_TIME;
    }

    /**
     * {@code $GD}: delay timer.
     *
     * @return the shared request
     */
    public static RapiRequest<DelayTimer> delayTimer() {
        return DELAY_TIMER;
    }

    /**
     * {@code $G5}: Mennekes lock.
     *
     * @return the shared request
     */
    public static RapiRequest<MennekesLockStatus> mennekesLock() {
        return MENNEKES_LOCK;
    }

    /**
     * {@code $G4}: authorisation lock ({@code $NK} on standard builds).
     *
     * @return the shared request
     */
    public static RapiRequest<AuthLockStatus> authLock() {
        return AUTH_LOCK;
    }

    /**
     * {@code $GM}: voltmeter calibration (VOLTMETER builds only).
     *
     * @return the shared request
     */
    public static RapiRequest<Calibration> voltmeterCalibration() {
        return VOLTMETER_CALIBRATION;
    }

    /**
     * {@code $GO}: over-temperature thresholds ({@code $NK} on every release build).
     *
     * @return the shared request
     */
    public static RapiRequest<OverTemperatureThresholds> overTemperatureThresholds() {
        return OVER_TEMPERATURE_THRESHOLDS;
    }

    // ---- set commands ----

    /**
     * {@code $SC amps [V]}: set the current capacity (RAPI.md 2.3.1). Dynamic control must use the volatile form;
     * the other one writes EEPROM (the installer's maximum). Out-of-range values are applied clamped and answered
     * {@code $NK n}, which parses to a {@link SetCurrentResult#clamped() clamped} result, not an exception.
     * {@code $SC .. M} (the once-in-a-lifetime hardware maximum) is deliberately not offered.
     *
     * @param amps         0..80 A (below 6 is clamped up to 6 by the controller)
     * @param volatileOnly true for {@code V}: not written to EEPROM, lost at restart
     * @return a new request
     * @throws IllegalArgumentException if amps is outside 0..80
     */
    public static RapiRequest<SetCurrentResult> setCurrent(int amps, boolean volatileOnly) {
        checkRange("amps", amps, 0, MAX_SET_CURRENT_AMPS);
        String[] params = volatileOnly ? new String[] {Integer.toString(amps), "V"}
                : new String[] {Integer.toString(amps)};
        return new TypedRequest<>(RapiCommand.SC.code(), params, SetCurrentResult::parse, true, false);
    }

    /**
     * {@code $SY interval current}: enable heartbeat supervision (stored in EEPROM, written only on change). It
     * does not restore a lowered capacity: send {@code $SC n V} afterwards.
     *
     * @param intervalS    1..65 s
     * @param fallbackAmps 0..80 A (in effect never below 6 A)
     * @return a new request
     * @throws IllegalArgumentException if a value is out of range
     */
    public static RapiRequest<HeartbeatStatus> heartbeatEnable(int intervalS, int fallbackAmps) {
        checkRange("heartbeat interval (s)", intervalS, 1, MAX_HEARTBEAT_INTERVAL_S);
        checkRange("fallback amps", fallbackAmps, 0, MAX_SET_CURRENT_AMPS);
        return new TypedRequest<>(RapiCommand.SY.code(),
                new String[] {Integer.toString(intervalS), Integer.toString(fallbackAmps)},
                HeartbeatStatus::parse, true, false);
    }

    /**
     * {@code $SY 0 0}: disable heartbeat supervision.
     *
     * @return the shared request
     */
    public static RapiRequest<HeartbeatStatus> heartbeatDisable() {
        return HEARTBEAT_DISABLE;
    }

    /**
     * {@code $SY}: one heartbeat pulse (high priority). A reply with {@link HeartbeatStatus#accepted()} false and
     * trigger 2 means a missed pulse awaits {@link #heartbeatAcknowledge()}.
     *
     * @return the shared request
     */
    public static RapiRequest<HeartbeatStatus> heartbeatPulse() {
        return HEARTBEAT_PULSE;
    }

    /**
     * {@code $SY 165}: acknowledge a missed pulse (high priority); restores cfgmax, not the value before.
     *
     * @return the shared request
     */
    public static RapiRequest<HeartbeatStatus> heartbeatAcknowledge() {
        return HEARTBEAT_ACKNOWLEDGE;
    }

    /**
     * {@code $SB}: clear the boot lock (BOOTLOCK builds; {@code $NK} elsewhere).
     *
     * @return the shared request
     */
    public static RapiRequest<BootLockResult> clearBootLock() {
        return CLEAR_BOOT_LOCK;
    }

    /**
     * {@code $SV mV}: the voltage used for the energy sums; volatile, so again after every restart.
     *
     * @param milliVolts 1..1,000,000 mV
     * @return a new request
     * @throws IllegalArgumentException if out of range
     */
    public static RapiRequest<RapiAck> setVoltage(int milliVolts) {
        checkRange("milliVolts", milliVolts, 1, 1_000_000);
        return ack(RapiCommand.SV, Integer.toString(milliVolts));
    }

    /**
     * {@code $S3 count}: time limit in units of 15 min, 0 clears (TIME_LIMIT builds, state B/C only).
     *
     * @param quarterHours 0..255
     * @return a new request
     * @throws IllegalArgumentException if out of range
     */
    public static RapiRequest<RapiAck> setTimeLimit(int quarterHours) {
        checkRange("quarter hours", quarterHours, 0, 255);
        return ack(RapiCommand.S3, Integer.toString(quarterHours));
    }

    /**
     * {@code $SH kWh}: energy limit for the session, 0 clears (CHARGE_LIMIT builds, state B/C only).
     *
     * @param kwh 0..255 kWh
     * @return a new request
     * @throws IllegalArgumentException if out of range
     */
    public static RapiRequest<RapiAck> setChargeLimit(int kwh) {
        checkRange("kWh", kwh, 0, 255);
        return ack(RapiCommand.SH, Integer.toString(kwh));
    }

    /**
     * {@code $SL 1|2|A}: service level. <b>Writes EEPROM</b>: an installer's action only.
     *
     * @param level the level
     * @return a new request
     */
    public static RapiRequest<RapiAck> setServiceLevel(ServiceLevel level) {
        return ack(RapiCommand.SL, String.valueOf(level.letter()));
    }

    /**
     * {@code $S1 yr mo day hr min sec}: set the RTC.
     *
     * @param time local time, year 2000..2099
     * @return a new request
     * @throws IllegalArgumentException if the year is outside 2000..2099
     */
    public static RapiRequest<RapiAck> setRtc(LocalDateTime time) {
        checkRange("year", time.getYear(), 2000, 2099);
        return ack(RapiCommand.S1, Integer.toString(time.getYear() - 2000), Integer.toString(time.getMonthValue()),
                Integer.toString(time.getDayOfMonth()), Integer.toString(time.getHour()),
                Integer.toString(time.getMinute()), Integer.toString(time.getSecond()));
    }

    /**
     * {@code $ST sh sm eh em}: delay timer start and stop times; all 0 turns it off. <b>Writes EEPROM</b>.
     *
     * @param startHour   0..23
     * @param startMinute 0..59
     * @param endHour     0..23
     * @param endMinute   0..59
     * @return a new request
     * @throws IllegalArgumentException if out of range
     */
    public static RapiRequest<RapiAck> setDelayTimer(int startHour, int startMinute, int endHour, int endMinute) {
        checkRange("start hour", startHour, 0, 23);
        checkRange("start minute", startMinute, 0, 59);
        checkRange("end hour", endHour, 0, 23);
        checkRange("end minute", endMinute, 0, 59);
        return ack(RapiCommand.ST, Integer.toString(startHour), Integer.toString(startMinute),
                Integer.toString(endHour), Integer.toString(endMinute));
    }

    /**
     * {@code $SA scale offset}: ammeter calibration. <b>Writes EEPROM</b>.
     *
     * @param scale  the scale factor
     * @param offset the offset
     * @return a new request
     */
    public static RapiRequest<RapiAck> setAmmeterCalibration(int scale, int offset) {
        return ack(RapiCommand.SA, Integer.toString(scale), Integer.toString(offset));
    }

    /**
     * {@code $SM scale offset}: voltmeter calibration (VOLTMETER builds only).
     *
     * @param scale  the scale factor
     * @param offset the offset
     * @return a new request
     */
    public static RapiRequest<RapiAck> setVoltmeterCalibration(int scale, int offset) {
        return ack(RapiCommand.SM, Integer.toString(scale), Integer.toString(offset));
    }

    /**
     * {@code $SK Wh}: set the lifetime energy total. <b>Writes EEPROM</b>.
     *
     * @param wattHours 0..4,294,967,295 Wh
     * @return a new request
     * @throws IllegalArgumentException if out of range
     */
    public static RapiRequest<RapiAck> setLifetimeEnergy(long wattHours) {
        checkRange("Wh", wattHours, 0, 0xFFFF_FFFFL);
        return ack(RapiCommand.SK, Long.toString(wattHours));
    }

    /**
     * {@code $S5 A|M|0|1}: Mennekes lock mode, or lock state in manual mode.
     *
     * @param command what to ask of the lock
     * @return a new request
     */
    public static RapiRequest<RapiAck> setMennekesLock(MennekesCommand command) {
        return ack(RapiCommand.S5, String.valueOf(command.letter()));
    }

    /**
     * {@code $S4 0|1}: authorisation lock (AUTH_LOCK builds; not stored).
     *
     * @param locked true to lock
     * @return a new request
     */
    public static RapiRequest<RapiAck> setAuthLock(boolean locked) {
        return ack(RapiCommand.S4, locked ? "1" : "0");
    }

    /**
     * {@code $S0 0|1}: LCD backlight type. <b>Writes EEPROM</b>.
     *
     * @param rgb true for an RGB backlight, false for monochrome
     * @return a new request
     */
    public static RapiRequest<RapiAck> setLcdType(boolean rgb) {
        return ack(RapiCommand.S0, rgb ? "1" : "0");
    }

    // ---- function commands ----

    /**
     * {@code $FE}: enable (resume from sleep or disabled); an {@code $AT} follows the reply.
     *
     * @return the shared request
     */
    public static RapiRequest<RapiAck> enable() {
        return ENABLE;
    }

    /**
     * {@code $FS}: sleep, the graceful pause (the relay opens once the car stops drawing, at most after 3 s).
     *
     * @return the shared request
     */
    public static RapiRequest<RapiAck> sleep() {
        return SLEEP;
    }

    /**
     * {@code $FD}: disable; the relay opens at once, under load. For emergencies only: pause with
     * {@link #sleep()}.
     *
     * @return the shared request
     */
    public static RapiRequest<RapiAck> disable() {
        return DISABLE;
    }

    /**
     * {@code $FR}: restart. The controller sends no reply; the client completes the request with the {@code $AB}
     * that ends the boot ({@link RapiRequest#parse} accepts that frame), or fails it after the boot timeout.
     *
     * @return the shared request
     */
    public static RapiRequest<RapiAck> restart() {
        return RESTART;
    }

    /**
     * {@code $F1}: simulate a short press of the front button.
     *
     * @return the shared request
     */
    public static RapiRequest<RapiAck> pressButton() {
        return PRESS_BUTTON;
    }

    /**
     * {@code $FP x y text}: print text on the LCD. Words are sent as separate tokens (the firmware re-joins them
     * with single spaces); runs of spaces, leading or trailing spaces, or more words than the token limit allows
     * are sent as one token with {@link #LCD_SPACE_SUBSTITUTE} for each space (RAPI.md 2.4).
     *
     * @param column 0..15
     * @param row    0..1
     * @param text   1 or more characters 0x20..0xFF except {@code $ ^ *} and DEL; the whole frame, with a sequence
     *               id, must fit 31 bytes (16 characters at column 0..9)
     * @return a new request
     * @throws IllegalArgumentException if a value is out of range, a character is not allowed, the text's last
     *                                  word starts with ':', or the frame would be too long
     */
    public static RapiRequest<RapiAck> lcdText(int column, int row, String text) {
        checkRange("column", column, 0, LCD_COLUMNS - 1);
        checkRange("row", row, 0, LCD_ROWS - 1);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("LCD text must not be empty");
        }
        String[] words = text.split(" ", -1);
        boolean oneToken = text.contains("  ") || text.startsWith(" ") || text.endsWith(" ")
                || 1 + 2 + words.length + 1 > 10;
        String[] params;
        if (oneToken) {
            params = new String[] {Integer.toString(column), Integer.toString(row),
                text.replace(' ', LCD_SPACE_SUBSTITUTE)};
        } else {
            params = new String[2 + words.length];
            params[0] = Integer.toString(column);
            params[1] = Integer.toString(row);
            System.arraycopy(words, 0, params, 2, words.length);
        }
        String last = params[params.length - 1];
        if (last.startsWith(":")) {
            throw new IllegalArgumentException("LCD text's last word must not start with ':': " + text);
        }
        return ack(RapiCommand.FP, params);
    }

    /**
     * {@code $FB color}: LCD backlight colour.
     *
     * @param color the colour
     * @return a new request
     * @throws IllegalArgumentException for {@link LcdColor#OTHER}
     */
    public static RapiRequest<RapiAck> backlight(LcdColor color) {
        if (color == LcdColor.OTHER) {
            throw new IllegalArgumentException("not a backlight colour: " + color);
        }
        return ack(RapiCommand.FB, Integer.toString(color.code()));
    }

    /**
     * {@code $F0 0|1}: stop (for a gateway that writes the LCD itself) or resume the controller's LCD updates.
     *
     * @param on true to resume the controller's own updates
     * @return a new request
     */
    public static RapiRequest<RapiAck> lcdUpdates(boolean on) {
        return ack(RapiCommand.F0, on ? "1" : "0");
    }

    /**
     * {@code $FF letter 0|1}: feature switch, mostly <b>stored in EEPROM</b>. Echo ({@code E}) is not offered: a
     * client never sends it (RAPI.md 1.8).
     *
     * @param feature the feature
     * @param enabled true to enable it
     * @return a new request
     */
    public static RapiRequest<RapiAck> feature(Feature feature, boolean enabled) {
        return ack(RapiCommand.FF, String.valueOf(feature.letter()), enabled ? "1" : "0");
    }

    // ---- raw escape hatch ----

    /**
     * A raw frame, for commands this library does not type. The frame is checked like every request: {@code $},
     * two letters 'A'..'Z'/'0'..'9', then parameters separated by single spaces; printable ASCII only, no
     * {@code $ ^ * ;} or control bytes inside, no parameter starting with ':', no checksum or id (the client adds
     * them), and it must fit 31 bytes with an id.
     *
     * @param frame e.g. {@code "$GS"} or {@code "$FF B 0"}
     * @return a new request whose reply is never an exception for {@code $NK}
     * @throws IllegalArgumentException if the frame breaks a rule
     */
    public static RapiRequest<RawReply> raw(String frame) {
        if (!frame.startsWith("$") || frame.length() < 3) {
            throw new IllegalArgumentException("a raw frame starts with '$' and two command letters: " + frame);
        }
        String body = frame.substring(1);
        String[] tokens = body.split(" ", -1);
        String[] params = new String[tokens.length - 1];
        System.arraycopy(tokens, 1, params, 0, params.length);
        return raw(tokens[0], params);
    }

    /**
     * A raw command with parameters, checked as {@link #raw(String)}.
     *
     * @param code   two letters 'A'..'Z'/'0'..'9'
     * @param params the parameters, each printable ASCII without space, {@code $ ^ * ;}, not starting with ':'
     * @return a new request whose reply is never an exception for {@code $NK}
     * @throws IllegalArgumentException if the command or a parameter breaks a rule
     */
    public static RapiRequest<RawReply> raw(String code, String... params) {
        for (String param : params) {
            for (int i = 0; i < param.length(); i++) {
                char c = param.charAt(i);
                if (c <= 0x20 || c >= 0x7F || c == ';') {
                    throw new IllegalArgumentException("raw parameter must be printable ASCII without ';': "
                            + param);
                }
            }
        }
        return new TypedRequest<>(code, params, RawReply::parse, !"FR".equals(code), false);
    }
}
