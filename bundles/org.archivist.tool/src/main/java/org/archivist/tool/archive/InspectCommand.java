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
import org.archivist.api.IndexEntry;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.InvalidArchiveException;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.core.directory.CorruptArchiveDirectoryException;
import org.archivist.core.member.ArchiveReader;
import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.UsageException;

/**
 * {@code archivist inspect}: lists a community directory's index entries and checks everything: the
 * index, the layout of the data file, and every archive against its entry. Changes nothing.
 */
public final class InspectCommand implements Command {
    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String usage() {
        return "inspect <data-dir>/<community> [--encrypt-key <hex32>] [--torrent-dir <dir>]\n"
                + "         list the index entries (id, from, to, offset, size, padding, messages), check everything"
                + " (with the piece hashes of <community>.torrent when found) and say which checks ran; exit 1 when"
                + " the directory is corrupt or inconsistent";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Flags flags = Flags.parse(args, Set.of("encrypt-key", "torrent-dir"));
        if (flags.positional().size() != 1) {
            throw new UsageException("give exactly one directory, <data-dir>/<community>");
        }
        Path dir = Path.of(flags.positional().get(0)).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            err.println("archivist inspect: " + dir + " is not a directory");
            return 1;
        }
        CommunityId community = BuildCommand.community(dir.getFileName().toString());
        Optional<ArchiveCipher> cipher = Ciphers.fromFlag(flags.optional("encrypt-key"));
        try {
            int status = inspect(ArchiveDirectory.existing(dir.getParent(), community, cipher), cipher, out, err);
            return status != 0 ? status : checkPieces(dir, flags.optional("torrent-dir").map(Path::of), out, err);
        } catch (CorruptArchiveDirectoryException | InvalidArchiveException e) {
            err.println("archivist inspect: " + dir + " is corrupt or inconsistent: " + e.getMessage());
            return 1;
        } catch (ArchivistException e) {
            err.println("archivist inspect: cannot inspect " + dir + ": " + e.getMessage()
                    + (cipher.isEmpty() ? " (encrypted archives need --encrypt-key)" : ""));
            return 1;
        }
    }

    /** The piece hashes of the community's torrent, when there is one: the only check that sees payload flips. */
    private static int checkPieces(Path dir, Optional<Path> torrentDir, PrintStream out, PrintStream err)
            throws java.io.IOException {
        Optional<TorrentPieceCheck> torrent = TorrentPieceCheck.find(dir, torrentDir);
        if (torrent.isEmpty()) {
            out.println("# not checked: piece hashes (no " + dir.getFileName() + ".torrent found; give --torrent-dir)");
            return 0;
        }
        List<String> problems = torrent.get().all(dir);
        if (!problems.isEmpty()) {
            err.println("archivist inspect: " + dir + " does not match " + torrent.get().file() + ": "
                    + String.join("; ", problems));
            return 1;
        }
        out.println("# checked: data and index against the " + torrent.get().pieceCount() + " piece hashes of "
                + torrent.get().file());
        return 0;
    }

    private static int inspect(ArchiveDirectory directory, Optional<ArchiveCipher> cipher, PrintStream out,
            PrintStream err) throws ArchivistException {
        if (!Files.exists(directory.indexFile())) {
            if (directory.dataLength() > 0) {
                err.println("archivist inspect: " + directory.dataFile() + " has " + directory.dataLength()
                        + " bytes but there is no index: an interrupted first run (the next build cuts it off)");
            }
            out.println("# no archives");
            return 0;
        }
        long committed = directory.verify();
        List<IndexEntry> entries = directory.entries();
        ArchiveReader reader = new ArchiveReader();
        out.println("# archiveId from to offset size padding messages");
        long messages = 0;
        for (IndexEntry e : entries) {
            PieceRange r = (PieceRange) e.location();
            byte[] blob = directory.readBlob(r);
            int count = reader.readArchive(directory.community(), e, blob, cipher).size();
            messages += count;
            out.println(e.archiveId() + " " + e.range().from() + " " + e.range().to() + " " + r.offset() + " "
                    + r.size() + " " + r.padding() + " " + count);
        }
        out.println("# " + entries.size() + " archives, " + messages + " messages, data " + committed + " bytes");
        out.println("# checked: the index decodes" + (cipher.isPresent() ? " (decrypted)" : "")
                + "; its archives tile the data from offset 0; each archive decodes and matches its entry");
        long length = directory.dataLength();
        if (length > committed) {
            err.println("archivist inspect: " + directory.dataFile() + " has " + (length - committed)
                    + " uncommitted bytes after the last archive (an interrupted run; the next build cuts them off)");
        }
        return 0;
    }
}
