package org.archivist.tool.archive;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.core.directory.CorruptArchiveDirectoryException;
import org.archivist.core.directory.RecoveryReport;
import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.UsageException;

/**
 * {@code archivist repair}: rebuilds a community directory's index from its data file when the index is
 * lost, emptied or unreadable; reports what it recovered and what not. A directory that verifies is left
 * alone.
 */
public final class RepairCommand implements Command {
    @Override
    public String name() {
        return "repair";
    }

    @Override
    public String usage() {
        return "repair <data-dir>/<community> [--encrypt-key <hex32>] [--cut-tail]\n"
                + "         rebuild a lost or unreadable index from the data file (the old one is kept as"
                + " .index.before-repair); writes only when every archive decodes (--cut-tail: or when only an"
                + " interrupted last append does not)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Flags flags = Flags.parse(args, Set.of("encrypt-key"), Set.of("cut-tail"));
        if (flags.positional().size() != 1) {
            throw new UsageException("give exactly one directory, <data-dir>/<community>");
        }
        Path dir = Path.of(flags.positional().get(0)).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            err.println("archivist repair: " + dir + " is not a directory");
            return 1;
        }
        CommunityId community = BuildCommand.community(dir.getFileName().toString());
        Optional<ArchiveCipher> cipher = Ciphers.fromFlag(flags.optional("encrypt-key"));
        ArchiveDirectory directory = ArchiveDirectory.existing(dir.getParent(), community, cipher);
        try {
            long committed = directory.verify();
            out.println("# " + dir + " is consistent (" + directory.entries().size() + " archives, " + committed
                    + " bytes committed); nothing to repair");
            return 0;
        } catch (CorruptArchiveDirectoryException e) {
            out.println("# " + e.getMessage());
        } catch (ArchivistException e) {
            out.println("# the index cannot be read (" + e.getMessage() + ")");
        }
        RecoveryReport report = directory.rebuildIndex(flags.has("cut-tail"));
        for (RecoveryReport.Recovered r : report.recovered()) {
            PieceRange p = (PieceRange) r.entry().location();
            out.println("recovered " + r.entry().archiveId() + " " + r.entry().range().from() + " "
                    + r.entry().range().to() + " " + p.offset() + " " + p.size() + " " + p.padding() + " "
                    + r.messages() + (r.encrypted() ? " encrypted" : ""));
        }
        for (RecoveryReport.Unrecovered u : report.unrecovered()) {
            out.println("not recovered: bytes " + u.from() + " to " + u.to() + ": " + u.reason());
        }
        if (report.written()) {
            out.println("# index rebuilt with " + report.recovered().size() + " archives"
                    + (report.cutTail() > 0 ? "; " + report.cutTail() + " bytes of an interrupted append cut off" : ""));
            return 0;
        }
        if (report.recovered().isEmpty() && report.unrecovered().isEmpty()) {
            out.println("# the data file is empty: nothing to recover");
            return 0;
        }
        err.println("archivist repair: nothing was changed: " + report.unrecovered().size()
                + " range(s) do not decode" + (cipher.isEmpty() ? " (encrypted archives need --encrypt-key)" : "")
                + (tailOnly(report, directory) ? "; the only one is the data's tail: rerun with --cut-tail to cut it"
                        : ""));
        return 1;
    }

    private static boolean tailOnly(RecoveryReport report, ArchiveDirectory directory) throws ArchivistException {
        return report.unrecovered().size() == 1 && report.unrecovered().get(0).to() == directory.dataLength();
    }
}
