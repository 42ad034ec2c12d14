package me.napolni.dinamics.mqtt.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import me.napolni.dinamics.core.device.ChargerStatus;
import me.napolni.dinamics.core.device.DeviceStatus;
import me.napolni.dinamics.mqtt.internal.Outgoing.MessageClass;

/**
 * Turns status snapshots into messages: telemetry with its change thresholds (TOPICS.md section 5), the S-class
 * state, and the snapshot JSON (7.1). Remembers what was last sent; not thread-safe (the bridge's worker owns it).
 */
public final class StatusView {

    /** Smallest change of a current worth publishing, hundredths of an amp (0.15 A). */
    public static final long CURRENT_STEP_CENTIAMPS = 15;
    /** Smallest change of the power worth publishing, W. */
    public static final long POWER_STEP_W = 100;

    private static final String[] TIMER_KEYS = timerKeys();

    private final String serial;
    private final Map<String, Long> lastTelemetry = new HashMap<>();
    private final Map<String, String> lastState = new HashMap<>();

    /**
     * Creates a view for one serial.
     *
     * @param serial the serial in the topics and the snapshot
     */
    public StatusView(String serial) {
        this.serial = serial;
    }

    private static String[] timerKeys() {
        String[] keys = new String[15];
        keys[0] = "timer";
        for (int i = 1; i < keys.length; i++) {
            keys[i] = "timer" + i;
        }
        return keys;
    }

    /**
     * Returns the timer keys {@code timer}, {@code timer1} … {@code timer14}.
     *
     * @return 15 keys in order
     */
    public static List<String> timerKeyList() {
        return List.of(TIMER_KEYS);
    }

    /**
     * Returns the topic prefix of a charger.
     *
     * @param chargerId the charger id
     * @return {@code charger/<id>/}
     */
    public static String chargerPrefix(String chargerId) {
        return "charger/" + chargerId + "/";
    }

    /**
     * Reads a numeric setting, falling back to its default.
     *
     * @param status the snapshot
     * @param key the key
     * @return the value, or null when unknown and without default
     */
    public static Long setting(DeviceStatus status, String key) {
        Long v = status.settings().get(key);
        return v != null ? v : TopicContract.defaultValue(key);
    }

    /**
     * Forgets what was sent, so the next tick sends everything again (after a reconnect).
     */
    public void forgetTelemetry() {
        lastTelemetry.clear();
    }

    /**
     * Records an S-class value as sent.
     *
     * @param topic the relative topic
     * @param payload the payload
     */
    public void recordState(String topic, String payload) {
        lastState.put(topic, payload);
    }

    /**
     * Returns the S-class value last sent on a topic.
     *
     * @param topic the relative topic
     * @return the payload, or null
     */
    public String lastState(String topic) {
        return lastState.get(topic);
    }

