package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsStoreTest {

    private static final List<String> IDS = List.of("1", "garage");

    @TempDir
    Path dir;

    private SettingsStore store() {
        return new SettingsStore(dir, IDS);
    }

    private static Settings with(int breaker) {
        return Settings.defaults(IDS).with(SettingKey.BREAKER, breaker).with("garage", SettingKey.C_LIMIT, 10);
    }

    @Test
    void shouldLoadDefaultsWithoutProblemsOfContentWhenNothingWasSaved() {
        SettingsStore.Loaded loaded = store().load();
        assertEquals(Settings.defaults(IDS), loaded.settings());
        assertEquals("defaults", loaded.source());
    }

    @Test
    void shouldRoundTripWhenSaved() throws Exception {
        store().save(with(25));
        SettingsStore.Loaded loaded = store().load();
        assertEquals(with(25), loaded.settings());
        assertEquals(List.of(), loaded.problems());
    }

    @Test
    void shouldUsePreviousCopyAndReportWhenTheFileIsHalfWritten() throws Exception {
        store().save(with(20));
        store().save(with(32));
        Path file = dir.resolve(SettingsStore.FILE_NAME);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        SettingsStore.Loaded loaded = store().load();
        assertEquals(with(20), loaded.settings());
        assertTrue(loaded.source().endsWith(SettingsStore.PREVIOUS_SUFFIX), loaded.source());
        assertTrue(loaded.problems().get(0).contains("corrupt"), loaded.problems().toString());
    }

    @Test
    void shouldUsePreviousCopyWhenAValueWasFlippedOnDisk() throws Exception {
        store().save(with(20));
        store().save(with(32));
        Path file = dir.resolve(SettingsStore.FILE_NAME);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replace("\"breaker\" : 32", "\"breaker\" : 99"), StandardCharsets.UTF_8);
        SettingsStore.Loaded loaded = store().load();
        assertEquals(with(20), loaded.settings());
        assertTrue(loaded.problems().get(0).contains("CRC-32 mismatch"), loaded.problems().toString());
    }

    @Test
    void shouldFallBackToDefaultsAndReportBothWhenBothCopiesAreCorrupt() throws Exception {
        store().save(with(20));
        store().save(with(32));
        Files.write(dir.resolve(SettingsStore.FILE_NAME), new byte[] {0, 1, 2});
        Files.writeString(dir.resolve(SettingsStore.FILE_NAME + SettingsStore.PREVIOUS_SUFFIX), "{}");
        SettingsStore.Loaded loaded = store().load();
        assertEquals(Settings.defaults(IDS), loaded.settings());
        assertEquals(2, loaded.problems().size(), loaded.problems().toString());
    }

    @Test
    void shouldIgnoreAChargerThatIsNoLongerConfiguredWhenLoading() throws Exception {
        store().save(with(20));
        SettingsStore.Loaded loaded = new SettingsStore(dir, List.of("1")).load();
        assertEquals(20, loaded.settings().breakerAmps());
        assertTrue(loaded.problems().get(0).contains("chargers.garage ignored"), loaded.problems().toString());
    }

    @Test
    void shouldAlwaysReadTheCurrentFileWhileSavesGoOn() throws Exception {
        SettingsStore writer = store();
        writer.save(with(20));
        AtomicBoolean saving = new AtomicBoolean(true);
        List<String> wrong = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            SettingsStore readerStore = store();
            started.countDown();
            while (saving.get() && wrong.size() < 5) {
                SettingsStore.Loaded loaded = readerStore.load();
                int breaker = loaded.settings().breakerAmps();
                if (!loaded.source().endsWith(SettingsStore.FILE_NAME) || breaker < 20 || breaker > 29) {
                    wrong.add(loaded.source() + " " + breaker + " " + loaded.problems());
                }
            }
        });
        reader.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        for (int n = 0; n < 300; n++) {
            writer.save(with(20 + n % 10));
        }
        saving.set(false);
        reader.join(10_000);
        assertTrue(wrong.isEmpty(), "a reader fell back while a save went on: " + wrong);
    }
}
