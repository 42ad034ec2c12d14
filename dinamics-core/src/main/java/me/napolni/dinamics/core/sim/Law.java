package me.napolni.dinamics.core.sim;

/**
 * A control law as the household scenario runs it: it sees only what {@link LawInputs} holds and answers with
 * {@link LawCommands}.
 *
 * <p>The scenario (SCENARIO.md §2) calls it like this:
 * <pre>{@code
 * Law law = Laws.byName("original");              // a fresh, stateful instance per run
 * LawInputs in = LawInputs.of(LawSettings.of(In, car));
 * LawCommands out = new LawCommands();
 * law.powerOn(in.settings(), t0Ns);               // at 00:00:00.0 and 0.4 s after every power return
 * for (each 100 ms step k while powered) {
 *     // the meter's reading of step k is delivered to in.mains(); at t0 + n*G a $GG sample to in.carAmps()
 *     if (k is at t0 + n*P) {
 *         in.nowNs(k * 100 ms);
 *         out.clear();
 *         law.pass(in, out);                      // must not allocate
 *         // the setpoint, then the pause or resume, take effect in this same step
 *     }
 * }
 * }</pre>
 *
 * <p>At power-on the car is paused (0 A) and the charger's setpoint is 6 A: the law must resume the car itself.
 * The law is not called during an outage. A period that is not a multiple of 100 ms is rounded up to one.
 *
 * <p>Implementations are single-threaded, keep their state in fields sized at construction and do not allocate in
 * {@link #pass}. {@link #powerOn} must reset every bit of state, because one instance serves several runs (the
 * scenario's main run and its meter-silence run) and every power return. A new law is registered in {@link Laws}.
 */
public interface Law {

    /**
     * Returns the law's name in the scenario's tables and JSON.
     *
     * @return a short lower-case name, such as {@code original}
     */
    String name();

    /**
     * Returns the period {@code P} of the law's passes.
     *
     * @return milliseconds, at least 100 (rounded up to a multiple of 100 by the scenario)
     */
    int passPeriodMs();

    /**
     * Returns the period {@code G} at which the law polls the car's current ({@code $GG}).
     *
     * @return milliseconds, at least 1000 (rounded up to a multiple of 100 by the scenario)
     */
    int carPollPeriodMs();

    /**
     * Resets the law to its power-on state: the gateway has just started, the car is paused and the charger's
     * setpoint is 6 A. Called before the first pass of the day and before the first pass after every outage.
     *
     * @param settings the installer's settings for this run
     * @param nowNs the time of the first pass that follows ({@code t0})
     */
    void powerOn(LawSettings settings, long nowNs);

    /**
     * Runs one pass: reads the inputs and writes its commands, if any, into the cleared holder.
     *
     * @param in what the law may know now
     * @param out where its commands go; cleared by the caller before the pass
     */
    void pass(LawInputs in, LawCommands out);
}
