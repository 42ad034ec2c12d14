package me.napolni.dinamics.mqtt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the {@code evse} JSON of TOPICS.md 7.6 from raw RAPI replies (formats from RAPI.md). Pure. */
public final class EvseDetails {

    /** The commands asked, in order. */
    public static final List<String> COMMANDS = List.of("GV", "GP", "GF", "GC", "GE", "GS", "GU", "GT", "GA");

    /** {@code $GP}'s value for a sensor that is not fitted, tenths of °C. */
    static final int NO_SENSOR = -2560;
    /** {@code $GT}'s year field without an RTC chip. */
    static final int NO_RTC = 165;

    private static final String[] SENSORS = {"ds3231", "mcp9808", "tmp007"};
    private static final String[][] FLAG_BITS = {
        {"0002", "diode_check_off"}, {"0004", "vent_check_off"}, {"0008", "ground_check_off"},
        {"0010", "stuck_relay_check_off"}, {"0020", "auto_service_level_off"}, {"0040", "auto_start_off"},
        {"0080", "serial_debug"}, {"0100", "mono_lcd"}, {"0200", "gfi_self_test_off"},
        {"0400", "temperature_check_off"}, {"8000", "button_off"},
    };

    private EvseDetails() {
    }

    /**
     * Returns the fields of a raw {@code $OK} reply, without checksum and sequence id.
     *
     * @param raw e.g. {@code $OK 6 32 15 15 :2A^17}
     * @return the fields after {@code $OK}, or null when it is not an {@code $OK} reply
     */
    public static List<String> fields(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.trim();
        int mark = Math.max(text.lastIndexOf('^'), text.lastIndexOf('*'));
        if (mark > 0) {
            text = text.substring(0, mark);
        }
        String[] parts = text.trim().split(" +");
        if (parts.length == 0 || !parts[0].equals("$OK")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].startsWith(":")) {
                out.add(parts[i]);
            }
        }
        return out;
    }

    /**
     * Builds the JSON.
     *
     * @param replies raw reply by command; a missing or null reply leaves its fields null
     * @return compact JSON
     */
    public static String json(Map<String, String> replies) {
        ObjectNode n = Formats.JSON.createObjectNode();
        List<String> missing = new ArrayList<>();
        List<String> gv = parsed(replies, "GV", 2, missing);
        n.put("firmware", gv == null ? null : gv.get(0));
        n.put("rapi", gv == null ? null : gv.get(1));
        List<String> gp = parsed(replies, "GP", 3, missing);
        if (gp == null) {
            n.putNull("temperatures_c");
        } else {
            ObjectNode t = n.putObject("temperatures_c");
            for (int i = 0; i < SENSORS.length; i++) {
                int tenths = Integer.parseInt(gp.get(i));
                if (tenths != NO_SENSOR) {
                    t.put(SENSORS[i], tenths / 10.0);
                }
            }
        }
        List<String> gf = parsed(replies, "GF", 3, missing);
        if (gf == null) {
            n.putNull("faults");
        } else {
            ObjectNode f = n.putObject("faults");
            f.put("gfi", Integer.parseInt(gf.get(0), 16));
            f.put("no_ground", Integer.parseInt(gf.get(1), 16));
            f.put("stuck_relay", Integer.parseInt(gf.get(2), 16));
        }
        List<String> gc = parsed(replies, "GC", 2, missing);
        if (gc == null) {
            n.putNull("current_range_a");
        } else {
            ArrayNode range = n.putArray("current_range_a");
            range.add(Integer.parseInt(gc.get(0)));
            range.add(Integer.parseInt(gc.size() >= 4 ? gc.get(3) : gc.get(1)));
        }
        List<String> ge = parsed(replies, "GE", 2, missing);
        if (ge == null) {
            n.putNull("flags");
        } else {
            int word = Integer.parseInt(ge.get(1), 16);
            ObjectNode flags = n.putObject("flags");
            flags.put("raw", ge.get(1));
            flags.put("service_level", (word & 1) != 0 ? "L2" : "L1");
            for (String[] bit : FLAG_BITS) {
                flags.put(bit[1], (word & Integer.parseInt(bit[0], 16)) != 0);
            }
        }
        List<String> gs = parsed(replies, "GS", 2, missing);
        n.put("session_s", gs == null ? null : Long.valueOf(gs.get(1)));
        List<String> gu = parsed(replies, "GU", 2, missing);
        n.put("session_wh", gu == null ? null : Long.parseLong(gu.get(0)) / 3600);
        n.put("lifetime_kwh", gu == null ? null : Long.parseLong(gu.get(1)) / 1000.0);
        List<String> gt = parsed(replies, "GT", 6, missing);
        if (gt == null || Integer.parseInt(gt.get(0)) == NO_RTC) {
            n.putNull("clock");
        } else {
            n.put("clock", String.format("20%02d-%02d-%02dT%02d:%02d:%02d", Integer.parseInt(gt.get(0)),
                    Integer.parseInt(gt.get(1)), Integer.parseInt(gt.get(2)), Integer.parseInt(gt.get(3)),
                    Integer.parseInt(gt.get(4)), Integer.parseInt(gt.get(5))));
        }
        List<String> ga = parsed(replies, "GA", 2, missing);
        if (ga == null) {
            n.putNull("ammeter");
        } else {
            n.putArray("ammeter").add(Integer.parseInt(ga.get(0))).add(Integer.parseInt(ga.get(1)));
        }
        if (!missing.isEmpty()) {
            n.put("detail", "no valid reply to " + String.join(", ", missing));
        }
        return Formats.json(n);
    }

    private static List<String> parsed(Map<String, String> replies, String command, int minFields,
            List<String> missing) {
        List<String> f = fields(replies.get(command));
        if (f == null || f.size() < minFields || !numeric(f, command)) {
            missing.add(command);
            return null;
        }
        return f;
    }

    private static boolean numeric(List<String> f, String command) {
        if (command.equals("GV")) {
            return true;
        }
        boolean hex = command.equals("GF") || command.equals("GE");
        for (int i = 0; i < f.size(); i++) {
            String s = f.get(i);
            boolean hexField = hex && (command.equals("GF") || i == 1) || command.equals("GS") && i != 1;
            if (!s.matches(hexField ? "[0-9A-Fa-f]{1,8}" : "-?[0-9]{1,12}")) {
                return false;
            }
        }
        return true;
    }
}
