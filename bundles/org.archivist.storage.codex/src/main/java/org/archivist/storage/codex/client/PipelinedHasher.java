package org.archivist.storage.codex.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.archivist.storage.codex.cid.DatasetHasher;
import org.archivist.storage.codex.cid.DatasetTree;

/**
 * Hashes a download on its own thread while the caller's thread reads the network and writes the file: the
 * caller takes a buffer ({@link #buffer()}), fills it, hands it over ({@link #submit}) and writes it; the
 * hashing thread returns it to a small pool once hashed. Memory is bounded by the pool (4 × 1 MiB).
 */
final class PipelinedHasher implements AutoCloseable {
    static final int BUFFER_SIZE = 1 << 20;
    private static final int BUFFERS = 4;
    private static final Chunk END = new Chunk(null, 0);

    private record Chunk(byte[] data, int length) {
    }

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> work = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final DatasetHasher hasher;
    private final Thread thread;
    private volatile Throwable failure;
    private volatile DatasetTree tree;

    PipelinedHasher(int blockSize) {
        this.hasher = new DatasetHasher(blockSize);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER_SIZE]);
        }
        this.thread = new Thread(this::run, "codex-download-hasher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                Chunk c = work.take();
                if (c == END) {
                    tree = hasher.finish();
                    return;
                }
                hasher.update(c.data, 0, c.length);
                free.put(c.data);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failure = e;
            free.offer(new byte[BUFFER_SIZE]); // never leave the reader waiting for a buffer
        }
    }

    /** A buffer to fill; blocks while all are being hashed. */
    byte[] buffer() throws IOException {
        checkFailure();
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the hasher");
        }
    }

    /** Hands {@code length} filled bytes of a buffer from {@link #buffer()} to the hashing thread. */
    void submit(byte[] data, int length) throws IOException {
        checkFailure();
        put(new Chunk(data, length));
    }

    /** Waits for every submitted byte to be hashed and returns the tree. */
    DatasetTree finish() throws IOException {
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the hasher");
        }
        checkFailure();
        if (tree == null) {
            throw new IOException("the hashing thread stopped early");
        }
        return tree;
    }

    private void put(Chunk c) throws InterruptedIOException {
        try {
            work.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing data to the hasher");
        }
    }

    private void checkFailure() throws IOException {
        Throwable f = failure;
        if (f != null) {
            throw new IOException("hashing the download failed: " + f, f);
        }
    }

    /** Stops the hashing thread if the download ended early. */
    @Override
    public void close() {
        if (thread.isAlive() && tree == null) {
            thread.interrupt();
        }
    }
}
