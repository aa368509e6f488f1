package org.archivist.content.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes not yet stored, on disk, so that a crash or a restart loses none: {@code <dir>/<id>.blob} is the
 * content as it will be stored (encrypted when it must be), {@code <id>.pending} names the storage type and the
 * file link's community field. The blob is written and forced before the record appears; both go once stored.
 */
final class Outbox {
    private final Path dir;

    /** A publish waiting to be stored. */
    record Pending(String id, Path blob, String storageType, String encryptedFor) {
    }

    Outbox(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*.part")) {
            for (Path p : parts) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A fresh blob path for a new publish (its record is written by {@link #record}). */
    Path newBlob(String[] idOut) {
        String id = UUID.randomUUID().toString();
        idOut[0] = id;
        return dir.resolve(id + ".blob");
    }

    Pending record(String id, String storageType, String encryptedFor) throws IOException {
        Path blob = dir.resolve(id + ".blob");
        try (var channel = java.nio.channels.FileChannel.open(blob, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Path temp = dir.resolve(id + ".pending.part");
        Files.writeString(temp, storageType + "\n" + encryptedFor + "\n", StandardCharsets.UTF_8);
        move(temp, dir.resolve(id + ".pending"));
        return new Pending(id, blob, storageType, encryptedFor);
    }

    void done(Pending p) throws IOException {
        Files.deleteIfExists(dir.resolve(p.id() + ".pending"));
        Files.deleteIfExists(p.blob());
    }

    /** Drops a blob whose publish never got its record (cancelled or failed before). */
    void discard(String id) throws IOException {
        Files.deleteIfExists(dir.resolve(id + ".pending"));
        Files.deleteIfExists(dir.resolve(id + ".blob"));
    }

    /**
     * The publishes recorded and not done; blobs without a record (a crash while preparing) are deleted unless
     * their id is {@code active} (being prepared now).
     */
    List<Pending> pending(java.util.Set<String> active) throws IOException {
        List<Pending> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.blob")) {
            for (Path blob : files) {
                String name = blob.getFileName().toString();
                String id = name.substring(0, name.length() - ".blob".length());
                Path record = dir.resolve(id + ".pending");
                if (!Files.isRegularFile(record)) {
                    if (!active.contains(id)) {
                        Files.deleteIfExists(blob);
                    }
                    continue;
                }
                String[] lines = Files.readString(record, StandardCharsets.UTF_8).split("\n");
                if (lines.length >= 2) {
                    out.add(new Pending(id, blob, lines[0], lines[1]));
                }
            }
        }
        return out;
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
