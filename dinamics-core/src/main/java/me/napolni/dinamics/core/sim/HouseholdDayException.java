package me.napolni.dinamics.core.sim;

import java.io.IOException;
import java.nio.file.Path;

/** A household day file that cannot be used: unreadable, not gzip, or a line that breaks the format. */
public final class HouseholdDayException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The value of {@link #lineNumber()} when the problem is not on one line. */
    public static final int NO_LINE = 0;

    private final transient Path file;
    private final int lineNumber;

    /**
     * Creates the exception.
     *
     * @param file the file
     * @param lineNumber the 1-based line (the header is line 1), or {@link #NO_LINE}
     * @param problem what is wrong
     * @param cause the underlying failure, or null
     */
    public HouseholdDayException(Path file, int lineNumber, String problem, Throwable cause) {
        super(file + (lineNumber == NO_LINE ? "" : ", line " + lineNumber) + ": " + problem, cause);
        this.file = file;
        this.lineNumber = lineNumber;
    }

    /**
     * Returns the file.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the line at fault.
     *
     * @return the 1-based line number, or {@link #NO_LINE}
     */
    public int lineNumber() {
        return lineNumber;
    }
}
