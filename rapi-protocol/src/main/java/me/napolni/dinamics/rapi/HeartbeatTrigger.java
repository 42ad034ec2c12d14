package me.napolni.dinamics.rapi;

/** Heartbeat supervision trigger ({@code $SY}/{@code $GY} field 3; RAPI.md 4.7). */
public enum HeartbeatTrigger {
    /** 0: no pulse missed since supervision was (re)enabled. */
    NONE_MISSED(0),
    /** 1: a pulse was missed, then acknowledged, and the capacity restored. */
    MISSED_ACKNOWLEDGED(1),
    /** 2: a pulse was missed and not yet acknowledged: the unit is at the fallback current. */
    MISSED_UNACKNOWLEDGED(2),
    /** A value this library does not know. */
    OTHER(-1);

    private final int code;

    HeartbeatTrigger(int code) {
        this.code = code;
    }

    /**
     * The wire value.
     *
     * @return the code, or -1 for {@link #OTHER}
     */
    public int code() {
        return code;
    }

    /**
     * The constant for a code; never fails on codes this library does not know.
     *
     * @param code the value as read from the wire
     * @return the matching constant, or {@link #OTHER}
     */
    public static HeartbeatTrigger of(int code) {
        for (HeartbeatTrigger value : values()) {
            if (value.code == code && value != OTHER) {
                return value;
            }
        }
        return OTHER;
    }
}
