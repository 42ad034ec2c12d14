package me.napolni.dinamics.rapi.internal;

import me.napolni.dinamics.rapi.RapiException;
import me.napolni.dinamics.rapi.codec.RapiFrame;

/** Turns a reply frame into a typed result. */
@FunctionalInterface
public interface ReplyParser<R> {
    R parse(RapiFrame reply) throws RapiException;
}
