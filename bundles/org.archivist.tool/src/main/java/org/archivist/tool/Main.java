package org.archivist.tool;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Entry point of {@code ./archivist}: dispatches to the subcommands. */
public final class Main {

    /** Every subcommand, in the order {@code help} lists them. */
    static List<Command> commands() {
        return List.of(
                new org.archivist.tool.demo.DemoCommand(),
                new org.archivist.tool.archive.BuildCommand(),
                new org.archivist.tool.archive.InspectCommand(),
                new org.archivist.tool.archive.RepairCommand(),
                new org.archivist.tool.fuzz.FuzzCommand(),
                new org.archivist.tool.migrate.MigrateCommand(),
                new org.archivist.tool.codex.CodexEmulatorCommand(),
                new org.archivist.tool.codex.CodexBenchCommand(),
                new org.archivist.tool.archive.BenchBuildCommand(),
                new org.archivist.tool.archive.BenchImportCommand(),
                new org.archivist.tool.archive.BenchMemberCommand(),
                new org.archivist.tool.scale.ScaleBenchCommand(),
                new org.archivist.tool.bittorrent.TorrentCommand(),
                new org.archivist.tool.bittorrent.FetchCommand(),
                new org.archivist.tool.bittorrent.BenchBittorrentCommand(),
                new org.archivist.tool.content.BenchFilesCommand());
    }

    public static void main(String[] args) {
        Thread.setDefaultUncaughtExceptionHandler(
                (thread, e) -> System.err.println("archivist: thread " + thread.getName() + " failed: " + oneLine(e)));
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, commands(), out, err);
    }

    static int run(String[] args, List<Command> commands, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            printHelp(out);
            return 0;
        }
        Optional<Command> command = commands.stream().filter(c -> c.name().equals(args[0])).findFirst();
        if (command.isEmpty()) {
            err.println("archivist: unknown command '" + args[0] + "'");
            printHelp(err);
            return 2;
        }
        try {
            return command.get().run(Arrays.asList(args).subList(1, args.length), out, err);
        } catch (UsageException e) {
            err.println("archivist " + command.get().name() + ": " + e.getMessage());
            err.println("usage: archivist " + command.get().usage());
            return 2;
        } catch (Exception e) {
            err.println("archivist " + command.get().name() + ": " + oneLine(e));
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("archivist " + command.get().name() + ": out of memory (" + e.getMessage()
                    + "); nothing half-written was committed");
            return 1;
        } catch (Throwable e) {
            err.println("archivist " + command.get().name() + ": internal error: " + oneLine(e));
            return 1;
        }
    }

    /** The message of {@code e} on one line (its class when it has none). */
    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.replaceAll("[\\r\\n]+", " ");
    }

    private static void printHelp(PrintStream out) {
        out.println("usage: archivist <command> [arguments]");
        out.println();
        out.println("  test   run the whole test suite (installs python3-libtorrent first when run as root)");
        for (Command c : commands()) {
            out.println("  " + c.usage());
        }
    }
}
