package org.archivist.core.directory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Forces a session's appends to disk on a background thread, one at a time, so that the next archive is
 * encoded and written while the last one is forced. {@link #submit} first waits for the previous force (at
 * most one archive is unforced behind the one being written); {@link #await} waits for all of them and is
 * called before the index is committed, so an index never names data that is not on disk. A failed force
 * fails every later call: the session cannot commit any more.
 */
final class BackgroundForce implements AutoCloseable {
    private ExecutorService thread;
    private Future<?> pending;
    private IOException failure;

    /** Waits for the previous force, then forces {@code channel} in the background and closes it (owned from here). */
    void submit(FileChannel channel) throws IOException {
        try {
            await();
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "archivist-data-force");
                t.setDaemon(true);
                return t;
            });
        }
        pending = thread.submit(() -> {
            try (channel) {
                channel.force(true);
            }
            return null;
        });
    }

    /** Returns once every submitted append is on disk; throws if one could not be forced. */
    void await() throws IOException {
        if (failure != null) {
            throw new IOException("an earlier archive could not be forced to disk (" + failure.getMessage() + ")",
                    failure);
        }
        if (pending == null) {
            return;
        }
        try {
            pending.get();
            pending = null;
        } catch (ExecutionException e) {
            pending = null;
            Throwable cause = e.getCause();
            failure = cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause);
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while an archive was forced to disk");
        }
    }

    /** Waits for a running force (without failing) and stops the thread. */
    @Override
    public void close() {
        if (pending != null) {
            boolean interrupted = false;
            while (true) {
                try {
                    pending.get();
                    break;
                } catch (ExecutionException e) {
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            pending = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (thread != null) {
            thread.shutdown();
            thread = null;
        }
    }

    private static void closeQuietly(FileChannel channel, Exception cause) {
        try {
            channel.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
