package me.napolni.dinamics.core.device;

import java.util.Objects;

/**
 * The outcome of one command: accepted with the value now in force, or rejected with a reason word.
 *
 * <p>Reason words are those of TOPICS.md §2 ({@code out_of_range}, {@code inconsistent}, {@code evse_offline},
 * {@code not_charging}, {@code busy}, {@code not_configured}, {@code overloaded}, {@code evse_rejected},
 * {@code evse_timeout}, {@code update_failed}, {@code not_a_command}, {@code not_allowed}, {@code not_a_time},
 * ...). A rejected command changed nothing and persisted nothing.
 *
 * @param ok true when the command was applied
 * @param value the value now in force after an accepted command (a number or text such as a delay timer), or null
 * @param reason the reason word of a rejection, null when accepted
 * @param expected what would have been accepted, e.g. {@code 6..100}, {@code 1} or {@code allowlist}; may be null
 * @param detail optional free text, e.g. the charger's {@code $NK} frame; may be null
 */
public record CommandResult(boolean ok, String value, String reason, String expected, String detail) {

    /**
     * Checks that a rejection names its reason.
     *
     * @param ok true when the command was applied
     * @param value the value now in force, or null
     * @param reason the reason word of a rejection
     * @param expected what would have been accepted, or null
     * @param detail optional free text, or null
     * @throws IllegalArgumentException when a rejection has no reason
     */
    public CommandResult {
        if (!ok) {
            Objects.requireNonNull(reason, "a rejection needs a reason");
        }
    }

    /**
     * An accepted command.
     *
     * @param value the value now in force, or null when the command has none
     * @return the result
     */
    public static CommandResult accepted(String value) {
        return new CommandResult(true, value, null, null, null);
    }

    /**
     * An accepted command with a numeric value in force.
     *
     * @param value the value now in force
     * @return the result
     */
    public static CommandResult accepted(long value) {
        return accepted(Long.toString(value));
    }

    /**
     * A rejected command.
     *
     * @param reason the reason word (TOPICS.md §2)
     * @param expected what would have been accepted, or null
     * @param detail optional free text, or null
     * @return the result
     */
    public static CommandResult rejected(String reason, String expected, String detail) {
        return new CommandResult(false, null, reason, expected, detail);
    }
}
