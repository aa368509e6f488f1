package org.archivist.storage.bittorrent.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.archivist.api.CommunityId;
import org.archivist.api.storage.MemberCopies.MemberCopy;
import org.archivist.api.storage.StorageException;
import org.archivist.core.io.DirectorySizes;

/**
 * The member sets under {@code <dataDir>/<community>/}: the directories of communities this node never built a
 * torrent for ({@code <torrentDir>/<community>.torrent}, written by each owner's commit; such a set is an owner's,
 * never listed nor deleted).
 */
final class MemberSets {
    private final Path dataDir;
    private final CommunityTorrents torrents;

    MemberSets(Path dataDir, CommunityTorrents torrents) { // torrents: only its file names are read
        this.dataDir = dataDir;
        this.torrents = torrents;
    }

    List<MemberCopy> list() throws StorageException {
        List<MemberCopy> out = new ArrayList<>();
        if (!Files.isDirectory(dataDir)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(dataDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                CommunityId community = communityOf(dir);
                if (community != null && !published(community)) {
                    out.add(new MemberCopy(community, DirectorySizes.bytesUnder(dir), lastWritten(dir)));
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot list the member sets under " + dataDir + ": " + e, true, e);
        }
        return out;
    }

    long release(CommunityId community) throws StorageException {
        if (published(community)) {
            throw new StorageException("community " + community + "'s archive set under " + dataDir
                    + " is one this node published: it is never released", false);
        }
        Path dir = dataDir.resolve(community.hex());
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try {
            long bytes = DirectorySizes.bytesUnder(dir);
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            return bytes;
        } catch (IOException e) {
            throw new StorageException("cannot delete the member set " + dir + ": " + e, true, e);
        }
    }

    private boolean published(CommunityId community) {
        return Files.exists(torrents.torrentFile(community));
    }

    private static CommunityId communityOf(Path dir) {
        try {
            return CommunityId.of(dir.getFileName().toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant lastWritten(Path dir) throws IOException {
        FileTime newest = FileTime.fromMillis(0);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                FileTime t = Files.getLastModifiedTime(p);
                if (t.compareTo(newest) > 0) {
                    newest = t;
                }
            }
        }
        return newest.toInstant();
    }
}
