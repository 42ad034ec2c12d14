/**
 * JMH benchmarks, each against a baseline in the same class and run ({@link me.napolni.dinamics.benchmarks.Against}),
 * the scenario matrix report ({@link me.napolni.dinamics.benchmarks.ScenarioMatrixMain}) and the CI gate over both
 * ({@link me.napolni.dinamics.benchmarks.BenchmarkGate}).
 */
package me.napolni.dinamics.benchmarks;
