package me.napolni.dinamics.host;

import java.util.List;

/**
 * A configuration file that cannot be used, with every problem found in it.
 *
 * <p>Each problem names the file and the key ({@code chargers[0].baud}), so an installer fixes them all in one go.
 */
public final class HostConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * Creates the exception.
     *
     * @param file the configuration file as given
     * @param problems one line per problem, each starting with the key
     */
    public HostConfigException(String file, List<String> problems) {
        super(format(file, problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns the problems, one per line, each starting with the key it concerns.
     *
     * @return the problems
     */
    public List<String> problems() {
        return problems;
    }

    private static String format(String file, List<String> problems) {
        StringBuilder text = new StringBuilder();
        text.append(file).append(": ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems").append(", nothing was started");
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  ").append(file).append(": ").append(problem);
        }
        return text.toString();
    }
}
