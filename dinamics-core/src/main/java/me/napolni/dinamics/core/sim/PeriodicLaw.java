package me.napolni.dinamics.core.sim;

/**
 * What every built-in law answers the same way: its name and its two periods, fixed when it is made.
 *
 * <p>Package-private: a law's public face is {@link Law}; this only keeps the three answers in one place.
 */
abstract class PeriodicLaw implements Law {

    private final String name;
    private final int passPeriodMs;
    private final int carPollPeriodMs;

    /**
     * Fixes the law's name and periods.
     *
     * @param name the law's name in tables and JSON
     * @param passPeriodMs the period of its passes
     * @param carPollPeriodMs the period of its {@code $GG} polls
     */
    PeriodicLaw(String name, int passPeriodMs, int carPollPeriodMs) {
        this.name = name;
        this.passPeriodMs = passPeriodMs;
        this.carPollPeriodMs = carPollPeriodMs;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int passPeriodMs() {
        return passPeriodMs;
    }

    @Override
    public final int carPollPeriodMs() {
        return carPollPeriodMs;
    }
}
