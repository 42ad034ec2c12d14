package me.napolni.dinamics.rapi;

/** Volatile status bits ({@code $GS} field 4, {@code $AT} field 4; RAPI.md 4.3), as named in firmware 8.x. */
public enum VFlag {
    /** The automatic service-level test was skipped in POST. */
    AUTOSVCLVL_SKIPPED(0x0001),
    /** A fault that does not clear by itself: needs a restart. */
    HARD_FAULT(0x0002),
    /** Sleeping because a time or energy limit was reached. */
    LIMIT_SLEEP(0x0004),
    /** Waiting for authorisation ({@code $S4}). */
    AUTH_LOCKED(0x0008),
    /** A time limit is set (was AMMETER_CAL up to 7.1.0). */
    TIME_LIMIT(0x0010),
    /** No-ground has tripped since boot. */
    NOGND_TRIPPED(0x0020),
    /** Relay closed. */
    CHARGING_ON(0x0040),
    /** GFI has tripped since boot. */
    GFI_TRIPPED(0x0080),
    /** Car connected (not valid while the pilot is at -12 V). */
    EV_CONNECTED(0x0100),
    /** Internal session bookkeeping; set at boot and on unplug. */
    SESSION_ENDED(0x0200),
    /** Previous connect state (internal). */
    EV_CONNECTED_PREV(0x0400),
    /** Someone is in the local menu: leave the LCD alone. */
    UI_IN_MENU(0x0800),
    /** Delay timer enabled (8.1.0+). */
    TIMER_ON(0x1000),
    /** An energy limit is set (7.1.1+). */
    CHARGE_LIMIT(0x2000),
    /** Locked since boot until {@code $SB} (BOOTLOCK builds): the gateway must send {@code $SB}. */
    BOOT_LOCK(0x4000),
    /** Mennekes lock in manual mode (was AMMETER_CAL from 7.1.1 until 8.1.0). */
    MENNEKES_MANUAL(0x8000);

    private final int bit;

    VFlag(int bit) {
        this.bit = bit;
    }

    /**
     * The bit in the flag word.
     *
     * @return a single-bit mask
     */
    public int bit() {
        return bit;
    }
}
