package org.archivist.tool.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * What the disk allows: writes {@code bytes} of incompressible data to a new file in a directory, through a
 * 1 MiB direct buffer, forcing it every {@code syncEvery} bytes and at the end (as the archive directory
 * forces each archive), then deletes it. Returns the nanoseconds it took and the CPU time of the writing
 * thread meanwhile (mostly the kernel's copy into the page cache: the floor of any build's CPU).
 */
final class DiskBaseline {
    private static final int BUFFER = 1 << 20;

    private DiskBaseline() {
    }

    /** Wall and thread CPU nanoseconds of one write+fsync. */
    record Timing(long nanos, long cpuNanos) {
    }

    static Timing writeAndSync(Path dir, long bytes, long syncEvery) throws IOException {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        byte[] noise = new byte[BUFFER];
        new Random(42).nextBytes(noise);
        buffer.put(noise).flip();
        Path file = Files.createTempFile(dir, "disk-baseline", ".bin");
        try {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                long written = 0;
                long sinceSync = 0;
                while (written < bytes) {
                    int n = (int) Math.min(BUFFER, bytes - written);
                    ByteBuffer b = buffer.duplicate().limit(n);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                    written += n;
                    sinceSync += n;
                    if (sinceSync >= syncEvery) {
                        ch.force(true);
                        sinceSync = 0;
                    }
                }
                ch.force(true);
            }
            return new Timing(System.nanoTime() - t0, threads.getCurrentThreadCpuTime() - cpu0);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
