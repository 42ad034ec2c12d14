/** The Dinamics balancing core: readings, the control loop and the port through which it commands a charger. */
package me.napolni.dinamics.core;
