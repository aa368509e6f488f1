package org.archivist.commands.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.archivist.api.content.Transfer;

/** Follows a file transfer in a command: progress at most once a second, until it ends or the wait is over. */
final class TransferWait {
    private TransferWait() {
    }

    /**
     * The transfer's value; on failure an {@link IllegalStateException} with the reason; when the wait is over
     * an {@link IllegalStateException} saying that it goes on in the background.
     */
    static <T> T follow(Transfer<T> transfer, Duration wait, PrintStream out) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        long lastDone = -1;
        while (true) {
            try {
                return transfer.result().get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("not finished within " + wait.toSeconds() + " s; it goes on in"
                            + " the background (file:status shows it)");
                }
                long done = transfer.doneBytes();
                if (done != lastDone) {
                    out.println("  " + transfer.state() + " " + FileStatusLines.progress(
                            new org.archivist.api.content.TransferInfo(
                                    org.archivist.api.content.TransferInfo.Direction.FETCH, "",
                                    java.util.Optional.empty(), transfer.state(), done, transfer.totalBytes(),
                                    java.time.Instant.now(), java.util.Optional.empty())));
                    lastDone = done;
                }
            } catch (ExecutionException e) {
                Throwable c = e.getCause() == null ? e : e.getCause();
                throw new IllegalStateException(c.getMessage() == null ? c.toString() : c.getMessage(), c);
            } catch (CancellationException e) {
                throw new IllegalStateException("cancelled", e);
            }
        }
    }
}