    /**
     * Returns every S-class topic and its value now, in publishing order (TOPICS.md section 1, "on every connect").
     *
     * @param status the snapshot
     * @return relative topic to payload
     */
    public Map<String, String> state(DeviceStatus status) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("breaker", Integer.toString(status.breaker()));
        putIfKnown(out, "failsafe", status.failsafe());
        putIfKnown(out, "fwversion", status.fw());
        for (String key : List.of("calibration", "debug")) {
            putIfKnown(out, key, setting(status, key));
        }
        for (String key : TIMER_KEYS) {
            putIfKnown(out, key, setting(status, key));
        }
        for (String key : List.of("plugandcharge", "dinamics", "nwpc")) {
            putIfKnown(out, key, setting(status, key));
        }
        if (!status.chargers().isEmpty()) {
            chargerState(out, "", status.primary(), false);
            for (ChargerStatus c : status.chargers()) {
                chargerState(out, chargerPrefix(c.id()), c, true);
            }
        }
        return out;
    }

    private static void chargerState(Map<String, String> out, String prefix, ChargerStatus c, boolean withPriority) {
        putIfKnown(out, prefix + "enable", c.enable());
        out.put(prefix + "state", Integer.toString(c.state()));
        putIfKnown(out, prefix + "evse_state", c.evseState());
        putIfKnown(out, prefix + "connection", c.connection());
        out.put(prefix + "c_limit", Integer.toString(c.cLimit()));
        out.put(prefix + "c_min_limit", Integer.toString(c.cMinLimit()));
        if (withPriority) {
            out.put(prefix + "priority", Integer.toString(c.priority()));
        }
        putIfKnown(out, prefix + "delay_timer", c.delayTimer());
    }

    private static void putIfKnown(Map<String, String> out, String topic, Object value) {
        if (value != null) {
            out.put(topic, value.toString());
        }
    }

    /**
     * Returns the S-class messages whose value differs from what was last sent, and records them as sent.
     *
     * @param status the snapshot
     * @return the changed S-class messages
     */
    public List<Outgoing> stateChanges(DeviceStatus status) {
        List<Outgoing> out = new ArrayList<>();
        for (Map.Entry<String, String> e : state(status).entrySet()) {
            if (!e.getValue().equals(lastState.get(e.getKey()))) {
                lastState.put(e.getKey(), e.getValue());
                out.add(Outgoing.of(e.getKey(), e.getValue(), MessageClass.S));
            }
        }
        return out;
    }

    /**
     * Returns every S-class message, for a (re)connect, and records them as sent.
     *
     * @param status the snapshot
     * @return all S-class messages
     */
    public List<Outgoing> allState(DeviceStatus status) {
        Map<String, String> now = state(status);
        for (Map.Entry<String, String> e : lastState.entrySet()) {
            if (e.getKey().endsWith("update_status") || e.getKey().endsWith("update_spiffs_status")) {
                now.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        List<Outgoing> out = new ArrayList<>();
        for (Map.Entry<String, String> e : now.entrySet()) {
            lastState.put(e.getKey(), e.getValue());
            out.add(Outgoing.of(e.getKey(), e.getValue(), MessageClass.S));
        }
        return out;
    }

    /**
     * Returns the telemetry worth sending at a tick (TOPICS.md section 5) and records it as sent.
     *
     * @param status the snapshot
     * @return T-class messages
     */
    public List<Outgoing> telemetry(DeviceStatus status) {
        List<Outgoing> out = new ArrayList<>();
        for (int phase = 0; phase < 3; phase++) {
            current(out, "current" + (phase + 1), mains(status, phase), MessageClass.T, false);
        }
        if (!status.chargers().isEmpty()) {
            chargerTelemetry(out, "", status.primary());
            for (ChargerStatus c : status.chargers()) {
                chargerTelemetry(out, chargerPrefix(c.id()), c);
            }
        }
        return out;
    }

    private static Double mains(DeviceStatus status, int phase) {
        return phase < status.mains().size() ? status.mains().get(phase) : null;
    }

    private void chargerTelemetry(List<Outgoing> out, String prefix, ChargerStatus c) {
        onChange(out, prefix + "max_charging_current", toLong(c.maxChargingCurrent()), MessageClass.T, false);
        current(out, prefix + "charging_current", c.chargingCurrent(), MessageClass.T, false);
        if (onChange(out, prefix + "active_phases", (long) c.activePhases(), MessageClass.T, false)) {
            out.add(Outgoing.of(prefix + "no_of_phases", Integer.toString(c.noOfPhases()), MessageClass.T));
        }
        onChange(out, prefix + "pilot_current", toLong(c.pilotCurrent()), MessageClass.T, false);
        Long power = c.power();
        if (power != null) {
            Long last = lastTelemetry.get(prefix + "power");
            if (last == null || Math.abs(power - last) >= POWER_STEP_W) {
                lastTelemetry.put(prefix + "power", power);
                out.add(Outgoing.of(prefix + "power", power.toString(), MessageClass.T));
            }
        }
        onChange(out, prefix + "energy", c.energy(), MessageClass.T, false);
    }

    private static Long toLong(Integer v) {
        return v == null ? null : v.longValue();
    }

    private void current(List<Outgoing> out, String topic, Double amps, MessageClass kind, boolean force) {
        if (amps == null || amps.isNaN() || amps.isInfinite()) {
            return;
        }
        long centi = Formats.centiamps(amps);
        Long last = lastTelemetry.get(topic);
        if (force || last == null || Math.abs(centi - last) >= CURRENT_STEP_CENTIAMPS) {
            lastTelemetry.put(topic, centi);
            out.add(Outgoing.of(topic, Formats.twoDecimals(amps), kind));
        }
    }

    private boolean onChange(List<Outgoing> out, String topic, Long value, MessageClass kind, boolean force) {
        if (value == null) {
            return false;
        }
        Long last = lastTelemetry.get(topic);
        if (force || !value.equals(last)) {
            lastTelemetry.put(topic, value);
            out.add(Outgoing.of(topic, value.toString(), kind));
            return true;
        }
        return false;
    }

    /**
     * Returns the {@code get_status} answer (TOPICS.md section 3), R class, and records the values as sent.
     *
     * @param status the snapshot
     * @param chargerId null for the root topic, else the charger asked about
     * @return the messages, snapshot last
     */
    public List<Outgoing> getStatus(DeviceStatus status, String chargerId) {
        List<Outgoing> out = new ArrayList<>();
        ChargerStatus c;
        String prefix;
        if (chargerId == null) {
            for (int phase = 0; phase < 3; phase++) {
                current(out, "current" + (phase + 1), mains(status, phase), MessageClass.R, true);
            }
            c = status.chargers().isEmpty() ? null : status.primary();
            prefix = "";
        } else {
            c = charger(status, chargerId);
            prefix = chargerPrefix(chargerId);
        }
        if (c != null) {
            onChange(out, prefix + "max_charging_current", toLong(c.maxChargingCurrent()), MessageClass.R, true);
            current(out, prefix + "charging_current", c.chargingCurrent(), MessageClass.R, true);
            onChange(out, prefix + "active_phases", (long) c.activePhases(), MessageClass.R, true);
        }
        out.add(Outgoing.of("snapshot", snapshot(status), MessageClass.SNAPSHOT));
        return out;
    }

    /**
     * Finds a charger by id.
     *
     * @param status the snapshot
     * @param chargerId the id
     * @return the charger, or null
     */
    public static ChargerStatus charger(DeviceStatus status, String chargerId) {
        for (ChargerStatus c : status.chargers()) {
            if (c.id().equals(chargerId)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Builds the snapshot JSON (TOPICS.md 7.1).
     *
     * @param status the snapshot
     * @return compact JSON
     */
    public String snapshot(DeviceStatus status) {
        ObjectNode n = Formats.JSON.createObjectNode();
        n.put("ts", status.tsMs());
        n.put("serial", serial);
        n.put("fw", status.fw());
        ArrayNode mains = n.putArray("mains");
        ArrayNode ages = n.putArray("mains_age_ms");
        for (int phase = 0; phase < 3; phase++) {
            Double a = mains(status, phase);
            if (a == null) {
                mains.addNull();
            } else {
                mains.add(a);
            }
            Long age = phase < status.mainsAgeMs().size() ? status.mainsAgeMs().get(phase) : null;
            if (age == null) {
                ages.addNull();
            } else {
                ages.add(age);
            }
        }
        n.put("breaker", status.breaker());
        ChargerStatus p = status.chargers().isEmpty() ? null : status.primary();
        n.put("c_limit", p == null ? null : p.cLimit());
        n.put("c_min_limit", p == null ? null : p.cMinLimit());
        n.put("max_charging_current", p == null ? null : p.maxChargingCurrent());
        n.put("pilot_current", p == null ? null : p.pilotCurrent());
        n.put("charging_current", p == null ? null : p.chargingCurrent());
        n.put("active_phases", p == null ? null : p.activePhases());
        n.put("no_of_phases", p == null ? null : p.noOfPhases());
        n.put("power", p == null ? null : p.power());
        n.put("energy", p == null ? null : p.energy());
        n.put("enable", p == null ? null : p.enable());
        n.put("enable_intent", p == null ? null : p.enableIntent());
        n.put("evse_state", p == null ? null : p.evseState());
        n.put("state", p == null ? null : p.state());
        n.put("connection", p == null ? null : p.connection());
        n.put("plugandcharge", setting(status, "plugandcharge"));
        n.put("dinamics", setting(status, "dinamics"));
        n.put("nwpc", setting(status, "nwpc"));
        n.put("failsafe", status.failsafe());
        n.put("stop_reason", p == null ? null : p.stopReason());
        n.put("t_limit", p == null ? null : p.tLimit());
        n.put("e_limit", p == null ? null : p.eLimit());
        n.put("e_limit_kwh", p == null ? null : p.eLimitKwh());
        n.put("delay_timer", p == null ? null : p.delayTimer());
        ArrayNode chargers = n.putArray("chargers");
        for (ChargerStatus c : status.chargers()) {
            ObjectNode o = chargers.addObject();
            o.put("id", c.id());
            o.put("priority", c.priority());
            o.put("enable", c.enable());
            o.put("enable_intent", c.enableIntent());
            o.put("state", c.state());
            o.put("evse_state", c.evseState());
            o.put("connection", c.connection());
            o.put("charging_current", c.chargingCurrent());
            o.put("pilot_current", c.pilotCurrent());
            o.put("max_charging_current", c.maxChargingCurrent());
            o.put("active_phases", c.activePhases());
            o.put("no_of_phases", c.noOfPhases());
            o.put("power", c.power());
            o.put("energy", c.energy());
            o.put("c_limit", c.cLimit());
            o.put("c_min_limit", c.cMinLimit());
            o.put("t_limit", c.tLimit());
            o.put("e_limit", c.eLimit());
            o.put("e_limit_kwh", c.eLimitKwh());
            o.put("delay_timer", c.delayTimer());
            o.put("stop_reason", c.stopReason());
        }
        return Formats.json(n);
    }
}
