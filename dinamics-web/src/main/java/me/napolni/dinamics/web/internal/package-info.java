/** The web server's workings: routing, access, JSON, history, live events and the Undertow adapter; not API. */
package me.napolni.dinamics.web.internal;
