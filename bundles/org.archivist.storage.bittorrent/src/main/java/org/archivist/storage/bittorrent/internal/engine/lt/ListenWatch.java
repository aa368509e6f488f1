package org.archivist.storage.bittorrent.internal.engine.lt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.libtorrent4j.AlertListener;
import org.libtorrent4j.alerts.Alert;
import org.libtorrent4j.alerts.AlertType;
import org.libtorrent4j.alerts.ListenFailedAlert;
import org.libtorrent4j.alerts.ListenSucceededAlert;
import org.libtorrent4j.alerts.SocketType;

/** The outcome of libtorrent's TCP listen, which it reports only as an alert. */
final class ListenWatch implements AlertListener {
    private final CompletableFuture<Integer> outcome = new CompletableFuture<>();

    @Override
    public int[] types() {
        return new int[] {AlertType.LISTEN_SUCCEEDED.swig(), AlertType.LISTEN_FAILED.swig()};
    }

    @Override
    public void alert(Alert<?> alert) {
        if (alert instanceof ListenSucceededAlert ok && ok.socketType() == SocketType.TCP) {
            outcome.complete(ok.port());
        } else if (alert instanceof ListenFailedAlert failed && failed.socketType() == SocketType.TCP) {
            outcome.completeExceptionally(new IllegalStateException("libtorrent cannot listen on "
                    + failed.listenInterface() + ": " + failed.error().getMessage()));
        }
    }

    /** The port listened on; throws the failure libtorrent reported, or after {@code timeout} without a word. */
    int await(Duration timeout) throws InterruptedException {
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (TimeoutException e) {
            throw new IllegalStateException("libtorrent did not report its TCP listener within " + timeout);
        }
    }
}
