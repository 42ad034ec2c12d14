package me.napolni.dinamics.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import me.napolni.dinamics.core.sim.HouseholdDay;

/**
 * Finds the reference shelf's household days: the folder comes from the system property
 * {@value #SHARED_DIR_PROPERTY} (the build passes it, and JMH's forks inherit it), else {@code ../shared}.
 */
final class SharedData {

    /** The system property naming the reference shelf. */
    static final String SHARED_DIR_PROPERTY = "dinamics.shared.dir";

    private SharedData() {
    }

    /**
     * Returns the folder of household days.
     *
     * @return {@code <shared>/testdata/household}
     */
    static Path householdFolder() {
        return Path.of(System.getProperty(SHARED_DIR_PROPERTY, "../shared"), "testdata", "household");
    }

    /**
     * Loads the first household day of the folder (by name).
     *
     * @return the day
     * @throws IllegalStateException when the folder has no day or it cannot be read
     */
    static HouseholdDay firstDay() {
        Path folder = householdFolder();
        try {
            List<Path> days = HouseholdDay.listDays(folder);
            if (days.isEmpty()) {
                throw new IllegalStateException("no household day in " + folder.toAbsolutePath());
            }
            return HouseholdDay.load(days.get(0));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the household days in " + folder.toAbsolutePath()
                    + " (set -D" + SHARED_DIR_PROPERTY + "=...)", e);
        }
    }
}
