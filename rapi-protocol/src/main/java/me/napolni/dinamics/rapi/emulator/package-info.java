/** An emulated OpenEVSE controller that answers RAPI over any transport, for tests and simulate mode. */
package me.napolni.dinamics.rapi.emulator;
