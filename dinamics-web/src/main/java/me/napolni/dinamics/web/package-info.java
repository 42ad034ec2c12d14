/** Dinamics web. */
package me.napolni.dinamics.web;
