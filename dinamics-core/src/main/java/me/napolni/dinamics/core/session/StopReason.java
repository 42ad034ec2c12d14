package me.napolni.dinamics.core.session;

import java.util.Optional;

/** Why a charger is not charging, as {@code stop_reason} in {@code ~/snapshot} (TOPICS.md 7.1). */
public enum StopReason {
    /** The operator sent {@code set_enable 1}. */
    OPERATOR_OFF("operator_off"),
    /** The operator sent {@code set_enable 3}. */
    OPERATOR_SLEEP("operator_sleep"),
    /** timer1: the car drew less than 0.5 A for too long. */
    NO_CURRENT("no_current"),
    /** timer2: no car for too long. */
    NO_CAR("no_car"),
    /** timer3: the car drew more than its pilot setpoint + 0.5 A for too long. */
    OVER_CURRENT("over_current"),
    /** Too little headroom: timer4, or an enable while less than the minimum was allowed, or the control law. */
    NO_HEADROOM("no_headroom"),
    /** The control law paused before the breaker's thermal budget would be spent. */
    THERMAL("thermal"),
    /** Stale readings with the failsafe mode set to pause. */
    FAILSAFE("failsafe"),
    /** Outside the delay timer's window. */
    DELAY_TIMER("delay_timer");

    private final String word;

    StopReason(String word) {
        this.word = word;
    }

    /**
     * Returns the word published in {@code stop_reason}.
     *
     * @return for example {@code no_current}
     */
    public String word() {
        return word;
    }

    /**
     * Finds a reason by its word.
     *
     * @param word for example {@code thermal}
     * @return the reason, or empty
     */
    public static Optional<StopReason> ofWord(String word) {
        for (StopReason reason : values()) {
            if (reason.word.equals(word)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
