package me.napolni.dinamics.mqtt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import me.napolni.dinamics.core.device.ChargerStatus;
import me.napolni.dinamics.core.device.CommandResult;
import me.napolni.dinamics.core.device.DeviceControl;
import me.napolni.dinamics.core.device.DeviceListener;
import me.napolni.dinamics.core.device.DeviceStatus;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.SettingScope;

/**
 * A gateway double: records every call, validates with the core's settings table, keeps a settable status, and
 * fires listener events the way the gateway does (setting changed, enable ack).
 */
final class FakeDevice implements DeviceControl {

    private static final long C_LIMIT_MAX = 32;
    private static final long C_MIN_LIMIT_MIN = 6;

    /** A mutable charger; {@link #status()} freezes it. */
    static final class Charger {
        final String id;
        int priority = 5;
        Integer enable = 2;
        Integer enableIntent = 2;
        int state = 1;
        Integer evseState = 3;
        String connection = "OK";
        Double chargingCurrent = 7.25;
        Integer pilotCurrent = 16;
        Integer maxChargingCurrent = 16;
        int activePhases = 1;
        int noOfPhases = 1;
        Long power = 1668L;
        Long energy = 1200L;
        int cLimit = 16;
        int cMinLimit = 6;
        Integer tLimit;
        Integer eLimit;
        String delayTimer = "off";
        String stopReason;

        Charger(String id) {
            this.id = id;
        }

        ChargerStatus freeze() {
            return new ChargerStatus(id, priority, enable, enableIntent, state, evseState, connection,
                    chargingCurrent, pilotCurrent, maxChargingCurrent, activePhases, noOfPhases, power, energy, cLimit,
                    cMinLimit, tLimit, eLimit, eLimit == null ? null : (double) eLimit * Math.max(noOfPhases, 1),
                    delayTimer, stopReason);
        }
    }

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    final Map<String, CommandResult> forcedResults = new ConcurrentHashMap<>();
    final Map<String, String> rapiReplies = new ConcurrentHashMap<>();
    volatile CommandResult updateResult = CommandResult.rejected("not_configured", "1", null);
    volatile List<Double> mains = new ArrayList<>(List.of(10.0, 5.555, 0.004));
    volatile String failsafe = "off";
    volatile boolean sendListenerEvents = true;
    /** When true, set() never completes: the command waits forever (for the overload test). */
    volatile boolean hang;
    final Map<String, Long> settings = new ConcurrentHashMap<>();
    final List<Charger> chargers = new CopyOnWriteArrayList<>();

    FakeDevice(String... chargerIds) {
        resetDefaults();
        for (String id : chargerIds) {
            chargers.add(new Charger(id));
        }
        if (chargers.isEmpty()) {
            chargers.add(new Charger("1"));
        }
    }

    private void resetDefaults() {
        for (SettingKey k : SettingKey.values()) {
            if (k.scope() == SettingScope.SITE && k.hasTopic()) {
                settings.put(k.key(), k.defaultValue());
            }
        }
    }

    Charger charger(String id) {
        if (id == null) {
            return chargers.get(0);
        }
        for (Charger c : chargers) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        return null;
    }

    void clearCalls() {
        calls.clear();
    }

    @Override
    public DeviceStatus status() {
        List<Double> m = new ArrayList<>(mains);
        List<Long> ages = new ArrayList<>();
        for (Double d : m) {
            ages.add(d == null ? null : 120L);
        }
        List<ChargerStatus> list = new ArrayList<>();
        for (Charger c : chargers) {
            list.add(c.freeze());
        }
        return new DeviceStatus(1_700_000_000_000L, "ignored", "0.1.0", m, ages, settings.get("breaker").intValue(),
                failsafe, null, new HashMap<>(settings), list);
    }

