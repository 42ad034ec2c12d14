package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.host.HostConfig;
import me.napolni.dinamics.host.HostConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dinamics run}: the gateway with real hardware, from a configuration file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the gateway: the charger(s) over serial or TCP, the measurement source, MQTT and the "
                + "web UI, as the configuration file says (docs/configuration.md).")
public final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The JSON configuration file.")
    private Path config;

    @Option(names = "--check", description = "Only check the configuration file and exit.")
    private boolean checkOnly;

    @Override
    public Integer call() throws HostConfigException, Exception {
        HostConfig host = HostConfig.load(config);
        if (host.meter() instanceof HostConfig.SimulatedMeter) {
            throw new HostConfigException(config.toString(),
                    java.util.List.of("meter.type: \"simulated\" runs only in dinamics simulate"));
        }
        if (checkOnly) {
            spec.commandLine().getOut().println(config + ": OK (" + host.chargers().size() + " charger(s), meter "
                    + host.meter().type() + ")");
            spec.commandLine().getOut().flush();
            return 0;
        }
        return GatewayRunner.runUntilStopped(host, spec.commandLine().getOut());
    }
}
