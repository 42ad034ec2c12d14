package me.napolni.dinamics.core.settings;

/** The unit of a setting's integer value, as shown next to it in the web form and the docs. */
public enum SettingUnit {
    /** Whole amps. */
    AMPS("A"),
    /** Tenths of an amp. */
    DECIAMPS("A/10"),
    /** Milliseconds of a monotonic clock. */
    MILLISECONDS("ms"),
    /** The CT ratio in amps per volt times ten (277 = 50 A/1 V). */
    AMPS_PER_VOLT_TENTHS("A/V\u00d710"),
    /** A log verbosity level. */
    LEVEL("level"),
    /** 0 off, 1 on. */
    FLAG("0/1"),
    /** One of a few numbered choices, described by the setting. */
    CHOICE("choice"),
    /** A relative rank without unit. */
    RANK("rank"),
    /** Units of 15 minutes. */
    QUARTER_HOURS("15 min"),
    /** kWh as the charger meters them, on one conductor (so kWh per phase). */
    KWH_PER_PHASE("kWh\u00d7phases"),
    /** A daily window of local time, {@code HH:MM-HH:MM}, encoded by {@link DelayTimer#encode()}. */
    TIME_WINDOW("HH:MM-HH:MM");

    private final String symbol;

    SettingUnit(String symbol) {
        this.symbol = symbol;
    }

    /**
     * Returns the short symbol of the unit.
     *
     * @return for example {@code A} or {@code ms}
     */
    public String symbol() {
        return symbol;
    }
}
