package me.napolni.dinamics.rapi;

import java.util.Optional;

/**
 * Every command of current mainline firmware (8.2.3, RAPI 5.2.1) from the tables of RAPI.md section 2. Commands
 * removed in RAPI 4.0.0 ({@code $SD $SE $SF $SG $SR $SS}), {@code $S2} (compiled out since 8.1.0) and the
 * non-mainline D9 extensions are not listed; send those, if ever, through {@link RapiRequests#raw(String)}.
 */
public enum RapiCommand {
    /** {@code $GS}: state, elapsed seconds, pilot state, vflags. */
    GS(Family.GET, false, "get state"),
    /** {@code $GG}: charging current (mA) and voltage (mV). */
    GG(Family.GET, false, "get charging current and voltage"),
    /** {@code $GC}: capacity range: min, hwmax, pilot, cfgmax (A). */
    GC(Family.GET, false, "get current capacity range"),
    /** {@code $GE}: present capacity and the settings flag word. */
    GE(Family.GET, false, "get settings"),
    /** {@code $GU}: session energy (Ws) and lifetime energy (Wh). */
    GU(Family.GET, false, "get energy usage"),
    /** {@code $GV}: firmware and RAPI versions. */
    GV(Family.GET, false, "get versions"),
    /** {@code $G0}: EV connect state. */
    G0(Family.GET, false, "get EV connect state"),
    /** {@code $GA}: ammeter calibration. */
    GA(Family.GET, false, "get ammeter settings"),
    /** {@code $GF}: fault trip counters (hex). */
    GF(Family.GET, false, "get fault counters"),
    /** {@code $GP}: temperatures in 0.1 degC. */
    GP(Family.GET, false, "get temperatures"),
    /** {@code $GY}: heartbeat supervision status. */
    GY(Family.GET, false, "get heartbeat supervision status"),
    /** {@code $GI}: MCU serial number. */
    GI(Family.GET, false, "get MCU id"),
    /** {@code $G3}: charge time limit (TIME_LIMIT builds). */
    G3(Family.GET, false, "get time limit"),
    /** {@code $GH}: charge energy limit (CHARGE_LIMIT builds). */
    GH(Family.GET, false, "get charge limit"),
    /** {@code $GT}: RTC time. */
    GT(Family.GET, false, "get time"),
    /** {@code $GD}: delay timer. */
    GD(Family.GET, false, "get delay timer"),
    /** {@code $G5}: Mennekes lock state. */
    G5(Family.GET, false, "get Mennekes lock"),
    /** {@code $G4}: authorisation lock (AUTH_LOCK builds). */
    G4(Family.GET, false, "get auth lock"),
    /** {@code $GM}: voltmeter calibration (VOLTMETER builds). */
    GM(Family.GET, false, "get voltmeter settings"),
    /** {@code $GO}: over-temperature thresholds (never compiled into releases). */
    GO(Family.GET, false, "get over-temperature thresholds"),

    /** {@code $SC}: set the current capacity; writes EEPROM unless volatile ({@code V}). */
    SC(Family.SET, true, "set current capacity"),
    /** {@code $SY}: heartbeat supervision enable, pulse or acknowledge; enabling stores the settings. */
    SY(Family.SET, true, "heartbeat supervision"),
    /** {@code $SB}: clear the boot lock (BOOTLOCK builds). */
    SB(Family.SET, false, "clear boot lock"),
    /** {@code $SV}: voltage for the energy sums (volatile). */
    SV(Family.SET, false, "set voltage"),
    /** {@code $S3}: time limit (TIME_LIMIT builds, state B/C only). */
    S3(Family.SET, false, "set time limit"),
    /** {@code $SH}: energy limit (CHARGE_LIMIT builds, state B/C only). */
    SH(Family.SET, false, "set charge limit"),
    /** {@code $SL}: service level; writes EEPROM. */
    SL(Family.SET, true, "set service level"),
    /** {@code $S1}: set the RTC. */
    S1(Family.SET, false, "set RTC"),
    /** {@code $ST}: delay timer start and stop times; writes EEPROM. */
    ST(Family.SET, true, "set delay timer"),
    /** {@code $SA}: ammeter calibration; writes EEPROM. */
    SA(Family.SET, true, "set ammeter calibration"),
    /** {@code $SK}: lifetime energy total; writes EEPROM. */
    SK(Family.SET, true, "set lifetime energy"),
    /** {@code $S5}: Mennekes lock mode or state. */
    S5(Family.SET, false, "set Mennekes lock"),
    /** {@code $S4}: authorisation lock (AUTH_LOCK builds). */
    S4(Family.SET, false, "set auth lock"),
    /** {@code $S0}: LCD backlight type; writes EEPROM. */
    S0(Family.SET, true, "set LCD type"),
    /** {@code $SM}: voltmeter calibration (VOLTMETER builds). */
    SM(Family.SET, true, "set voltmeter calibration"),

