package me.napolni.dinamics.host.internal;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code dinamics rapi}: a RAPI console for installers. */
@Command(name = "rapi", mixinStandardHelpOptions = true,
        description = "Sends RAPI commands to a controller and prints the decoded replies.")
public final class RapiConsoleCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
