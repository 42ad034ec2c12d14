package me.napolni.dinamics.core.settings;

/**
 * The daily charging window of {@code set_delay_timer} (TOPICS.md 7.5), kept by the gateway.
 *
 * <p>Times are minutes of the local day, 0..1439. The window starts at {@code startMinute} (inclusive) and ends
 * at {@code stopMinute} (exclusive); a stop before the start crosses midnight. Start and stop are never equal.
 * {@link #OFF} means no window: charging is allowed at any time.
 *
 * <p>As a setting value it is encoded in one {@code long} ({@link #encode()}): 0 is off, otherwise
 * {@code 1 + startMinute * 1440 + stopMinute}.
 *
 * @param startMinute minute of the day the window opens, 0..1439, or {@link #NO_MINUTE} when off
 * @param stopMinute minute of the day the window closes, 0..1439, or {@link #NO_MINUTE} when off
 */
public record DelayTimer(int startMinute, int stopMinute) {

    /** Minutes in a day. */
    public static final int MINUTES_PER_DAY = 1440;
    /** The start and stop minute of {@link #OFF}. */
    public static final int NO_MINUTE = -1;
    /** The encoded value of {@link #OFF}. */
    public static final long OFF_CODE = 0L;
    /** The largest encoded value ({@code 23:59-23:58}). */
    public static final long MAX_CODE = 1L + (MINUTES_PER_DAY - 1L) * MINUTES_PER_DAY + (MINUTES_PER_DAY - 1L);
    /** No window: charging is allowed all day. */
    public static final DelayTimer OFF = new DelayTimer(NO_MINUTE, NO_MINUTE);

    /**
     * Checks the minutes.
     *
     * @param startMinute minute of the day the window opens
     * @param stopMinute minute of the day the window closes
     * @throws IllegalArgumentException unless both are 0..1439 and differ, or both are {@link #NO_MINUTE}
     */
    public DelayTimer {
        boolean off = startMinute == NO_MINUTE && stopMinute == NO_MINUTE;
        if (!off && !(isMinute(startMinute) && isMinute(stopMinute) && startMinute != stopMinute)) {
            throw new IllegalArgumentException("not a delay window: " + startMinute + ".." + stopMinute);
        }
    }

    /**
     * Returns a window.
     *
     * @param startMinute minute of the day the window opens, 0..1439
     * @param stopMinute minute of the day the window closes, 0..1439, not equal to the start
     * @return the window
     */
    public static DelayTimer of(int startMinute, int stopMinute) {
        return new DelayTimer(startMinute, stopMinute);
    }

    /**
     * Tells whether this is {@link #OFF}.
     *
     * @return true when there is no window
     */
    public boolean isOff() {
        return startMinute == NO_MINUTE;
    }

    /**
     * Tells whether charging is allowed at a time of day.
     *
     * @param minuteOfDay local minute of the day, 0..1439
     * @return true when off, or when the minute is inside the window
     */
    public boolean allows(int minuteOfDay) {
        if (isOff()) {
            return true;
        }
        if (startMinute < stopMinute) {
            return minuteOfDay >= startMinute && minuteOfDay < stopMinute;
        }
        return minuteOfDay >= startMinute || minuteOfDay < stopMinute;
    }

    /**
     * Encodes the window as a setting value.
     *
     * @return {@link #OFF_CODE}, or {@code 1 + startMinute * 1440 + stopMinute}
     */
    public long encode() {
        return isOff() ? OFF_CODE : 1L + (long) startMinute * MINUTES_PER_DAY + stopMinute;
    }

    /**
     * Tells whether a value is a valid encoding.
     *
     * @param code an encoded value
     * @return true for {@link #OFF_CODE} and for every window with different start and stop
     */
    public static boolean isValidCode(long code) {
        if (code == OFF_CODE) {
            return true;
        }
        if (code < 1 || code > MAX_CODE) {
            return false;
        }
        long minutes = code - 1;
        return minutes / MINUTES_PER_DAY != minutes % MINUTES_PER_DAY;
    }

    /**
     * Decodes a setting value.
     *
     * @param code a value for which {@link #isValidCode(long)} holds
     * @return the window
     * @throws IllegalArgumentException for an invalid code
     */
    public static DelayTimer decode(long code) {
        if (!isValidCode(code)) {
            throw new IllegalArgumentException("not a delay timer code: " + code);
        }
        if (code == OFF_CODE) {
            return OFF;
        }
        long minutes = code - 1;
        return new DelayTimer((int) (minutes / MINUTES_PER_DAY), (int) (minutes % MINUTES_PER_DAY));
    }

    /**
     * Returns the acknowledgement payload.
     *
     * @return {@code HH:MM-HH:MM}, or {@code off}
     */
    public String payload() {
        if (isOff()) {
            return "off";
        }
        return clock(startMinute) + "-" + clock(stopMinute);
    }

    @Override
    public String toString() {
        return payload();
    }

    private static String clock(int minute) {
        int hours = minute / 60;
        int minutes = minute % 60;
        return (hours < 10 ? "0" : "") + hours + ":" + (minutes < 10 ? "0" : "") + minutes;
    }

    private static boolean isMinute(int minute) {
        return minute >= 0 && minute < MINUTES_PER_DAY;
    }
}
