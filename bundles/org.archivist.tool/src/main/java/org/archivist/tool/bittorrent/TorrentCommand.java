package org.archivist.tool.bittorrent;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.archivist.api.CommunityId;
import org.archivist.core.io.AtomicFiles;
import org.archivist.storage.bittorrent.StatusTorrent;
import org.archivist.tool.Command;
import org.archivist.tool.Flags;
import org.archivist.tool.UsageException;

/**
 * {@code archivist torrent <data-dir>/<community> --torrent-dir <dir>}: builds the community's torrent
 * exactly as status-go does, writes {@code <dir>/<community>.torrent} and prints the infohash and magnet link.
 */
public final class TorrentCommand implements Command {

    @Override
    public String name() {
        return "torrent";
    }

    @Override
    public String usage() {
        return "torrent <data-dir>/<community> --torrent-dir <dir> [--created-by <text>]   writes <dir>/<community>"
                + ".torrent (status-go layout), prints infohash and magnet link";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        BtLogging.quiet();
        Flags o = Flags.parse(args, Set.of("torrent-dir", "created-by"));
        if (o.positional().size() != 1) {
            throw new UsageException("give exactly one community directory (<data-dir>/<community>)");
        }
        String torrentDir = o.optional("torrent-dir").orElse(null);
        if (torrentDir == null) {
            throw new UsageException("--torrent-dir is required");
        }
        Path dir = Path.of(o.positional().get(0)).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            err.println("archivist torrent: " + dir + " is not a directory");
            return 1;
        }
        String name = dir.getFileName().toString();
        try {
            CommunityId.of(name);
        } catch (IllegalArgumentException e) {
            err.println("warning: " + name + " is not a community id; status-go names the directory (and so the"
                    + " torrent) after the community");
        }
        String refused = org.archivist.tool.archive.DirectoryPublishCheck.problem(dir, Path.of(torrentDir));
        if (refused != null) {
            err.println("archivist torrent: refusing " + dir + ": " + refused);
            return 1;
        }
        StatusTorrent torrent = StatusTorrent.build(dir, o.optional("created-by").orElse("archivist"),
                Instant.now().getEpochSecond());
        Path file = Path.of(torrentDir).resolve(name + ".torrent");
        AtomicFiles.write(file, torrent.bytes());
        out.println("torrent  " + file);
        out.println("pieces   " + torrent.pieceCount() + " x " + torrent.pieceLength() + " bytes, data "
                + torrent.fileLength(StatusTorrent.DATA_FILE).orElseThrow() + " + index "
                + torrent.fileLength(StatusTorrent.INDEX_FILE).orElseThrow() + " bytes");
        out.println("infohash " + torrent.infoHashHex());
        out.println("magnet   " + torrent.magnet());
        return 0;
    }
}
