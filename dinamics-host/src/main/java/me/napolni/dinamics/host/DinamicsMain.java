package me.napolni.dinamics.host;

import me.napolni.dinamics.host.internal.RapiConsoleCommand;
import me.napolni.dinamics.host.internal.ReplayCommand;
import me.napolni.dinamics.host.internal.RunCommand;
import me.napolni.dinamics.host.internal.SimulateCommand;
import me.napolni.dinamics.host.update.ReleaseCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code dinamics} program: {@code simulate}, {@code run}, {@code replay}, {@code rapi} and {@code release}.
 *
 * <p>Exit codes: 0 success, 1 a run-time failure, 2 bad arguments or a bad configuration file.
 */
@Command(name = "dinamics", mixinStandardHelpOptions = true, versionProvider = DinamicsMain.Version.class,
        description = "Dynamic load management for OpenEVSE chargers: keeps the car's current as high as the house "
                + "allows, and never so high that the main breaker trips.",
        subcommands = {SimulateCommand.class, RunCommand.class, ReplayCommand.class, RapiConsoleCommand.class,
                ReleaseCommand.class, CommandLine.HelpCommand.class})
public final class DinamicsMain implements Runnable {

    /** The program's version when the jar manifest does not say. */
    public static final String DEFAULT_VERSION = "0.1.0";
    /** Exit code of a bad argument or configuration. */
    public static final int EXIT_USAGE = 2;
    /** Exit code of a failure at run time. */
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the program.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // System.Logger and JUL (Undertow, the libraries) go through SLF4J to one line per event on stdout
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(execute(args));
    }

    /**
     * Runs the program and returns its exit code (for tests).
     *
     * @param args the command line
     * @return the exit code
     */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs the program with its output captured (for tests).
     *
     * @param out standard output
     * @param err error output
     * @param args the command line
     * @return the exit code
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new DinamicsMain());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof HostConfigException) {
                line.getErr().println(exception.getMessage());
                line.getErr().flush();
                return EXIT_USAGE;
            }
            line.getErr().println("dinamics: " + exception.getMessage());
            line.getErr().flush();
            if (System.getenv("DINAMICS_DEBUG") != null) {
                exception.printStackTrace(line.getErr());
            }
            return EXIT_FAILURE;
        });
        return commandLine.execute(args);
    }

    /**
     * Returns the running program's version.
     *
     * @return e.g. {@code 0.1.0-SNAPSHOT}
     */
    public static String version() {
        String version = DinamicsMain.class.getPackage().getImplementationVersion();
        return version == null ? DEFAULT_VERSION : version;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing a command: simulate, run, replay, rapi or release (see dinamics --help)");
    }

    /** Supplies {@code --version}. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dinamics " + version(), "Java " + System.getProperty("java.version")};
        }
    }
}
