package me.napolni.dinamics.core.settings;

import java.nio.charset.StandardCharsets;

/**
 * Parses one MQTT or web payload for a setting, with the checks and reason words of TOPICS.md 2, rows 3 to 7,
 * so that every adapter refuses the same payloads for the same reasons. The first failure wins:
 * <ol>
 *   <li>{@code too_long}: more than {@link SettingKey#MAX_PAYLOAD_BYTES} bytes, before looking at the content;</li>
 *   <li>{@code empty}: no bytes;</li>
 *   <li>{@code bad_bytes}: a byte outside 0x20..0x7E;</li>
 *   <li>{@code not_an_integer}: not {@code 0|-?[1-9][0-9]*} (so no {@code +}, spaces, leading zeros or
 *       {@code -0});</li>
 *   <li>{@code out_of_range}: outside the key's range, compared exactly and never wrapped, so
 *       {@code 99999999999999999999} is out of range, not a small number.</li>
 * </ol>
 * The delay timer takes {@code HH:MM-HH:MM} (24 h, two digits each, start and stop different) or {@code 0};
 * anything else after the byte checks is {@code not_a_time}. Consistency with other settings is not checked
 * here but by {@link SettingsChange}. Never throws on any payload.
 */
public final class SettingParser {

    /** More digits than any range needs; longer numbers are out of range without being converted. */
    private static final int MAX_DIGITS = 18;
    private static final int TIME_WINDOW_LENGTH = "HH:MM-HH:MM".length();

    private SettingParser() {
    }

    /**
     * Parses a payload.
     *
     * @param key the setting the payload is for
     * @param payload the raw bytes as received
     * @return the value, or the first violation found
     */
    public static ParseResult parse(SettingKey key, byte[] payload) {
        if (payload.length > SettingKey.MAX_PAYLOAD_BYTES) {
            return refuse(key, Violation.TOO_LONG);
        }
        if (payload.length == 0) {
            return refuse(key, Violation.EMPTY);
        }
        for (byte b : payload) {
            if (b < 0x20 || b > 0x7E) {
                return refuse(key, Violation.BAD_BYTES);
            }
        }
        if (key == SettingKey.DELAY_TIMER) {
            return parseDelayTimer(payload);
        }
        return parseInteger(key, payload);
    }

    /**
     * Parses a payload given as text, for adapters that receive strings (the web form).
     *
     * @param key the setting the payload is for
     * @param payload the text; its UTF-8 bytes are checked as {@link #parse(SettingKey, byte[])} does
     * @return the value, or the first violation found
     */
    public static ParseResult parse(SettingKey key, String payload) {
        return parse(key, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static ParseResult parseInteger(SettingKey key, byte[] payload) {
        boolean negative = payload[0] == '-';
        int first = negative ? 1 : 0;
        int digits = payload.length - first;
        if (digits == 0) {
            return refuse(key, Violation.NOT_AN_INTEGER);
        }
        for (int i = first; i < payload.length; i++) {
            if (payload[i] < '0' || payload[i] > '9') {
                return refuse(key, Violation.NOT_AN_INTEGER);
            }
        }
        if (payload[first] == '0' && (digits > 1 || negative)) {
            return refuse(key, Violation.NOT_AN_INTEGER);
        }
        if (digits > MAX_DIGITS) {
            return ParseResult.refused(Violation.outOfRange(key));
        }
        long magnitude = 0;
        for (int i = first; i < payload.length; i++) {
            magnitude = magnitude * 10 + (payload[i] - '0');
        }
        long value = negative ? -magnitude : magnitude;
        return key.accepts(value) ? ParseResult.accepted(key, value) : ParseResult.refused(Violation.outOfRange(key));
    }

    private static ParseResult parseDelayTimer(byte[] payload) {
        if (payload.length == 1 && payload[0] == '0') {
            return ParseResult.accepted(SettingKey.DELAY_TIMER, DelayTimer.OFF_CODE);
        }
        if (payload.length != TIME_WINDOW_LENGTH || payload[5] != '-') {
            return refuse(SettingKey.DELAY_TIMER, Violation.NOT_A_TIME);
        }
        int start = minuteOfDay(payload, 0);
        int stop = minuteOfDay(payload, 6);
        if (start < 0 || stop < 0 || start == stop) {
            return refuse(SettingKey.DELAY_TIMER, Violation.NOT_A_TIME);
        }
        return ParseResult.accepted(SettingKey.DELAY_TIMER, DelayTimer.of(start, stop).encode());
    }

    /** Reads {@code HH:MM} at an offset; -1 unless both are two digits in range. */
    private static int minuteOfDay(byte[] text, int offset) {
        int hours = twoDigits(text, offset);
        int minutes = twoDigits(text, offset + 3);
        if (text[offset + 2] != ':' || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
            return -1;
        }
        return hours * 60 + minutes;
    }

    private static int twoDigits(byte[] text, int offset) {
        byte tens = text[offset];
        byte ones = text[offset + 1];
        if (tens < '0' || tens > '9' || ones < '0' || ones > '9') {
            return -1;
        }
        return (tens - '0') * 10 + (ones - '0');
    }

    private static ParseResult refuse(SettingKey key, String reason) {
        return ParseResult.refused(new Violation(key, reason, key.expected()));
    }
}
