package me.napolni.dinamics.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

import me.napolni.dinamics.core.settings.ParseResult;
import me.napolni.dinamics.core.settings.SettingParser;
import me.napolni.dinamics.mqtt.internal.TopicContract.Command;
import me.napolni.dinamics.mqtt.internal.TopicContract.Kind;

/**
 * Checks a command payload in the order of TOPICS.md section 2 (steps 1 to 7) and the extra rules of
 * {@code rapi_request} (6.2) and {@code set_delay_timer} (7.5). Pure: no state, no I/O.
 */
public final class CommandParser {

    /** Longest payload looked at; longer ones are {@code too_long} before their content is read. */
    public static final int MAX_PAYLOAD_BYTES = 64;

    private static final Pattern INTEGER = Pattern.compile("0|-?[1-9][0-9]*");
    private static final Pattern RAPI = Pattern.compile("[A-Z][A-Z0-9]( [A-Za-z0-9-]{1,10}){0,4}");
    private static final Pattern SA_ARGS = Pattern.compile("SA -?[0-9]{1,6} -?[0-9]{1,6}");
    private static final Set<String> BARE_GETS = Set.of("G0", "G3", "G4", "G5", "GA", "GC", "GD", "GE", "GF", "GG",
            "GH", "GI", "GP", "GS", "GT", "GU", "GV", "GY");
    /** Longer than any accepted range needs; such numbers are out of range without parsing. */
    private static final int MAX_DIGITS = 18;

    /**
     * The outcome of a check: a value, or a rejection with its reason word.
     *
     * @param reason the reason word, null when accepted
     * @param expected what would have been accepted, or null
     * @param value the integer value of an integer command
     * @param text the payload text of a text command (rapi_request, set_delay_timer)
     */
    public record Verdict(String reason, String expected, long value, String text) {

        /**
         * Tells whether the payload passed.
         *
         * @return true when accepted
         */
        public boolean ok() {
            return reason == null;
        }

        static Verdict reject(String reason, Command command) {
            return new Verdict(reason, command.expected(), 0, null);
        }
    }

    private CommandParser() {
    }

    /**
     * Checks one payload.
     *
     * @param command the topic's command
     * @param payload the payload bytes (the whole of it, or at least its first 65 bytes and its real length)
     * @param length the payload's real length in bytes
     * @param retained whether it came with the RETAIN flag
     * @return the verdict
     */
    public static Verdict check(Command command, byte[] payload, int length, boolean retained) {
        if (command.kind() == Kind.UNSUPPORTED) {
            return Verdict.reject("unsupported", command);
        }
        if (retained) {
            return Verdict.reject("retained", command);
        }
        if (length > MAX_PAYLOAD_BYTES) {
            return Verdict.reject("too_long", command);
        }
        if (length == 0) {
            return Verdict.reject("empty", command);
        }
        for (int i = 0; i < length; i++) {
            int b = payload[i] & 0xFF;
            if (b < 0x20 || b > 0x7E) {
                return Verdict.reject("bad_bytes", command);
            }
        }
        String text = new String(payload, 0, length, StandardCharsets.US_ASCII);
        if (command.setting() != null) {
            // the core's parser: the same reasons for MQTT and the web
            ParseResult parsed = SettingParser.parse(command.setting(), text);
            if (parsed.violation() != null) {
                return new Verdict(parsed.violation().reason(), parsed.violation().expected(), 0, text);
            }
            return new Verdict(null, null, parsed.value(), text);
        }
        switch (command.kind()) {
            case RAPI_REQUEST:
                return checkRapi(command, text);
            default:
                return checkInteger(command, text);
        }
    }

    private static Verdict checkInteger(Command command, String text) {
        if (!INTEGER.matcher(text).matches()) {
            return Verdict.reject("not_an_integer", command);
        }
        int digits = text.charAt(0) == '-' ? text.length() - 1 : text.length();
        if (digits > MAX_DIGITS) {
            return Verdict.reject("out_of_range", command);
        }
        long value = Long.parseLong(text);
        if (value < command.min() || value > command.max()) {
            return Verdict.reject("out_of_range", command);
        }
        return new Verdict(null, null, value, text);
    }

    private static Verdict checkRapi(Command command, String text) {
        if (!RAPI.matcher(text).matches()) {
            return Verdict.reject("not_a_command", command);
        }
        if (!allowed(text)) {
            return Verdict.reject("not_allowed", command);
        }
        return new Verdict(null, null, 0, text);
    }

    /**
     * Tells whether a RAPI command text (already well-formed) is on the 6.2 allowlist.
     *
     * @param text e.g. {@code GS} or {@code SL 2}
     * @return true when it may be passed through
     */
    public static boolean allowed(String text) {
        if (BARE_GETS.contains(text)) {
            return true;
        }
        if (text.equals("SL 1") || text.equals("SL 2") || text.equals("SL A")) {
            return true;
        }
        return SA_ARGS.matcher(text).matches();
    }

}
