package me.napolni.dinamics.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import me.napolni.dinamics.core.device.ChargerStatus;
import me.napolni.dinamics.core.device.CommandResult;
import me.napolni.dinamics.core.device.DeviceControl;
import me.napolni.dinamics.core.device.DeviceListener;
import me.napolni.dinamics.core.device.DeviceStatus;
import me.napolni.dinamics.core.settings.ChangeResult;
import me.napolni.dinamics.core.settings.ChargerSettings;
import me.napolni.dinamics.core.settings.DelayTimer;
import me.napolni.dinamics.core.settings.ParseResult;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.SettingParser;
import me.napolni.dinamics.core.settings.SettingScope;
import me.napolni.dinamics.core.settings.Settings;
import me.napolni.dinamics.core.settings.SettingsChange;
import me.napolni.dinamics.core.settings.Violation;

/**
 * A small gateway for tests: settings validated by the core's table, a status the test changes at will, and a
 * record of every change it accepted.
 */
public final class FakeDevice implements DeviceControl {

    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> accepted = new CopyOnWriteArrayList<>();
    private volatile Settings settings;
    private volatile Double[] mains = {4.0, 5.5, 3.25};
    private volatile double chargingCurrent = 10.0;
    private volatile int allowed = 16;
    private volatile int enable = 2;
    private volatile int evseState = 3;
    private volatile String failsafe = "off";
    private volatile String connection = "OK";
    private volatile long tsMs = 1_767_225_600_000L;
    private boolean household;
    private volatile int failingReads;
    private volatile boolean storageFull;
    private long step;

    /** A single-charger site. */
    public FakeDevice() {
        this(List.of(ChargerSettings.PRIMARY_ID));
    }

    /** A site with these chargers, the first the primary. */
    public FakeDevice(List<String> chargerIds) {
        settings = Settings.defaults(chargerIds);
    }

    /** Every accepted change, oldest first: key to value as applied. */
    public List<Map<String, String>> accepted() {
        return Collections.unmodifiableList(new ArrayList<>(accepted));
    }

    public Settings settings() {
        return settings;
    }

    public void mains(Double l1, Double l2, Double l3) {
        mains = new Double[] {l1, l2, l3};
        tsMs += 1000;
    }

    public void chargingCurrent(double amps) {
        chargingCurrent = amps;
    }

    public void failsafe(String word) {
        failsafe = word;
        DeviceStatus now = status();
        listeners.forEach(listener -> listener.onStatusChanged(now));
    }

    /** Replaces the settings in force, as a restart with stored settings would. */
    public void useSettings(Settings newSettings) {
        settings = newSettings;
    }

    /**
     * Makes every status read advance a synthetic household by one step: three phases of varying load with a
     * hob switching on and off, and a car that follows the headroom. Deterministic: it depends only on the
     * number of reads.
     */
    public synchronized void household(boolean on) {
        household = on;
    }

    private synchronized void advanceHousehold() {
        if (!household) {
            return;
        }
        step++;
        double hob = step % 60 < 14 ? 8.5 : 0;
        double[] house = {5 + 2.5 * Math.sin(step / 7.0) + hob, 3.5 + 1.5 * Math.sin(step / 5.0 + 1),
            6 + 3 * Math.sin(step / 11.0 + 2)};
        double worst = Math.max(house[0], Math.max(house[1], house[2]));
        int headroom = (int) Math.floor(settings.breakerAmps() - 1 - worst);
        allowed = Math.max(0, Math.min(settings.cLimitAmps(), headroom));
        double car = allowed < 6 ? 0 : allowed * 0.96;
        chargingCurrent = Math.round(car * 100) / 100.0;
        mains = new Double[] {round(house[0] + car), round(house[1] + car), round(house[2] + car)};
        tsMs += 1000;
    }

    private static double round(double amps) {
        return Math.round(amps * 100) / 100.0;
    }

    /** Makes the next reads of the status throw, as a faulty gateway might. */
    /** Makes every setting change fail as the gateway's does when its disk is full. */
    public void storageFull(boolean full) {
        storageFull = full;
    }

    public void failReads(int count) {
        failingReads = count;
    }

    public void connection(String word) {
        connection = word;
    }

    public void evseState(int state) {
        evseState = state;
    }

    @Override
    public DeviceStatus status() {
        if (failingReads > 0) {
            failingReads--;
            throw new IllegalStateException("simulated gateway fault");
        }
        advanceHousehold();
        Settings now = settings;
        Map<String, Long> values = new LinkedHashMap<>();
        for (SettingKey key : SettingKey.values()) {
            if (key.scope() == SettingScope.SITE) {
                values.put(key.key(), now.value(key));
            }
        }
        List<ChargerStatus> chargers = new ArrayList<>();
        boolean first = true;
        for (ChargerSettings charger : now.chargers()) {
            int cLimit = charger.cLimitAmps();
            // the primary charges; the others stand ready with no car
            int intent = charger.enableIntent().code();
            chargers.add(new ChargerStatus(charger.id(), charger.priority(), first ? enable : intent == 0 ? 2 : intent,
                    intent == 0 ? null : intent, first ? 1 : 0, first ? evseState : 1, connection,
                    first ? chargingCurrent : 0.0, Math.min(allowed, cLimit), first ? Math.min(allowed, cLimit) : 0,
                    first ? 123 : 0, first ? 3 : 0, first ? (long) (chargingCurrent * 230 * 3) : 0L,
                    first ? 4200L : 0L, cLimit, charger.cMinLimitAmps(), null, null, null,
                    charger.delayTimer().payload(), first ? null : "no_car"));
            first = false;
        }
        return new DeviceStatus(tsMs, "TESTSERIAL01", "0.1.0", Arrays.asList(mains), Arrays.asList(120L, 130L, 140L),
                now.breakerAmps(), failsafe, null, values, chargers);
    }

