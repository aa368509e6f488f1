package org.archivist.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.archivist.core.internal.CrashPoints;

/** Crash-safe file replacement with the Status permissions (directories 0700, files 0644). */
public final class AtomicFiles {
    public static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");
    public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {
    }

    /** Creates {@code dir} and missing parents with mode 0700 (existing ones are left as they are). */
    public static void createPrivateDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createPrivateDirectories(parent);
        }
        try {
            Files.createDirectory(absolute);
            setPermissions(absolute, PRIVATE_DIR);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
        }
    }

    /** Sets POSIX permissions where the file system has them. */
    public static void setPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to set
        }
    }

    /**
     * Replaces {@code target} with {@code bytes} atomically, creating its directory when missing: written
     * to a fresh temporary sibling, forced to disk, renamed over the target, the directory forced. The
     * file gets the default permissions of new files.
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            writeAtomically(target, temp, bytes, Set.of());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Replaces {@code target} with {@code bytes} atomically: written to {@code temp} (same directory, with
     * {@code permissions} unless empty), forced to disk, renamed over the target, and the directory forced,
     * so that a crash at any point leaves either the old or the new file, never a mix.
     */
    public static void writeAtomically(Path target, Path temp, byte[] bytes, Set<PosixFilePermission> permissions)
            throws IOException {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            CrashPoints.reach("after writing " + temp.getFileName() + ", before forcing it");
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        if (!permissions.isEmpty()) {
            setPermissions(temp, permissions);
        }
        CrashPoints.reach("before renaming " + temp.getFileName() + " over " + target.getFileName());
        move(temp, target);
        CrashPoints.reach("after renaming over " + target.getFileName());
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /** Renames {@code from} over {@code to} atomically where the file system can, else replaces it. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes a rename or a file creation in {@code dir} durable. */
    public static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open directories; the rename itself is still atomic
        }
    }
}
