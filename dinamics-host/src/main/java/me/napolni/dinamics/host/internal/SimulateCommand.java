package me.napolni.dinamics.host.internal;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code dinamics simulate}: the whole gateway on a simulated house, charger and car. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Runs the whole gateway with no hardware: an emulated OpenEVSE over TCP, a replayed household "
                + "day, a simulated car, an embedded MQTT broker and the web UI.")
public final class SimulateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
