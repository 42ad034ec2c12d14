/** JMH benchmarks, each against a baseline in the same class and run. */
package me.napolni.dinamics.benchmarks;
