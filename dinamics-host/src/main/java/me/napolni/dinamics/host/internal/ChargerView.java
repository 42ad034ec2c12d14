package me.napolni.dinamics.host.internal;

/**
 * What the gateway knows of one controller, as last read: an immutable value published by the charger port.
 *
 * @param linkOk true unless the link is {@code CON_ERROR}
 * @param evseState the EVSE state (RAPI 4.1), or {@link #UNKNOWN}
 * @param carConnected the {@code $G0}/vflags view of a plugged car
 * @param carMilliAmps the car's current from {@code $GG}, or {@link #UNKNOWN}
 * @param carMeasuredAtNs when {@code carMilliAmps} was read, gateway clock, or {@link Long#MIN_VALUE}
 * @param milliVolts the voltage from {@code $GG}, or {@link #UNKNOWN}
 * @param pilotAmps the capacity the car sees ({@code $SC} acked, {@code $GC} or {@code $AT}), or {@link #UNKNOWN}
 * @param cfgMaxAmps the configured maximum ({@code $GC} field 4), or {@link #UNKNOWN}
 * @param sessionWs the session energy from {@code $GU}, or {@link #UNKNOWN}
 * @param enable the last acked FD/FE/FS: 1, 2, 3, or {@link #UNKNOWN}
 */
public record ChargerView(boolean linkOk, int evseState, boolean carConnected, long carMilliAmps,
        long carMeasuredAtNs, long milliVolts, int pilotAmps, int cfgMaxAmps, long sessionWs, int enable) {

    /** A value not known yet. */
    public static final int UNKNOWN = Integer.MIN_VALUE;
    /** EVSE state: not connected. */
    public static final int STATE_A = 1;
    /** EVSE state: connected. */
    public static final int STATE_B = 2;
    /** EVSE state: charging. */
    public static final int STATE_C = 3;
    /** EVSE state: sleeping. */
    public static final int STATE_SLEEPING = 0xFE;
    /** EVSE state: disabled. */
    public static final int STATE_DISABLED = 0xFF;

    /** Before the first reply. */
    public static final ChargerView INITIAL = new ChargerView(false, UNKNOWN, false, UNKNOWN, Long.MIN_VALUE,
            UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN);

    /**
     * Tells whether a session is active (TOPICS 4.3): link OK and state B or C.
     *
     * @return true in a session
     */
    public boolean sessionActive() {
        return linkOk && (evseState == STATE_B || evseState == STATE_C);
    }
}
