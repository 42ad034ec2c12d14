/** Building blocks of the control law (breaker thermal state, phase detection); not API. */
package me.napolni.dinamics.core.control.internal;
