package me.napolni.dinamics.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import me.napolni.dinamics.mqtt.internal.Outgoing.MessageClass;

class StatusViewTest {

    private static List<String> topics(List<Outgoing> out) {
        List<String> list = new ArrayList<>();
        for (Outgoing o : out) {
            list.add(o.topic() + "=" + o.payload());
        }
        return list;
    }

    @Test
    void shouldPublishCurrentOnlyWhenChangedByAtLeast15Hundredths() {
        StatusView view = new StatusView("S");
        assertTrue(topics(view.telemetry(Statuses.simple(10.00, 5.0, 1000, 10))).contains("current1=10.00"));
        assertFalse(topics(view.telemetry(Statuses.simple(10.14, 5.0, 1000, 10))).contains("current1=10.14"));
        assertTrue(topics(view.telemetry(Statuses.simple(10.15, 5.0, 1000, 10))).contains("current1=10.15"),
                "0.15 A is enough");
        assertFalse(topics(view.telemetry(Statuses.simple(10.01, 5.0, 1000, 10))).toString().contains("current1"),
                "compared with the last sent value, 10.15");
        assertTrue(topics(view.telemetry(Statuses.simple(10.00, 5.0, 1000, 10))).contains("current1=10.00"));
    }

    @Test
    void shouldPublishChargingCurrentAndPowerWithTheirThresholds() {
        StatusView view = new StatusView("S");
        List<String> first = topics(view.telemetry(Statuses.simple(1, 7.25, 1668, 10)));
        assertTrue(first.containsAll(List.of("charging_current=7.25", "power=1668", "energy=10", "active_phases=1",
                "no_of_phases=1", "charger/1/charging_current=7.25", "charger/1/power=1668")), first.toString());
        List<String> second = topics(view.telemetry(Statuses.simple(1, 7.39, 1767, 10)));
        assertEquals(List.of(), second, "below 0.15 A and 100 W, energy unchanged: nothing");
        List<String> third = topics(view.telemetry(Statuses.simple(1, 7.40, 1768, 11)));
        assertTrue(third.containsAll(List.of("charging_current=7.40", "power=1768", "energy=11")), third.toString());
        assertFalse(third.toString().contains("active_phases"), "unchanged phases are not sent again");
    }

    @Test
    void shouldSendPhasesWithTheirCountWhenPhasesChange() {
        StatusView view = new StatusView("S");
        view.telemetry(Statuses.status(List.of(1.0, 1.0, 1.0), Map.of(), Statuses.charger("1", 1.0, 1L, 1L, 1)));
        List<String> out = topics(view.telemetry(Statuses.status(Arrays.asList(1.0, 1.0, 1.0), Map.of(),
                Statuses.charger("1", 1.0, 1L, 1L, 123))));
        assertEquals(List.of("active_phases=123", "no_of_phases=3", "charger/1/active_phases=123",
                "charger/1/no_of_phases=3"), out);
    }

    @Test
    void shouldSkipUnknownValuesAndRecordWhatGetStatusSent() {
        StatusView view = new StatusView("S");
        var status = Statuses.status(Arrays.asList(10.0, null, 2.5), Map.of(), Statuses.charger("1", 7.25, 1L, 1L, 1));
        List<Outgoing> answer = view.getStatus(status, null);
        assertEquals(List.of("current1=10.00", "current3=2.50", "max_charging_current=16", "charging_current=7.25",
                "active_phases=1"), topics(answer.subList(0, answer.size() - 1)));
        assertEquals("snapshot", answer.get(answer.size() - 1).topic());
        assertEquals(MessageClass.R, answer.get(0).kind());
        assertFalse(topics(view.telemetry(status)).contains("current1=10.00"), "the tick compares with get_status");
    }

    @Test
    void shouldPublishOnlyChangedStateWhenStatusChanges() {
        StatusView view = new StatusView("S");
        var status = Statuses.simple(1, 1, 1, 1);
        List<Outgoing> all = view.allState(status);
        assertTrue(topics(all).containsAll(List.of("breaker=16", "failsafe=off", "fwversion=0.1.0",
                "calibration=277", "timer14=10000", "enable=2", "charger/1/enable=2", "charger/1/priority=5",
                "delay_timer=off", "connection=OK", "evse_state=3", "state=1")), topics(all).toString());
        assertEquals(List.of(), view.stateChanges(status));
        var changed = Statuses.status(List.of(1.0, 0.0, 0.0), Map.of("calibration", 544L),
                Statuses.charger("1", 1.0, 1L, 1L, 1));
        assertEquals(List.of("calibration=544"), topics(view.stateChanges(changed)));
    }

    @Test
    void shouldWriteEveryFieldWhenBuildingSnapshot() throws Exception {
        StatusView view = new StatusView("SER");
        var status = Statuses.status(Arrays.asList(10.0, null, 2.5), Map.of(), Statuses.charger("1", 7.25, 1L, 1L, 1),
                Statuses.charger("2", null, null, null, 0));
        JsonNode j = Formats.JSON.readTree(view.snapshot(status));
        for (String field : List.of("ts", "serial", "fw", "mains", "mains_age_ms", "breaker", "c_limit",
                "c_min_limit", "max_charging_current", "pilot_current", "charging_current", "active_phases",
                "no_of_phases", "power", "energy", "enable", "enable_intent", "evse_state", "state", "connection",
                "plugandcharge", "dinamics", "nwpc", "failsafe", "stop_reason", "t_limit", "e_limit", "e_limit_kwh",
                "delay_timer", "chargers")) {
            assertTrue(j.has(field), field);
        }
        assertEquals("SER", j.get("serial").asText());
        assertEquals("[10.0,null,2.5]", j.get("mains").toString());
        assertEquals("[100,null,100]", j.get("mains_age_ms").toString());
        assertTrue(j.get("stop_reason").isNull());
        assertEquals(1, j.get("dinamics").asInt());
        assertEquals(2, j.get("chargers").size());
        assertEquals("2", j.get("chargers").get(1).get("id").asText());
        assertTrue(j.get("chargers").get(1).get("charging_current").isNull());
    }
}
