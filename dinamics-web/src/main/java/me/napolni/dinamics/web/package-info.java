/**
 * The gateway's local web UI, REST API, live events and Prometheus metrics: start a {@link
 * me.napolni.dinamics.web.WebServer} on a {@link me.napolni.dinamics.core.device.DeviceControl} with a {@link
 * me.napolni.dinamics.web.WebConfig}.
 */
package me.napolni.dinamics.web;