    @Override
    public CompletionStage<CommandResult> set(String chargerId, String key, long value) {
        String id = chargerId == null ? settings.primary().id() : chargerId;
        SettingKey setting = SettingKey.ofKey(key).orElse(null);
        if (setting == null) {
            return done(CommandResult.rejected("unknown_key", null, null));
        }
        if (setting.scope() == SettingScope.COMMAND) {
            if (!setting.accepts(value)) {
                return done(CommandResult.rejected(Violation.OUT_OF_RANGE, setting.expected(), null));
            }
            if (evseState != 2 && evseState != 3) {
                return done(CommandResult.rejected("not_charging", null, null));
            }
            record(Map.of(key, Long.toString(value)));
            return done(CommandResult.accepted(value));
        }
        SettingsChange change = settings.change();
        if (setting.scope() == SettingScope.CHARGER) {
            change.set(id, setting, value);
        } else {
            change.set(setting, value);
        }
        ChangeResult result = change.apply();
        if (!result.ok()) {
            Violation first = result.violations().get(0);
            return done(CommandResult.rejected(first.reason(), first.expected(), null));
        }
        if (storageFull) {
            return done(CommandResult.rejected("storage_error", null, "disk_full"));
        }
        settings = result.settings();
        if (setting == SettingKey.ENABLE && id.equals(settings.primary().id())) {
            enable = (int) value;
        }
        record(Map.of(key, Long.toString(value)));
        listeners.forEach(listener -> listener.onSettingChanged(id, key, Long.toString(value)));
        return done(CommandResult.accepted(value));
    }

    @Override
    public CompletionStage<CommandResult> setAll(Map<String, Long> values) {
        Map<String, CommandResult> violations = validate(values);
        if (!violations.isEmpty()) {
            return done(violations.values().iterator().next());
        }
        if (storageFull) {
            return done(CommandResult.rejected("storage_error", null, "disk_full"));
        }
        Map<SettingKey, Long> typed = new LinkedHashMap<>();
        values.forEach((key, value) -> typed.put(SettingKey.ofKey(key).orElseThrow(), value));
        settings = settings.apply(typed).settings();
        Map<String, String> record = new LinkedHashMap<>();
        values.forEach((key, value) -> record.put(key, Long.toString(value)));
        record(record);
        values.forEach((key, value) -> listeners.forEach(listener -> listener.onSettingChanged(null, key,
                Long.toString(value))));
        return done(CommandResult.accepted((String) null));
    }

    @Override
    public Map<String, CommandResult> validate(Map<String, Long> values) {
        Map<String, CommandResult> found = new LinkedHashMap<>();
        SettingsChange change = settings.change();
        for (Map.Entry<String, Long> entry : values.entrySet()) {
            SettingKey key = SettingKey.ofKey(entry.getKey()).orElse(null);
            if (key == null || key.scope() == SettingScope.COMMAND) {
                found.put(entry.getKey(), CommandResult.rejected("unknown_key", null, null));
            } else {
                change.set(key, entry.getValue());
            }
        }
        for (Violation violation : change.violations()) {
            found.putIfAbsent(violation.key().key(),
                    CommandResult.rejected(violation.reason(), violation.expected(), null));
        }
        return found;
    }

    @Override
    public CompletionStage<CommandResult> setDelayTimer(String chargerId, String spec) {
        ParseResult parsed = SettingParser.parse(SettingKey.DELAY_TIMER, spec);
        if (!parsed.ok()) {
            return done(CommandResult.rejected(parsed.violation().reason(), parsed.violation().expected(), null));
        }
        String id = chargerId == null ? settings.primary().id() : chargerId;
        settings = settings.with(id, SettingKey.DELAY_TIMER, parsed.value());
        String payload = DelayTimer.decode(parsed.value()).payload();
        record(Map.of("delay_timer", payload));
        return done(CommandResult.accepted(payload));
    }

    @Override
    public CompletionStage<CommandResult> rapiRequest(String chargerId, String command) {
        return done(CommandResult.rejected("not_allowed", "allowlist", null));
    }

    @Override
    public CompletionStage<CommandResult> update(boolean spiffs) {
        return done(CommandResult.rejected("not_configured", null, null));
    }

    @Override
    public CompletionStage<CommandResult> resetSettings() {
        settings = settings.resetToDefaults();
        return done(CommandResult.accepted((String) null));
    }

    @Override
    public void addListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        listeners.remove(listener);
    }

    public int listenerCount() {
        return listeners.size();
    }

    private void record(Map<String, String> change) {
        accepted.add(Map.copyOf(change));
    }

    private static CompletionStage<CommandResult> done(CommandResult result) {
        return CompletableFuture.completedFuture(result);
    }
}
