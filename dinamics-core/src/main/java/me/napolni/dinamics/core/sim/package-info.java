/**
 * The household scenario of {@code SCENARIO.md}: a real day replayed at 100 ms steps with the meter, car,
 * charger and breaker models, the control laws under test ({@link me.napolni.dinamics.core.sim.Law}) and the
 * metrics that judge them.
 */
package me.napolni.dinamics.core.sim;
