package me.napolni.dinamics.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import me.napolni.dinamics.core.device.ChargerStatus;
import me.napolni.dinamics.core.device.DeviceStatus;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.SettingScope;

/** JSON for the API, with the field names of the MQTT {@code snapshot} (TOPICS.md 7.1). */
final class StatusJson {

    /** Strict: duplicate keys and anything after the value are malformed. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StatusJson() {
    }

    static JsonNode parse(byte[] body) throws IOException {
        return MAPPER.readTree(body);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The snapshot: site fields, the primary charger's fields at the top level, and every charger. */
    static ObjectNode status(DeviceStatus status) {
        ObjectNode json = object();
        json.put("ts", status.tsMs());
        json.put("serial", status.serial());
        json.put("fw", status.fw());
        ArrayNode mains = json.putArray("mains");
        status.mains().forEach(mains::add);
        ArrayNode ages = json.putArray("mains_age_ms");
        status.mainsAgeMs().forEach(ages::add);
        json.put("breaker", status.breaker());
        ChargerStatus primary = status.chargers().isEmpty() ? null : status.primary();
        if (primary != null) {
            json.put("c_limit", primary.cLimit());
            json.put("c_min_limit", primary.cMinLimit());
            json.put("max_charging_current", primary.maxChargingCurrent());
            json.put("pilot_current", primary.pilotCurrent());
            json.put("charging_current", primary.chargingCurrent());
            json.put("active_phases", primary.activePhases());
            json.put("no_of_phases", primary.noOfPhases());
            json.put("power", primary.power());
            json.put("energy", primary.energy());
            json.put("enable", primary.enable());
            json.put("enable_intent", primary.enableIntent());
            json.put("evse_state", primary.evseState());
            json.put("state", primary.state());
            json.put("connection", primary.connection());
        }
        Map<String, Long> settings = status.settings();
        json.put("plugandcharge", settings.get(SettingKey.PLUGANDCHARGE.key()));
        json.put("dinamics", settings.get(SettingKey.DINAMICS.key()));
        json.put("nwpc", settings.get(SettingKey.NWPC.key()));
        json.put("failsafe", status.failsafe());
        if (primary != null) {
            json.put("stop_reason", primary.stopReason());
            json.put("t_limit", primary.tLimit());
            json.put("e_limit", primary.eLimit());
            json.put("e_limit_kwh", primary.eLimitKwh());
            json.put("delay_timer", primary.delayTimer());
        }
        ArrayNode thermal = json.putArray("thermal_pct");
        status.thermalPct().forEach(thermal::add);
        ArrayNode chargers = json.putArray("chargers");
        for (ChargerStatus charger : status.chargers()) {
            chargers.add(charger(charger));
        }
        return json;
    }

    static ObjectNode charger(ChargerStatus charger) {
        ObjectNode json = object();
        json.put("id", charger.id());
        json.put("priority", charger.priority());
        json.put("enable", charger.enable());
        json.put("enable_intent", charger.enableIntent());
        json.put("state", charger.state());
        json.put("evse_state", charger.evseState());
        json.put("connection", charger.connection());
        json.put("charging_current", charger.chargingCurrent());
        json.put("pilot_current", charger.pilotCurrent());
        json.put("max_charging_current", charger.maxChargingCurrent());
        json.put("active_phases", charger.activePhases());
        json.put("no_of_phases", charger.noOfPhases());
        json.put("power", charger.power());
        json.put("energy", charger.energy());
        json.put("c_limit", charger.cLimit());
        json.put("c_min_limit", charger.cMinLimit());
        json.put("t_limit", charger.tLimit());
        json.put("e_limit", charger.eLimit());
        json.put("e_limit_kwh", charger.eLimitKwh());
        json.put("delay_timer", charger.delayTimer());
        json.put("stop_reason", charger.stopReason());
        return json;
    }

    /** The settings in force: the site's and the primary charger's, the delay timer as text. */
    static ObjectNode settings(DeviceStatus status) {
        ObjectNode json = object();
        for (Map.Entry<String, Long> entry : new java.util.TreeMap<>(status.settings()).entrySet()) {
            json.put(entry.getKey(), entry.getValue());
        }
        if (!status.chargers().isEmpty()) {
            ChargerStatus primary = status.primary();
            json.put(SettingKey.C_LIMIT.key(), primary.cLimit());
            json.put(SettingKey.C_MIN_LIMIT.key(), primary.cMinLimit());
            json.put(SettingKey.PRIORITY.key(), primary.priority());
            json.put(SettingKey.DELAY_TIMER.key(), primary.delayTimer());
        }
        return json;
    }

    /** Settings the form and {@code PUT /api/settings} change: the contract's stored ones except the intent. */
    static boolean isEditable(SettingKey key) {
        return key.hasTopic() && key.scope() != SettingScope.COMMAND && key != SettingKey.ENABLE;
    }

    /** Keys {@code POST /api/command} takes: one charger's commands and settings. */
    static boolean isCommand(SettingKey key) {
        return key.hasTopic() && key.scope() != SettingScope.SITE;
    }

    /** Every key with its unit and range, straight from the core's table. */
    static ObjectNode schema() {
        ObjectNode json = object();
        ArrayNode keys = json.putArray("settings");
        for (SettingKey key : SettingKey.values()) {
            if (!key.hasTopic()) {
                continue;
            }
            ObjectNode entry = keys.addObject();
            entry.put("key", key.key());
            entry.put("unit", key.unit().symbol());
            entry.put("scope", key.scope().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("editable", isEditable(key));
            entry.put("command", isCommand(key));
            if (key == SettingKey.DELAY_TIMER) {
                entry.put("default", "off");
            } else {
                entry.put("min", key.minimum());
                entry.put("max", key.maximum());
                entry.put("default", key.defaultValue());
            }
            entry.put("expected", key.expected());
        }
        return json;
    }

    /** One chart point: time, mains per phase, the cars' current, the allowed current and the breaker. */
    static ObjectNode sample(long tsMs, DeviceStatus status) {
        ObjectNode json = object();
        json.put("ts", tsMs);
        ArrayNode mains = json.putArray("mains");
        for (int phase = 0; phase < SampleHistory.PHASES; phase++) {
            double amps = SampleHistory.mains(status, phase);
            putNumber(mains, amps);
        }
        putNumber(json, "car", SampleHistory.carAmps(status));
        putNumber(json, "limit", SampleHistory.limitAmps(status));
        json.put("breaker", status.breaker());
        return json;
    }

    static void putNumber(ObjectNode json, String name, double value) {
        if (Double.isNaN(value)) {
            json.putNull(name);
        } else {
            json.put(name, value);
        }
    }

    static void putNumber(ArrayNode json, double value) {
        if (Double.isNaN(value)) {
            json.addNull();
        } else {
            json.add(value);
        }
    }

    /** One error entry: the setting, the payload as received, the reason word and what is accepted. */
    static ObjectNode error(String key, String payload, String reason, String expected) {
        ObjectNode json = object();
        json.put("key", key);
        json.put("payload", payload);
        json.put("reason", reason);
        json.put("expected", expected);
        json.putNull("detail");
        return json;
    }

    static String errors(List<ObjectNode> errors) {
        ObjectNode json = object();
        json.putArray("errors").addAll(errors);
        return write(json);
    }

    static String error(String reason) {
        return errors(List.of(error(null, null, reason, null)));
    }
}
