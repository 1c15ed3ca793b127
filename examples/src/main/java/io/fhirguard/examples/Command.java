package io.fhirguard.examples;

import java.io.PrintStream;

/**
 * One subcommand of the examples jar.
 *
 * @since 1.0
 */
public interface Command {
    /**
     * Returns a one-line description for the usage text.
     *
     * @return the description
     */
    String summary();

    /**
     * Runs the command; long-running commands return when the process is asked to stop.
     *
     * @param settings the examples' settings
     * @param out where to print
     * @return the exit status: 0 for success, 1 for a failure
     * @throws IllegalArgumentException for invalid settings
     * @throws IllegalStateException when something the command needs cannot start
     */
    int run(ExampleSettings settings, PrintStream out);
}
