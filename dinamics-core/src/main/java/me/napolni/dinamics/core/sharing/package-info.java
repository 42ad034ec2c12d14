/** Sharing one breaker's headroom among several chargers: minimums first, then by priority, pausing in turn. */
package me.napolni.dinamics.core.sharing;
