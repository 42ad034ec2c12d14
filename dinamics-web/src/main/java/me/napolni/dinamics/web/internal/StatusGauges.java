package me.napolni.dinamics.web.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import me.napolni.dinamics.core.device.ChargerStatus;
import me.napolni.dinamics.core.device.DeviceStatus;

/**
 * Gauges read from the latest status snapshot at scrape time; a charger's gauges appear when it is first seen.
 * Unknown values read as NaN, which Prometheus shows as such.
 */
final class StatusGauges {

    private static final String[] PHASE_NAMES = {"L1", "L2", "L3"};

    private final MeterRegistry registry;
    private final AtomicReference<DeviceStatus> latest;
    private final Set<String> chargersSeen = ConcurrentHashMap.newKeySet();

    StatusGauges(MeterRegistry registry, AtomicReference<DeviceStatus> latest) {
        this.registry = registry;
        this.latest = latest;
        for (int phase = 0; phase < PHASE_NAMES.length; phase++) {
            final int index = phase;
            Gauge.builder("dinamics.mains.current", latest, ref -> SampleHistory.mains(ref.get(), index))
                    .tag("phase", PHASE_NAMES[phase]).baseUnit("amps")
                    .description("Mains current per phase, house and cars").register(registry);
        }
        Gauge.builder("dinamics.breaker.rating", latest, ref -> ref.get().breaker()).baseUnit("amps")
                .description("Main breaker rating per phase").register(registry);
        Gauge.builder("dinamics.failsafe.active", latest, ref -> "off".equals(ref.get().failsafe()) ? 0 : 1)
                .description("1 while a failsafe holds the current (stale readings, no readings, link lost)")
                .register(registry);
        Gauge.builder("dinamics.mains.reading.age", latest, StatusGauges::oldestReadingMs).baseUnit("milliseconds")
                .description("Age of the oldest phase reading").register(registry);
        observe(latest.get());
    }

    /** Registers the gauges of chargers not seen before. */
    void observe(DeviceStatus status) {
        for (ChargerStatus charger : status.chargers()) {
            if (chargersSeen.add(charger.id())) {
                registerCharger(charger.id());
            }
        }
    }

    private void registerCharger(String id) {
        chargerGauge(id, "dinamics.charger.current", "amps", "The car's current as the charger measures it",
                c -> number(c.chargingCurrent()));
        chargerGauge(id, "dinamics.charger.allowed", "amps", "The current allowed now (the computed limit)",
                c -> number(c.maxChargingCurrent()));
        chargerGauge(id, "dinamics.charger.pilot", "amps", "The setpoint the car sees",
                c -> number(c.pilotCurrent()));
        chargerGauge(id, "dinamics.charger.limit", "amps", "The configured cap on the car's current (c_limit)",
                c -> c.cLimit());
        chargerGauge(id, "dinamics.charger.power", "watts", "Power drawn by the car", c -> number(c.power()));
        chargerGauge(id, "dinamics.charger.session.energy", "watt_hours", "Energy of the current session",
                c -> number(c.energy()));
        chargerGauge(id, "dinamics.charger.link.up", null, "1 while the serial link to the charger is OK",
                c -> "OK".equals(c.connection()) ? 1 : 0);
        chargerGauge(id, "dinamics.charger.evse.state", null, "EVSE state code (254 sleeping, 255 disabled)",
                c -> number(c.evseState()));
    }

    private void chargerGauge(String id, String name, String unit, String description,
            ToDoubleFunction<ChargerStatus> value) {
        Gauge.builder(name, latest, ref -> {
            ChargerStatus charger = find(ref.get(), id);
            return charger == null ? Double.NaN : value.applyAsDouble(charger);
        }).tag("charger", id).baseUnit(unit).description(description).register(registry);
    }

    private static ChargerStatus find(DeviceStatus status, String id) {
        for (ChargerStatus charger : status.chargers()) {
            if (charger.id().equals(id)) {
                return charger;
            }
        }
        return null;
    }

    private static double oldestReadingMs(AtomicReference<DeviceStatus> ref) {
        double oldest = Double.NaN;
        for (Long age : ref.get().mainsAgeMs()) {
            if (age != null && (Double.isNaN(oldest) || age > oldest)) {
                oldest = age;
            }
        }
        return oldest;
    }

    private static double number(Number value) {
        return value == null ? Double.NaN : value.doubleValue();
    }
}
