/** Dinamics mqtt. */
package me.napolni.dinamics.mqtt;
