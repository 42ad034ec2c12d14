/** Raw CT sampling: sample sources, a synthetic waveform and the allocation-free emonLib-exact RMS meter. */
package me.napolni.dinamics.core.sampling;
