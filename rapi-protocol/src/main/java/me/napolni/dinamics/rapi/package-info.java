/** OpenEVSE RAPI client library: typed commands and replies, notifications, and the client that exchanges them. */
package me.napolni.dinamics.rapi;
