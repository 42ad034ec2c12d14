package me.napolni.dinamics.core.settings;

import java.util.Optional;

/**
 * Every setting in one place: its MQTT key, unit, default, minimum and maximum (TOPICS.md 4, 4.4, 6.1, 7.3, 7.5
 * and 8), so that validation, MQTT, the web form and the docs cannot disagree.
 *
 * <p>The keys with a topic ({@link #hasTopic()}) are set over MQTT as {@code set_<key>} and acknowledged on
 * {@code <key>}. The others are the design's tuning values (DESIGN.md 4), set in the configuration file or the
 * web form; their ranges are chosen here and documented on each constant.
 *
 * <p>Every value is a {@code long}. Two keys have a default outside their accepted range, meaning "nothing
 * stored": {@link #ENABLE} (default 0, {@link EnableIntent#NONE}) and the command values {@link #T_LIMIT} and
 * {@link #E_LIMIT} (0, no limit sent). {@link #DELAY_TIMER} holds a {@link DelayTimer#encode() encoded} window.
 */
public enum SettingKey {
    /** Main breaker rating per phase, A, 16 by default, 6..100. Lowering it cuts the current at once. */
    BREAKER("breaker", SettingUnit.AMPS, 16, 6, 100, SettingScope.SITE, true, true),
    /** Cap on the car's current, A, 16 by default, 6..32, and not below {@link #C_MIN_LIMIT}. Per charger. */
    C_LIMIT("c_limit", SettingUnit.AMPS, 16, 6, 32, SettingScope.CHARGER, true, true),
    /** Minimum charging current, A, 6 by default, 6..32, and not above {@link #C_LIMIT}. Per charger. */
    C_MIN_LIMIT("c_min_limit", SettingUnit.AMPS, 6, 6, 32, SettingScope.CHARGER, true, true),
    /** CT ratio in A/V × 10 (277 = 50 A/1 V, 544 = 100 A/1 V), 277 by default, 100..2000. Applies at once. */
    CALIBRATION("calibration", SettingUnit.AMPS_PER_VOLT_TENTHS, 277, 100, 2000, SettingScope.SITE, true, true),
    /** {@code debug_log} verbosity, 1 by default, 1..5. */
    DEBUG("debug", SettingUnit.LEVEL, 1, 1, 5, SettingScope.SITE, true, true),
    /** timer: telemetry tick, ms, 2000 by default, 1..500000 (acts as at least 100 ms). */
    TIMER("timer", SettingUnit.MILLISECONDS, 2000, 1, 500_000, SettingScope.SITE, true, true),
    /**
     * timer1, ms, 50000 by default, 1..500000: auto-stop: P&amp;C 0, enabled, car current below 0.5 A this long
     * without a break stops with {@code no_current}.
     */
    TIMER1("timer1", SettingUnit.MILLISECONDS, 50000, 1, 500_000, SettingScope.SITE, true, true),
    /**
     * timer2, ms, 10000 by default, 1..500000: auto-stop: P&amp;C 0, enabled, no car this long stops with
     * {@code no_car}.
     */
    TIMER2("timer2", SettingUnit.MILLISECONDS, 10000, 1, 500_000, SettingScope.SITE, true, true),
    /**
     * timer3, ms, 10000 by default, 1..500000: auto-stop: car current above the pilot setpoint + 0.5 A this long stops
     * with {@code over_current}.
     */
    TIMER3("timer3", SettingUnit.MILLISECONDS, 10000, 1, 500_000, SettingScope.SITE, true, true),
    /**
     * timer4, ms, 10000 by default, 1..500000: auto-pause: allowed current below the minimum - 3 A this long pauses
     * with {@code no_headroom}.
     */
    TIMER4("timer4", SettingUnit.MILLISECONDS, 10000, 1, 500_000, SettingScope.SITE, true, true),
    /** timer5, ms, 50000 by default, 1..500000: longest gap between polls of {@code $GC} (current settings). */
    TIMER5("timer5", SettingUnit.MILLISECONDS, 50000, 1, 500_000, SettingScope.SITE, true, true),
    /** timer6, ms, 30000 by default, 1..500000: longest gap between polls of {@code $G0} (cable). */
    TIMER6("timer6", SettingUnit.MILLISECONDS, 30000, 1, 500_000, SettingScope.SITE, true, true),
    /** timer7, ms, 10000 by default, 1..500000: longest gap between polls of {@code $GG} (car current). */
    TIMER7("timer7", SettingUnit.MILLISECONDS, 10000, 1, 500_000, SettingScope.SITE, true, true),
    /** timer8, ms, 50000 by default, 1..500000: longest gap between polls of {@code $GS} (EVSE state). */
    TIMER8("timer8", SettingUnit.MILLISECONDS, 50000, 1, 500_000, SettingScope.SITE, true, true),
    /** timer9, ms, 100000 by default, 1..500000: longest gap between polls of {@code $GU} (energy). */
    TIMER9("timer9", SettingUnit.MILLISECONDS, 100000, 1, 500_000, SettingScope.SITE, true, true),
    /**
     * timer10, ms, 50000 by default, 1..500000: connection check: a {@code $GV} probe after this long without a valid
     * reply.
     */
    TIMER10("timer10", SettingUnit.MILLISECONDS, 50000, 1, 500_000, SettingScope.SITE, true, true),
    /** timer11, ms, 50000 by default, 1..500000: longest wait between broker reconnects (acts as at least 1000 ms). */
    TIMER11("timer11", SettingUnit.MILLISECONDS, 50000, 1, 500_000, SettingScope.SITE, true, true),
    /** timer12, ms, 100000 by default, 1..500000: {@code synctime} period. */
    TIMER12("timer12", SettingUnit.MILLISECONDS, 100000, 1, 500_000, SettingScope.SITE, true, true),
    /** timer13: RAPI reply timeout, ms, 1000 by default, 100..10000. */
    TIMER13("timer13", SettingUnit.MILLISECONDS, 1000, 100, 10_000, SettingScope.SITE, true, true),
    /** timer14: shortest time {@code CON_ERROR} stays raised, ms, 10000 by default, 1..500000. */
    TIMER14("timer14", SettingUnit.MILLISECONDS, 10_000, 1, 500_000, SettingScope.SITE, true, true),
    /** Plug &amp; charge, 0 off (default) or 1 on (TOPICS.md 4.2). */
    PLUGANDCHARGE("plugandcharge", SettingUnit.FLAG, 0, 0, 1, SettingScope.SITE, true, true),
    /** 1 dynamic (default); 0 static: allowed = c_limit, CTs ignored, no breaker protection. */
    DINAMICS("dinamics", SettingUnit.FLAG, 1, 0, 1, SettingScope.SITE, true, true),
    /** 1: while the broker is unreachable, plug &amp; charge acts as on; 0 by default. */
    NWPC("nwpc", SettingUnit.FLAG, 0, 0, 1, SettingScope.SITE, true, true),
    /** The operator's intent, 1 off, 2 enabled, 3 sleep; 0 ({@link EnableIntent#NONE}) by default. Per charger. */
    ENABLE("enable", SettingUnit.CHOICE, 0, 1, 3, SettingScope.CHARGER, true, true),
    /** Priority among chargers on one breaker, 5 by default, 1..10, higher served first. Per charger. */
    PRIORITY("priority", SettingUnit.RANK, 5, 1, 10, SettingScope.CHARGER, true, true),
    /** Daily charging window ({@code HH:MM-HH:MM} or {@code 0}), off by default. Per charger. */
    DELAY_TIMER("delay_timer", SettingUnit.TIME_WINDOW, DelayTimer.OFF_CODE, 0, DelayTimer.MAX_CODE,
            SettingScope.CHARGER, true, true),
    /** Session time limit sent as {@code $S3 n}, units of 15 min, 1..100. A command, not stored. */
    T_LIMIT("t_limit", SettingUnit.QUARTER_HOURS, 0, 1, 100, SettingScope.COMMAND, false, true),
    /** Session energy limit sent as {@code $SH n}, kWh per phase, 1..100. A command, not stored. */
    E_LIMIT("e_limit", SettingUnit.KWH_PER_PHASE, 0, 1, 100, SettingScope.COMMAND, false, true),
    /**
     * Readings older than this are stale and the safe side follows, ms, 10000 by default, 1000..120000. Below
     * 1 s a single late meter message would already trip the failsafe; above 2 min the breaker could trip first.
     */
    STALE_AFTER("stale_after", SettingUnit.MILLISECONDS, 10_000, 1_000, 120_000, SettingScope.SITE, true, false),
    /**
     * Headroom kept below the breaker rating on every phase, A/10, 3 (0.3 A, the control law's tuned default) by
     * default, 0..100 (10 A): covers meter error and the load changes between two passes.
     */
    BREAKER_MARGIN("breaker_margin", SettingUnit.DECIAMPS, 3, 0, 100, SettingScope.SITE, true, false),
    /**
     * How long a higher headroom must hold before the current is raised, ms, 15000 by default, 0..600000
     * (10 min): longer than an induction hob's pulses, so that they do not make the car hunt.
     */
    RAISE_DELAY("raise_delay", SettingUnit.MILLISECONDS, 15_000, 0, 600_000, SettingScope.SITE, true, false),
    /** Largest single increase of the setpoint, A, 32 (straight to the target) by default, 1..32. */
    RAISE_STEP("raise_step", SettingUnit.AMPS, 32, 1, 32, SettingScope.SITE, true, false),
    /**
     * Headroom above the minimum current needed before a paused charger resumes, A/10, 10 (1.0 A) by default,
     * 0..100: a resume that would be paused again at once only wears the contactor.
     */
    RESUME_MARGIN("resume_margin", SettingUnit.DECIAMPS, 10, 0, 100, SettingScope.SITE, true, false),
    /**
     * How long the minimum plus {@link #RESUME_MARGIN} must be available before a resume, ms, 10000 by default,
     * 0..3600000 (1 h).
     */
    RESUME_DELAY("resume_delay", SettingUnit.MILLISECONDS, 10_000, 0, 3_600_000, SettingScope.SITE, true, false),
    /**
     * Shortest pause before a charger may resume, ms, 30000 by default, 0..3600000 (1 h): cars and contactors
     * dislike rapid on/off cycles.
     */
    MIN_PAUSE("min_pause", SettingUnit.MILLISECONDS, 30_000, 0, 3_600_000, SettingScope.SITE, true, false),
    /** What stale readings lead to: 0 the minimum current (default), 1 a pause ({@link FailsafeMode}). */
    FAILSAFE_MODE("failsafe_mode", SettingUnit.CHOICE, 0, 0, 1, SettingScope.SITE, true, false),
    /**
     * With several chargers and too little headroom for all minimums, how long one waiting charger waits before
     * it takes a running one's turn, ms, 900000 (15 min) by default, 60000..86400000 (1 day).
     */
    SHARE_ROTATE("share_rotate", SettingUnit.MILLISECONDS, 900_000, 60_000, 86_400_000, SettingScope.SITE, true,
            false);

