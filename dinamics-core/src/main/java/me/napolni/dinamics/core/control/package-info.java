/** The control law: per-phase headroom, phase detection, the breaker's thermal budget and the failsafe. */
package me.napolni.dinamics.core.control;
