package org.archivist.storage.codex.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The blobs a Codex blob store keeps on its node, on disk: {@code <dir>/<cid>.blob} is the local copy (to put back
 * what the node lost or let expire), {@code <dir>/<cid>.refreshed} the clock millis of the last store on the node.
 * Each file is written to a temporary file and moved into place, so a crash leaves either the old or the new one.
 */
final class KeptBlobs {
    private static final String BLOB = ".blob";
    private static final String REFRESHED = ".refreshed";
    private final Path dir;

    KeptBlobs(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        try (DirectoryStream<Path> scratch = Files.newDirectoryStream(dir, "*.part")) {
            for (Path p : scratch) {
                Files.deleteIfExists(p); // a copy a crash interrupted
            }
        }
    }

    Path copy(String cid) {
        return dir.resolve(cid + BLOB);
    }

    /** Copies {@code source} into the store (a no-op when the copy exists already). */
    Path keepCopy(String cid, Path source) throws IOException {
        Path target = copy(cid);
        if (Files.isRegularFile(target) && Files.size(target) == Files.size(source)) {
            return target;
        }
        Path temp = Files.createTempFile(dir, cid, ".part");
        try {
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    void refreshed(String cid, long millis) throws IOException {
        Path temp = Files.createTempFile(dir, cid, ".part");
        try {
            Files.writeString(temp, Long.toString(millis), StandardCharsets.US_ASCII);
            move(temp, dir.resolve(cid + REFRESHED));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** When the blob was last stored on the node; empty when it is not kept. */
    OptionalLong refreshedAt(String cid) throws IOException {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(dir.resolve(cid + REFRESHED),
                    StandardCharsets.US_ASCII).strip()));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.of(0); // unreadable: due for a refresh now
        }
    }

    /** The kept CIDs, sorted. */
    List<String> cids() throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + REFRESHED)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                out.add(name.substring(0, name.length() - REFRESHED.length()));
            }
        }
        out.sort(null);
        return out;
    }

    void forget(String cid) throws IOException {
        Files.deleteIfExists(dir.resolve(cid + REFRESHED));
        Files.deleteIfExists(copy(cid));
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
