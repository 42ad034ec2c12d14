/** The host's parts that are not API: persistence, measurement sources, RAPI polling, the embedded broker. */
package me.napolni.dinamics.host.internal;
