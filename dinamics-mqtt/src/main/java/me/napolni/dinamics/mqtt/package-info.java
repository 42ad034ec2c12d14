/** The MQTT adapter: the gateway on the {@code Dinamics/<serial>/} topics of TOPICS.md, with Home Assistant discovery. */
package me.napolni.dinamics.mqtt;