    /** The longest payload a setting accepts, in bytes (TOPICS.md 2, row 3). */
    public static final int MAX_PAYLOAD_BYTES = 64;
    /** The number of the last timer, {@code timer14}. */
    public static final int LAST_TIMER = 14;

    private static final SettingKey[] VALUES = values();

    private final String key;
    private final SettingUnit unit;
    private final long defaultValue;
    private final long minimum;
    private final long maximum;
    private final SettingScope scope;
    private final boolean persisted;
    private final boolean hasTopic;

    SettingKey(String key, SettingUnit unit, long defaultValue, long minimum, long maximum, SettingScope scope,
            boolean persisted, boolean hasTopic) {
        this.key = key;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.minimum = minimum;
        this.maximum = maximum;
        this.scope = scope;
        this.persisted = persisted;
        this.hasTopic = hasTopic;
    }

    /**
     * Returns the MQTT key: the ack topic's name, and the command topic without {@code set_}.
     *
     * @return for example {@code c_limit}
     */
    public String key() {
        return key;
    }

    /**
     * Returns the command topic name, relative to {@code Dinamics/<serial>/}.
     *
     * @return {@code set_<key>}
     */
    public String topic() {
        return "set_" + key;
    }

    /**
     * Tells whether TOPICS.md gives this setting a {@code set_<key>} topic; the design's tuning values have none.
     *
     * @return true for the contract's settings
     */
    public boolean hasTopic() {
        return hasTopic;
    }

