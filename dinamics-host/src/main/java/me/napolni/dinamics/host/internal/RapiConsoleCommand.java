package me.napolni.dinamics.host.internal;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code dinamics rapi}: a RAPI console for installers. */
@Command(name = "rapi", mixinStandardHelpOptions = true,
        description = "Sends a RAPI command to a controller and prints its decoded reply, or opens a prompt when "
                + "no command is given. The gateway must not run on the same port at the same time.",
        footer = {"", "Examples:", "  dinamics rapi --port /dev/ttyUSB0 GV", "  dinamics rapi --port 127.0.0.1:8023 SC 16 V",
                "  dinamics rapi --port /dev/ttyUSB0          (interactive)"})
public final class RapiConsoleCommand implements Callable<Integer> {

    private static final Pattern HOST_PORT = Pattern.compile("(?:tcp://)?([^/:]+):([0-9]{1,5})");
    private static final List<String> NEVER = List.of("FF E", "Z0", "T0", "S2", "FK");
    private static final Map<String, String> STATES = Map.ofEntries(Map.entry("00", "starting"),
            Map.entry("01", "A: no car"), Map.entry("02", "B: car connected"), Map.entry("03", "C: charging"),
            Map.entry("04", "D: vent required"), Map.entry("05", "diode check failed"), Map.entry("06", "GFCI fault"),
            Map.entry("07", "no ground"), Map.entry("08", "stuck relay"), Map.entry("09", "GFI self-test failed"),
            Map.entry("0a", "over temperature"), Map.entry("0b", "over current"), Map.entry("fe", "sleeping"),
            Map.entry("ff", "disabled"));

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "DEV|HOST:PORT",
            description = "The controller: a serial device (115200 8N1, set with stty) or host:port of a TCP bridge.")
    private String port;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "1000",
            description = "Reply timeout, 100..10000 ms (default ${DEFAULT-VALUE}).")
    private long timeoutMs;

    @Option(names = "--force", description = "Also send commands that write EEPROM or that Dinamics never sends.")
    private boolean force;

    @Parameters(paramLabel = "CMD", arity = "0..*",
            description = "A command without $ or checksum, e.g. GS, or SC 16 V; the checksum is added.")
    private List<String> command;

    @Override
    public Integer call() throws Exception {
        CommandLine line = spec.commandLine();
        PrintWriter out = line.getOut();
        if (timeoutMs < 100 || timeoutMs > 10_000) {
            throw new CommandLine.ParameterException(line, "--timeout must be 100..10000 ms");
        }
        Matcher hostPort = HOST_PORT.matcher(port);
        RapiChargerPort.Connector connector = hostPort.matches()
                ? Connectors.tcp(hostPort.group(1), Integer.parseInt(hostPort.group(2)))
                : Connectors.serial(port, 115_200);
        RapiLink link;
        try {
            link = connector.connect(new RapiLink.Listener() {
                @Override
                public void onNotification(String code, List<String> fields, String raw) {
                    out.println("  (async) " + raw + describe(code, fields));
                    out.flush();
                }

                @Override
                public void onLinkLost(String reason) {
                    out.println("  (link lost: " + reason + ")");
                    out.flush();
                }
            });
        } catch (IOException e) {
            line.getErr().println("dinamics rapi: cannot open " + port + ": " + e.getMessage());
            return 1;
        }
        try {
            if (command != null && !command.isEmpty()) {
                return exchange(line, link, String.join(" ", command)) ? 0 : 1;
            }
            out.println("RAPI console on " + port + "; type a command (GV, GS, SC 16 V, ...), empty line or quit "
                    + "to leave.");
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String text;
            while (true) {
                out.print("rapi> ");
                out.flush();
                text = in.readLine();
                if (text == null || text.isBlank() || "quit".equals(text.trim())) {
                    break;
                }
                exchange(line, link, text.trim());
            }
            return 0;
        } finally {
            link.close();
        }
    }

    private boolean exchange(CommandLine line, RapiLink link, String text) throws InterruptedException {
        PrintWriter out = line.getOut();
        String cmd = text.startsWith("$") ? text.substring(1) : text;
        if (!cmd.matches("[A-Z0-9]{2}( [^ $^*]+)*")) {
            line.getErr().println("not a RAPI command: '" + text + "' (two letters, then parameters; no $ or checksum)");
            return false;
        }
        boolean forbidden = NEVER.stream().anyMatch(cmd::startsWith) || cmd.matches("SC [0-9]+ M");
        if (forbidden && !force) {
            line.getErr().println("refused: " + cmd + " is never sent by Dinamics (RAPI.md 6, gotcha 12); "
                    + "use --force if you really mean it");
            return false;
        }
        try {
            RapiLink.Reply reply = link.request(cmd, timeoutMs).get(timeoutMs + 2_000, TimeUnit.MILLISECONDS);
            out.println(reply.raw() + describe(cmd.substring(0, 2), reply));
            out.flush();
            return reply.ok();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            line.getErr().println("no reply: " + cause.getMessage());
            return false;
        }
    }

    private static String describe(String code, RapiLink.Reply reply) {
        List<String> f = reply.fields();
        if (!reply.ok()) {
            return f.isEmpty() ? "   (refused)" : "   (refused or clamped: " + String.join(" ", f) + ")";
        }
        switch (code) {
            case "GS":
                return f.size() >= 1 ? "   state " + STATES.getOrDefault(f.get(0).toLowerCase(Locale.ROOT), f.get(0))
                        + (f.size() >= 2 ? ", session " + f.get(1) + " s" : "") : "";
            case "GG":
                return f.size() >= 2 ? "   car " + reply.decimal(0, 0) / 1000.0 + " A at " + reply.decimal(1, 0) / 1000.0
                        + " V" : "";
            case "GC":
                return f.size() >= 3 ? "   min " + f.get(0) + " A, max " + f.get(1) + " A, pilot " + f.get(2) + " A"
                        + (f.size() >= 4 ? ", configured max " + f.get(3) + " A" : "") : "";
            case "GV":
                return f.size() >= 2 ? "   firmware " + f.get(0) + ", RAPI " + f.get(1) : "";
            case "GU":
                return f.size() >= 2 ? "   session " + reply.decimal(0, 0) / 3600 + " Wh, lifetime " + f.get(1) + " Wh"
                        : "";
            default:
                return "";
        }
    }

    private static String describe(String code, List<String> fields) {
        if ("AT".equals(code) && !fields.isEmpty()) {
            return "   state " + STATES.getOrDefault(fields.get(0).toLowerCase(Locale.ROOT), fields.get(0))
                    + (fields.size() >= 3 ? ", capacity " + fields.get(2) + " A" : "");
        }
        return "";
    }
}
