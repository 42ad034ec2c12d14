/** RAPI frame codec: incremental decoding and encoding into caller-owned buffers, without allocation. */
package me.napolni.dinamics.rapi.codec;
