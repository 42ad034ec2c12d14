/** Every setting in one table with its range and default, immutable settings values and their validation. */
package me.napolni.dinamics.core.settings;
