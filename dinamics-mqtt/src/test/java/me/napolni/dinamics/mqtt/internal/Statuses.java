package me.napolni.dinamics.mqtt.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import me.napolni.dinamics.core.device.ChargerStatus;
import me.napolni.dinamics.core.device.DeviceStatus;

/** Builds status snapshots for the unit tests. */
final class Statuses {

    private Statuses() {
    }

    static ChargerStatus charger(String id, Double chargingA, Long powerW, Long energyWh, int activePhases) {
        return new ChargerStatus(id, 5, 2, 2, 1, 3, "OK", chargingA, 16, 16, activePhases,
                activePhases == 0 ? 0 : Integer.toString(activePhases).length(), powerW, energyWh, 16, 6, null, null,
                null, "off", null);
    }

    static DeviceStatus status(List<Double> mains, Map<String, Long> settings, ChargerStatus... chargers) {
        List<Long> ages = new ArrayList<>();
        for (Double m : mains) {
            ages.add(m == null ? null : 100L);
        }
        return new DeviceStatus(1_700_000_000_000L, "S", "0.1.0", mains, ages, 16, "off", null,
                new HashMap<>(settings), List.of(chargers));
    }

    static DeviceStatus simple(double l1, double car, long power, long energy) {
        return status(List.of(l1, 0.0, 0.0), Map.of(), charger("1", car, power, energy, 1));
    }
}
