package org.archivist.storage.codex.cid;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes the leaves of a dataset as bytes stream through it: the data is cut into blocks (64 KiB unless
 * told; the current line accepts any power of two from 4 KiB to 512 KiB), the last one zero-padded, each
 * hashed with SHA-256. Holds one block of data and 32 bytes per block.
 * Not thread-safe.
 */
public final class DatasetHasher {
    public static final int BLOCK_SIZE = 64 * 1024;
    public static final int MIN_BLOCK_SIZE = 4096;
    public static final int MAX_BLOCK_SIZE = 512 * 1024;

    /** Receives each finished (padded) block, for a store that keeps blocks. */
    @FunctionalInterface
    public interface BlockSink {
        void block(int index, byte[] paddedBlock, byte[] digest) throws IOException;
    }

    private final MessageDigest sha = Sha256.create();
    private final int blockSize;
    private final byte[] block;
    private final List<byte[]> leaves = new ArrayList<>();
    private final BlockSink sink;
    private int fill;
    private long size;
    private boolean finished;

    public DatasetHasher() {
        this(BLOCK_SIZE);
    }

    public DatasetHasher(int blockSize) {
        this(blockSize, (index, padded, digest) -> { });
    }

    public DatasetHasher(BlockSink sink) {
        this(BLOCK_SIZE, sink);
    }

    /** @throws IllegalArgumentException unless the block size is a power of two from 4 KiB to 512 KiB */
    public DatasetHasher(int blockSize, BlockSink sink) {
        this.blockSize = checkBlockSize(blockSize);
        this.block = new byte[blockSize];
        this.sink = sink;
    }

    /** Returns the block size when it is one a node accepts (a power of two, 4 KiB to 512 KiB), else throws. */
    public static int checkBlockSize(long blockSize) {
        if (blockSize < MIN_BLOCK_SIZE || blockSize > MAX_BLOCK_SIZE || Long.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("blockSize must be a power of two between " + MIN_BLOCK_SIZE
                    + " and " + MAX_BLOCK_SIZE + " bytes, not " + blockSize);
        }
        return (int) blockSize;
    }

    public int blockSize() {
        return blockSize;
    }

    public void update(byte[] bytes, int offset, int length) throws IOException {
        if (finished) {
            throw new IllegalStateException("hasher already finished");
        }
        int off = offset;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, blockSize - fill);
            System.arraycopy(bytes, off, block, fill, n);
            fill += n;
            off += n;
            left -= n;
            size += n;
            if (fill == blockSize) {
                emit();
            }
        }
    }

    /** Reads the stream to its end (it is not closed). */
    public void update(InputStream in) throws IOException {
        byte[] buffer = new byte[blockSize];
        int n;
        while ((n = in.read(buffer)) > 0) {
            update(buffer, 0, n);
        }
    }

    private void emit() throws IOException {
        byte[] digest = sha.digest(block);
        int index = leaves.size();
        leaves.add(digest);
        sink.block(index, block, digest);
        fill = 0;
    }

    /** Pads and hashes the last partial block; returns the dataset's tree. */
    public DatasetTree finish() throws IOException {
        if (!finished) {
            finished = true;
            if (fill > 0) {
                Arrays.fill(block, fill, blockSize, (byte) 0);
                emit();
            }
        }
        return new DatasetTree(size, blockSize, List.copyOf(leaves));
    }

    public long size() {
        return size;
    }
}