    @Override
    public synchronized CompletionStage<CommandResult> set(String chargerId, String key, long value) {
        calls.add("set " + chargerId + " " + key + " " + value);
        if (hang) {
            return new CompletableFuture<>();
        }
        CommandResult forced = forcedResults.get(key);
        if (forced != null) {
            return CompletableFuture.completedFuture(forced);
        }
        SettingKey k = SettingKey.ofKey(key).orElse(null);
        if (k == null) {
            return done(CommandResult.rejected("unsupported", null, "no such key"));
        }
        if (!k.accepts(value)) {
            return done(CommandResult.rejected("out_of_range", k.expected(), null));
        }
        Charger c = charger(chargerId);
        if (k.scope() != SettingScope.SITE && c == null) {
            return done(CommandResult.rejected("out_of_range", null, "no charger " + chargerId));
        }
        switch (key) {
            case "enable":
                c.enableIntent = (int) value;
                c.enable = (int) value;
                fireEnable(c.id, (int) value);
                return done(CommandResult.accepted(value));
            case "c_limit":
                if (value < c.cMinLimit) {
                    // expected: what would be accepted now, as the gateway answers (docs/mqtt.md 7)
                    return done(CommandResult.rejected("inconsistent", c.cMinLimit + ".." + C_LIMIT_MAX,
                            "c_min_limit " + c.cMinLimit));
                }
                c.cLimit = (int) value;
                break;
            case "c_min_limit":
                if (value > c.cLimit) {
                    return done(CommandResult.rejected("inconsistent", C_MIN_LIMIT_MIN + ".." + c.cLimit,
                            "c_limit " + c.cLimit));
                }
                c.cMinLimit = (int) value;
                break;
            case "priority":
                c.priority = (int) value;
                break;
            case "t_limit":
            case "e_limit":
                if (!"OK".equals(c.connection)) {
                    return done(CommandResult.rejected("evse_offline", k.expected(), null));
                }
                if (c.evseState == null || (c.evseState != 2 && c.evseState != 3)) {
                    return done(CommandResult.rejected("not_charging", k.expected(), null));
                }
                if (key.equals("t_limit")) {
                    c.tLimit = (int) value;
                } else {
                    c.eLimit = (int) value;
                }
                return done(CommandResult.accepted(value));
            default:
                settings.put(key, value);
                fireSetting(null, key, Long.toString(value));
                return done(CommandResult.accepted(value));
        }
        fireSetting(c.id, key, Long.toString(value));
        return done(CommandResult.accepted(value));
    }

    private static CompletionStage<CommandResult> done(CommandResult r) {
        return CompletableFuture.completedFuture(r);
    }

    void fireSetting(String chargerId, String key, String value) {
        if (sendListenerEvents) {
            for (DeviceListener l : listeners) {
                l.onSettingChanged(chargerId, key, value);
            }
        }
    }

    void fireEnable(String chargerId, int enable) {
        if (sendListenerEvents) {
            for (DeviceListener l : listeners) {
                l.onEnableAck(chargerId, enable);
            }
        }
    }

    void fireStatusChanged() {
        DeviceStatus s = status();
        for (DeviceListener l : listeners) {
            l.onStatusChanged(s);
        }
    }

    @Override
    public CompletionStage<CommandResult> setAll(Map<String, Long> values) {
        calls.add("setAll " + new LinkedHashMap<>(values));
        Map<String, CommandResult> v = validate(values);
        if (!v.isEmpty()) {
            return done(v.values().iterator().next());
        }
        settings.putAll(values);
        return done(CommandResult.accepted(null));
    }

    @Override
    public Map<String, CommandResult> validate(Map<String, Long> values) {
        Map<String, CommandResult> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : values.entrySet()) {
            SettingKey k = SettingKey.ofKey(e.getKey()).orElse(null);
            if (k == null || !k.accepts(e.getValue())) {
                out.put(e.getKey(), CommandResult.rejected("out_of_range", k == null ? null : k.expected(), null));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public CompletionStage<CommandResult> setDelayTimer(String chargerId, String spec) {
        calls.add("delay_timer " + chargerId + " " + spec);
        Charger c = charger(chargerId);
        c.delayTimer = spec.equals("0") ? "off" : spec;
        fireSetting(c.id, "delay_timer", c.delayTimer);
        return done(CommandResult.accepted(c.delayTimer));
    }

    @Override
    public CompletionStage<CommandResult> rapiRequest(String chargerId, String command) {
        calls.add("rapi " + chargerId + " " + command);
        String reply = rapiReplies.get(command);
        if (reply == null) {
            return done(CommandResult.rejected("evse_timeout", "allowlist", null));
        }
        return done(CommandResult.accepted(reply));
    }

    @Override
    public CompletionStage<CommandResult> update(boolean spiffs) {
        calls.add("update " + spiffs);
        return done(updateResult);
    }

    @Override
    public CompletionStage<CommandResult> resetSettings() {
        calls.add("reset");
        resetDefaults();
        for (Charger c : chargers) {
            c.cLimit = 16;
            c.cMinLimit = 6;
            c.priority = 5;
            c.delayTimer = "off";
            c.enableIntent = null;
        }
        return done(CommandResult.accepted(null));
    }

    @Override
    public void addListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        listeners.remove(listener);
    }
}
