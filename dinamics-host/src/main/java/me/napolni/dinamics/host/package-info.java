/** Dinamics host. */
package me.napolni.dinamics.host;