    /**
     * Returns the unit of the value.
     *
     * @return the unit
     */
    public SettingUnit unit() {
        return unit;
    }

    /**
     * Returns the default value.
     *
     * @return the default; for {@link #ENABLE}, {@link #T_LIMIT} and {@link #E_LIMIT} 0, meaning none
     */
    public long defaultValue() {
        return defaultValue;
    }

    /**
     * Returns the smallest accepted value.
     *
     * @return the minimum
     */
    public long minimum() {
        return minimum;
    }

    /**
     * Returns the largest accepted value.
     *
     * @return the maximum
     */
    public long maximum() {
        return maximum;
    }

    /**
     * Returns where the value lives.
     *
     * @return site, charger or command
     */
    public SettingScope scope() {
        return scope;
    }

    /**
     * Tells whether an accepted value is saved and restored at start.
     *
     * @return false for the command values {@code t_limit} and {@code e_limit}
     */
    public boolean persisted() {
        return persisted;
    }

    /**
     * Tells whether a value is in range. Consistency with other settings is checked by {@link SettingsChange}.
     *
     * @param value the candidate value
     * @return true when {@code minimum() <= value <= maximum()}; for {@link #DELAY_TIMER} when it is a valid
     *     {@link DelayTimer} encoding
     */
    public boolean accepts(long value) {
        if (this == DELAY_TIMER) {
            return DelayTimer.isValidCode(value);
        }
        return value >= minimum && value <= maximum;
    }

    /**
     * Returns what is accepted, as the {@code expected} field of an error reply.
     *
     * @return {@code min..max}, for example {@code 6..100}; {@code HH:MM-HH:MM} for the delay timer
     */
    public String expected() {
        if (this == DELAY_TIMER) {
            return "HH:MM-HH:MM";
        }
        return minimum + ".." + maximum;
    }

    /**
     * Finds a setting by its MQTT key.
     *
     * @param key for example {@code breaker}; exact and case-sensitive
     * @return the setting, or empty
     */
    public static Optional<SettingKey> ofKey(String key) {
        for (SettingKey candidate : VALUES) {
            if (candidate.key.equals(key)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns a timer setting by number.
     *
     * @param number 0 for {@code timer}, 1..14 for {@code timer1}..{@code timer14}
     * @return the setting
     * @throws IllegalArgumentException for any other number
     */
    public static SettingKey timer(int number) {
        if (number < 0 || number > LAST_TIMER) {
            throw new IllegalArgumentException("no timer " + number + "; timers are 0..14");
        }
        return VALUES[TIMER.ordinal() + number];
    }

    @Override
    public String toString() {
        return key;
    }
}
