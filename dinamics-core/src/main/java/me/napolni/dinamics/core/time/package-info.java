/** Injected clocks: every piece of logic takes its time as an argument, so tests and replays control it. */
package me.napolni.dinamics.core.time;
