/** Helpers of the household scenario that are not API: the JSON and number formatting of its reports. */
package me.napolni.dinamics.core.sim.internal;
