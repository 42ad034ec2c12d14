package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.settings.SettingKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kills a writer process mid-save again and again: the settings on disk are always the old or the new ones. */
class SettingsStoreKillTest {

    private static final int KILLS = 6;

    @TempDir
    Path dir;

    @Test
    void shouldKeepOldOrNewSettingsWhenTheWriterIsKilledMidWrite() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        SplittableRandom random = new SplittableRandom(7);
        int next = 0;
        for (int round = 0; round < KILLS; round++) {
            Process writer = new ProcessBuilder(java, "-cp", classPath, SettingsWriterLoop.class.getName(),
                    dir.toString(), Integer.toString(next))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int lastSaved = -1;
            int savesBeforeKill = 20 + random.nextInt(200);
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII))) {
                for (int i = 0; i < savesBeforeKill; i++) {
                    String line = lines.readLine();
                    assertNotNull(line, "the writer stopped on its own");
                    lastSaved = Integer.parseInt(line.substring("saved ".length()));
                }
                writer.destroyForcibly();     // SIGKILL, at whatever point of a save the writer is
                assertTrue(writer.waitFor(30, TimeUnit.SECONDS), "the writer did not die");
            }
            SettingsStore.Loaded loaded = new SettingsStore(dir, List.of("1", "garage")).load();
            long timer7 = loaded.settings().value(SettingKey.TIMER7);
            int found = (int) (timer7 - 1000);
            // saves that completed after the last line we read may be on disk, but never an older one
            assertTrue(found >= lastSaved,
                    "round " + round + ": found save " + found + " older than the completed save " + lastSaved
                            + " (" + loaded.source() + ", " + loaded.problems() + ")");
            assertEquals(SettingsWriterLoop.settingsFor(found), loaded.settings(), "every value of one save");
            Path current = dir.resolve(SettingsStore.FILE_NAME);
            if (Files.exists(current)) {
                assertEquals(current.toString(), loaded.source(), "a settings.json exists, so it must be whole");
            }
            next = found + 1;
        }
        assertTrue(new File(dir.toFile(), SettingsStore.FILE_NAME + SettingsStore.PREVIOUS_SUFFIX).exists());
    }
}
