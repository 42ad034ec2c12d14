package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.Settings;

import java.nio.file.Path;
import java.util.List;

/**
 * A separate program for {@link SettingsStoreKillTest}: saves settings in a loop, printing each value once it is
 * saved, until it is killed.
 */
final class SettingsWriterLoop {

    private SettingsWriterLoop() {
    }

    static Settings settingsFor(int counter) {
        int breaker = 6 + Math.floorMod(counter, 95);
        return Settings.defaults(List.of("1", "garage"))
                .with(SettingKey.BREAKER, breaker)
                .with(SettingKey.TIMER7, 1000 + counter)
                .with("garage", SettingKey.PRIORITY, 1 + Math.floorMod(counter, 10));
    }

    public static void main(String[] args) throws Exception {
        SettingsStore store = new SettingsStore(Path.of(args[0]), List.of("1", "garage"));
        int counter = Integer.parseInt(args[1]);
        while (true) {
            store.save(settingsFor(counter));
            System.out.println("saved " + counter);
            System.out.flush();
            counter++;
        }
    }
}
