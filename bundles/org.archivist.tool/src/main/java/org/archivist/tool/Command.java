package org.archivist.tool;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of the offline tool. */
public interface Command {

    /** The word after {@code archivist}. */
    String name();

    /** One line: the arguments and what the command does. */
    String usage();

    /**
     * Runs the command.
     *
     * @return the process exit code: 0 on success, 1 on a failure the message explains, 2 on bad usage
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
