/** Signed, atomic, roll-back-able updates of the program and the web UI bundle, and the release tool. */
package me.napolni.dinamics.host.update;
