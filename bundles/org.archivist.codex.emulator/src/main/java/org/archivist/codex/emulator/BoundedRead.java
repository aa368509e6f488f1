package org.archivist.codex.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Reads a body from outside with a size limit and a deadline, never allocating more than it has read. */
final class BoundedRead {
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "codex-emulator-read-deadlines");
        t.setDaemon(true);
        return t;
    });

    private BoundedRead() {
    }

    /** The whole stream when it holds at most {@code max} bytes and ends within {@code deadline}; else null. */
    static byte[] read(InputStream in, int max, Duration deadline) throws IOException {
        ScheduledFuture<?> timer = DEADLINES.schedule(() -> {
            try {
                in.close(); // unblocks a read waiting on a trickling peer
            } catch (IOException e) {
                // closing is all that matters
            }
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            byte[] buffer = new byte[Math.min(max + 1, 64 * 1024)];
            int fill = 0;
            while (true) {
                if (fill == buffer.length) {
                    if (buffer.length > max) {
                        return null; // more than max bytes
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min((long) max + 1, buffer.length * 2L));
                }
                int n = in.read(buffer, fill, buffer.length - fill);
                if (n < 0) {
                    return Arrays.copyOf(buffer, fill);
                }
                fill += n;
            }
        } catch (IOException e) {
            return null;
        } finally {
            timer.cancel(false);
        }
    }
}