    /** {@code $FE}: enable (leave sleep or disabled). */
    FE(Family.FUNCTION, false, "enable"),
    /** {@code $FS}: sleep, the graceful stop. */
    FS(Family.FUNCTION, false, "sleep"),
    /** {@code $FD}: disable, relay opens at once. */
    FD(Family.FUNCTION, false, "disable"),
    /** {@code $FR}: restart; the controller sends no reply, then {@code $AB}. */
    FR(Family.FUNCTION, false, "restart"),
    /** {@code $FP}: print text on the LCD. */
    FP(Family.FUNCTION, false, "print LCD text"),
    /** {@code $FB}: LCD backlight colour. */
    FB(Family.FUNCTION, false, "set LCD backlight colour"),
    /** {@code $F0}: stop or resume the controller's own LCD updates. */
    F0(Family.FUNCTION, false, "LCD updates"),
    /** {@code $F1}: simulate a short button press. */
    F1(Family.FUNCTION, false, "press button"),
    /** {@code $FF}: feature switch; mostly writes EEPROM. */
    FF(Family.FUNCTION, true, "feature switch"),

    /** {@code $T0}: fake charging current (debug builds only). Never send it. */
    T0(Family.TEST, false, "test: fake charging current"),
    /** {@code $Z0}: relay PWM tuning; writes EEPROM and prints a text line. Never send it. */
    Z0(Family.TEST, true, "relay PWM tuning");

    /** The command families of RAPI.md 2.1. */
    public enum Family {
        /** Read-only {@code $G*} commands. */
        GET,
        /** {@code $S*} set commands. */
        SET,
        /** {@code $F*} function commands. */
        FUNCTION,
        /** {@code $T*} and {@code $Z*} test commands. */
        TEST
    }

    private final Family family;
    private final boolean mayWriteEeprom;
    private final String description;

    RapiCommand(Family family, boolean mayWriteEeprom, String description) {
        this.family = family;
        this.mayWriteEeprom = mayWriteEeprom;
        this.description = description;
    }

    /**
     * The two command letters, e.g. {@code "SC"}.
     *
     * @return the code as written after the {@code $}
     */
    public String code() {
        return name();
    }

    /**
     * The first command letter.
     *
     * @return e.g. {@code 'S'}
     */
    public char first() {
        return name().charAt(0);
    }

    /**
     * The second command letter.
     *
     * @return e.g. {@code 'C'}
     */
    public char second() {
        return name().charAt(1);
    }

    /**
     * The family.
     *
     * @return get, set, function or test
     */
    public Family family() {
        return family;
    }

    /**
     * Whether this command writes EEPROM in at least one of its forms (cells survive about 100,000 writes):
     * dynamic control must never send such a form.
     *
     * @return true if some form writes EEPROM
     */
    public boolean mayWriteEeprom() {
        return mayWriteEeprom;
    }

    /**
     * Whether the controller answers it; only {@code $FR} gets no reply (the controller restarts).
     *
     * @return false for {@code $FR}
     */
    public boolean expectsReply() {
        return this != FR;
    }

    /**
     * A short description, for logs and help texts.
     *
     * @return e.g. "set current capacity"
     */
    public String description() {
        return description;
    }

    /**
     * Looks a command up by its letters.
     *
     * @param code two letters such as {@code "GS"}
     * @return the command, or empty if it is not one of current mainline firmware
     */
    public static Optional<RapiCommand> lookup(CharSequence code) {
        if (code.length() != 2) {
            return Optional.empty();
        }
        for (RapiCommand command : values()) {
            if (command.first() == code.charAt(0) && command.second() == code.charAt(1)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }
}
