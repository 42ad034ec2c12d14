package me.napolni.dinamics.core.control;

/** What the balancer does when the mains readings go stale. */
public enum FailsafeMode {
    /** Hold the minimum current (6 A): the car keeps charging slowly. */
    MINIMUM,
    /** Pause the car until fresh readings arrive. */
    PAUSE
}
