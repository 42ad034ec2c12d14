/** Implementation details of the RAPI library; not API and subject to change without notice. */
package me.napolni.dinamics.rapi.internal;
