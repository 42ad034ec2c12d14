/** Implementation of the MQTT bridge: topic contract, payload checks, formats, discovery and the Paho client; not API. */
package me.napolni.dinamics.mqtt.internal;
