/** Charging-session rules as pure logic: operator intent, plug &amp; charge, auto-stop timers, delay timer. */
package me.napolni.dinamics.core.session;
