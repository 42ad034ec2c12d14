package me.napolni.dinamics.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SettingsChangeTest {

    private static final long SEED = 0x5EEDL;

    private static List<SettingKey> storedKeys() {
        List<SettingKey> keys = new ArrayList<>();
        for (SettingKey key : SettingKey.values()) {
            if (key.scope() != SettingScope.COMMAND && key != SettingKey.DELAY_TIMER
                    && key != SettingKey.C_LIMIT && key != SettingKey.C_MIN_LIMIT) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Test
    void shouldUseTopicsDefaultsWhenNothingIsSet() {
        Settings settings = Settings.defaults();
        assertEquals(16, settings.breakerAmps());
        assertEquals(16, settings.cLimitAmps());
        assertEquals(6, settings.cMinLimitAmps());
        assertEquals(277, settings.calibration());
        assertEquals(27.7, settings.ical());
        assertEquals(2000, settings.timerMs(0));
        long[] seedTimers = {2000, 50000, 10000, 10000, 10000, 50000, 30000, 10000, 50000, 100000, 50000, 50000,
            100000, 1000, 10000};
        for (int n = 0; n <= SettingKey.LAST_TIMER; n++) {
            assertEquals(seedTimers[n], settings.timerMs(n), "timer" + n);
        }
        assertFalse(settings.plugAndCharge());
        assertTrue(settings.dynamic());
        assertFalse(settings.nwpc());
        assertEquals(10_000, settings.staleAfterMs());
        assertEquals(EnableIntent.NONE, settings.enableIntent());
        assertEquals(5, settings.primary().priority());
        assertTrue(settings.primary().delayTimer().isOff());
        assertEquals("1", settings.primary().id());
    }

    @Test
    void shouldApplyEveryValueWhenAllAreValid() {
        ChangeResult result = Settings.defaults().change()
                .set(SettingKey.BREAKER, 25).set(SettingKey.C_LIMIT, 10).set(SettingKey.C_MIN_LIMIT, 8)
                .set(SettingKey.TIMER1, 1234).set(SettingKey.ENABLE, 3).apply();
        assertTrue(result.ok(), result.violations().toString());
        Settings settings = result.settings();
        assertEquals(25, settings.breakerAmps());
        assertEquals(10, settings.cLimitAmps());
        assertEquals(8, settings.cMinLimitAmps());
        assertEquals(1234, settings.timerMs(1));
        assertEquals(EnableIntent.SLEEP, settings.enableIntent());
        assertEquals(16, Settings.defaults().breakerAmps(), "the defaults are not touched");
    }

    @Test
    void shouldRefuseInconsistentWhenMinimumAboveCap() {
        Settings base = Settings.defaults().with(SettingKey.C_MIN_LIMIT, 10);
        ChangeResult lowCap = base.change().set(SettingKey.C_LIMIT, 8).apply();
        assertEquals(List.of(new Violation(SettingKey.C_LIMIT, Violation.INCONSISTENT, "10..32")),
                lowCap.violations());
        assertSame(base, lowCap.settings());
        ChangeResult highMin = base.change().set(SettingKey.C_MIN_LIMIT, 20).apply();
        assertEquals(List.of(new Violation(SettingKey.C_MIN_LIMIT, Violation.INCONSISTENT, "6..16")),
                highMin.violations());
        assertTrue(base.change().set(SettingKey.C_LIMIT, 8).set(SettingKey.C_MIN_LIMIT, 8).apply().ok(),
                "lowering both together is consistent");
        assertThrows(IllegalArgumentException.class, () -> base.with(SettingKey.C_LIMIT, 8));
    }

    @Test
    void shouldKeepChargersApartWhenSeveralShareTheBreaker() {
        Settings settings = Settings.defaults(List.of("garage", "street"))
                .with("street", SettingKey.PRIORITY, 9).with("street", SettingKey.C_LIMIT, 32);
        assertEquals(5, settings.charger("garage").priority());
        assertEquals(9, settings.charger("street").priority());
        assertEquals(16, settings.cLimitAmps(), "root keys act on the primary");
        assertEquals(32, settings.charger("street").cLimitAmps());
        assertThrows(IllegalArgumentException.class, () -> settings.change().set("nope", SettingKey.PRIORITY, 1));
        assertThrows(IllegalArgumentException.class, () -> settings.change().set("garage", SettingKey.BREAKER, 20));
        assertThrows(IllegalArgumentException.class, () -> settings.change().set(SettingKey.T_LIMIT, 2));
        assertThrows(IllegalArgumentException.class, () -> Settings.defaults(List.of("a", "a")));
        assertEquals(Settings.defaults(List.of("garage", "street")), settings.resetToDefaults());
    }

    @Test
    void shouldApplyFloorsWhenTimersAreTiny() {
        Settings settings = Settings.defaults().with(SettingKey.TIMER, 1).with(SettingKey.TIMER11, 1)
                .with(SettingKey.TIMER1, 1);
        assertEquals(1, settings.timerMs(0));
        assertEquals(Settings.POLL_TIMER_FLOOR_MS, settings.effectiveTimerMs(0));
        assertEquals(Settings.RECONNECT_TIMER_FLOOR_MS, settings.effectiveTimerMs(11));
        assertEquals(1, settings.effectiveTimerMs(1));
    }

    @Test
    void shouldApplyNothingAndListEveryBadValueWhenSomeAreOutOfRange() {
        List<SettingKey> keys = storedKeys();
        qt().withFixedSeed(SEED)
            .forAll(integers().between(0, (1 << 12) - 1), longs().between(-1_000_000_000L, 1_000_000_000L),
                    integers().between(0, keys.size() - 1))
            .checkAssert((mask, noise, forcedBad) -> {
                Map<SettingKey, Long> change = new EnumMap<>(SettingKey.class);
                Set<SettingKey> expectedBad = new TreeSet<>();
                for (int i = 0; i < keys.size(); i++) {
                    SettingKey key = keys.get(i);
                    boolean bad = i == forcedBad || ((mask >> (i % 12)) & 1) == 1 && (i + noise) % 3 == 0;
                    long value = bad ? outside(key, noise) : inside(key, noise);
                    change.put(key, value);
                    if (bad) {
                        expectedBad.add(key);
                    }
                }
                Settings base = Settings.defaults();
                ChangeResult result = base.apply(change);
                assertFalse(result.ok());
                assertSame(base, result.settings(), "nothing applied");
                Set<SettingKey> reported = new TreeSet<>();
                for (Violation violation : result.violations()) {
                    assertEquals(Violation.OUT_OF_RANGE, violation.reason());
                    assertEquals(violation.key().expected(), violation.expected());
                    reported.add(violation.key());
                }
                assertEquals(expectedBad, reported);
                assertEquals(expectedBad.size(), result.violations().size());
            });
    }

    @Test
    void shouldRejectEveryValueOutsideItsRange() {
        qt().withFixedSeed(SEED)
            .forAll(integers().between(0, SettingKey.values().length - 1), longs().all())
            .checkAssert((ordinal, value) -> {
                SettingKey key = SettingKey.values()[ordinal];
                if (key.scope() == SettingScope.COMMAND || key == SettingKey.DELAY_TIMER) {
                    return;
                }
                ChangeResult result = Settings.defaults().change().set(key, value).apply();
                boolean inRange = value >= key.minimum() && value <= key.maximum();
                boolean consistent = key != SettingKey.C_LIMIT || value >= 6;
                boolean minConsistent = key != SettingKey.C_MIN_LIMIT || value <= 16;
                assertEquals(inRange && consistent && minConsistent, result.ok(), key + "=" + value);
                if (result.ok()) {
                    assertEquals(value, result.settings().value(key));
                } else {
                    assertSame(Settings.defaults(), result.settings());
                }
            });
    }

    private static long inside(SettingKey key, long noise) {
        return key.minimum() + Math.floorMod(noise, key.maximum() - key.minimum() + 1);
    }

    private static long outside(SettingKey key, long noise) {
        long distance = 1 + Math.floorMod(noise, 1_000_000L);
        return noise % 2 == 0 ? key.maximum() + distance : key.minimum() - distance;
    }
}
