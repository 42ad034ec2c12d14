/**
 * The gateway as its adapters see it: a read-only status snapshot out, validated commands in, and events.
 *
 * <p>The host implements {@link me.napolni.dinamics.core.device.DeviceControl}; the MQTT bridge and the web server
 * only use it. Keys and reason words are those of the MQTT contract (TOPICS.md), so every adapter names a setting
 * and a rejection the same way.
 */
package me.napolni.dinamics.core.device;
