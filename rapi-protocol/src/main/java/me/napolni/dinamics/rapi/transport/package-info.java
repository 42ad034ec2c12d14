/** Byte links to a RAPI controller: serial port (jSerialComm), TCP bridge, and an in-memory pair for tests. */
package me.napolni.dinamics.rapi.transport;
