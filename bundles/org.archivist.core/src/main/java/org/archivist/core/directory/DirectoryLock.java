package org.archivist.core.directory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.storage.StorageException;
import org.archivist.core.io.AtomicFiles;

/**
 * The one-writer lock of a community directory: an OS lock ({@link FileChannel#tryLock}) on
 * {@value #FILE} inside it, which names its holder ({@code pid <n> on <host> since <time>}). Within one
 * JVM a set of held paths stands in, since the OS lock belongs to the process. The lock file is never
 * deleted (deleting it would let a waiting writer lock an orphaned inode).
 */
final class DirectoryLock implements AutoCloseable {
    static final String FILE = ".archivist.lock";
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final long POLL_MILLIS = 100;
    private static final int MAX_HOLDER_CHARS = 200;

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private DirectoryLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (created when missing), waiting up to {@code wait} for another holder to let go.
     *
     * @throws DirectoryLockedException when it is still held after {@code wait}, naming the holder
     */
    static DirectoryLock acquire(Path dir, Duration wait) throws StorageException {
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        while (true) {
            Holder attempt = tryAcquire(dir);
            if (attempt.lock().isPresent()) {
                return attempt.lock().get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new DirectoryLockedException(dir + " is being written by another archive run (" + attempt.holder()
                        + (wait.isZero() ? "" : "; waited " + wait.toSeconds() + " s")
                        + "); nothing was changed. Retry when it is done" + (wait.isZero() ? " (or wait for it)" : ""));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while waiting for the lock of " + dir, true, e);
            }
        }
    }

    /** The lock, or who holds it. */
    record Holder(Optional<DirectoryLock> lock, String holder) {
    }

    static Holder tryAcquire(Path dir) throws StorageException {
        Path key = dir.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            return new Holder(Optional.empty(), "held by this process, pid " + ProcessHandle.current().pid());
        }
        FileChannel channel = null;
        try {
            AtomicFiles.createPrivateDirectories(key);
            Path file = key.resolve(FILE);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                HELD.remove(key);
                return new Holder(Optional.empty(), holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(describeSelf().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new Holder(Optional.of(new DirectoryLock(key, channel, lock)), "");
        } catch (IOException e) {
            HELD.remove(key);
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
            }
            throw new StorageException("cannot lock " + key.resolve(FILE) + ": " + e.getMessage(), true, e);
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_HOLDER_CHARS);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "held by another process" : "held by " + text.replaceAll("\\p{Cntrl}", "?");
    }

    private static String describeSelf() {
        return "pid " + ProcessHandle.current().pid() + " on " + hostName() + " since " + Instant.now() + "\n";
    }

    /** The host name without a DNS lookup (which may hang on an offline machine). */
    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).strip();
            if (!name.isEmpty() && name.length() < 100) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to the environment
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "an unknown host" : env;
    }

    static boolean heldHere(Path dir) {
        return HELD.contains(dir.toAbsolutePath().normalize());
    }

    @Override
    public void close() throws StorageException {
        if (released) {
            return;
        }
        released = true;
        try {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        } catch (IOException e) {
            throw new StorageException("cannot release the lock of " + key + ": " + e.getMessage(), false, e);
        } finally {
            HELD.remove(key);
        }
    }
}
