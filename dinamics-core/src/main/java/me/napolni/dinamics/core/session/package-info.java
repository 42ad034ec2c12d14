/** Charging-session rules as pure logic: operator intent, plug &amp; charge, the auto-stop timers and the delay timer. */
package me.napolni.dinamics.core.session;
