package org.archivist.content.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.archivist.api.content.FileLink;
import org.archivist.api.content.TransferInfo;
import org.archivist.api.content.TransferState;

/**
 * The file service's transfers for status displays: every running one, and the {@code keptFinished} most recent
 * finished ones (older finished ones are forgotten as new transfers start).
 */
final class TransferLog {
    private final int keptFinished;
    private final Clock clock;
    private final Deque<Entry> entries = new ArrayDeque<>();

    private record Entry(TransferInfo.Direction direction, String name, Instant started, BackgroundTransfer<?> handle,
            Optional<FileLink> fetchedLink) {
    }

    TransferLog(int keptFinished, Clock clock) {
        this.keptFinished = keptFinished;
        this.clock = clock;
    }

    synchronized void publishing(String name, PublishTransfer handle) {
        add(new Entry(TransferInfo.Direction.PUBLISH, name, clock.instant(), handle, Optional.empty()));
    }

    synchronized void fetching(FileLink link, BackgroundTransfer<?> handle) {
        add(new Entry(TransferInfo.Direction.FETCH, link.link(), clock.instant(), handle, Optional.of(link)));
    }

    private void add(Entry e) {
        entries.addLast(e);
        int finished = 0;
        for (Entry x : entries) {
            if (x.handle().state().finished()) {
                finished++;
            }
        }
        var it = entries.iterator();
        while (finished > keptFinished && it.hasNext()) {
            if (it.next().handle().state().finished()) {
                it.remove();
                finished--;
            }
        }
    }

    synchronized List<TransferInfo> snapshot() {
        List<TransferInfo> out = new ArrayList<>();
        for (Entry e : entries) {
            BackgroundTransfer<?> h = e.handle();
            TransferState state = h.state();
            Optional<FileLink> link = e.fetchedLink().or(() -> done(h.linkFuture()));
            Optional<String> failure = state == TransferState.FAILED ? failure(h.result()) : Optional.empty();
            out.add(new TransferInfo(e.direction(), e.name(), link, state, h.doneBytes(), h.totalBytes(),
                    e.started(), failure));
        }
        return out;
    }

    private static Optional<FileLink> done(CompletableFuture<FileLink> f) {
        return f.isDone() && !f.isCompletedExceptionally() ? Optional.of(f.join()) : Optional.empty();
    }

    private static Optional<String> failure(CompletableFuture<?> f) {
        if (!f.isDone()) {
            return Optional.empty(); // the state is final a moment before the result completes
        }
        try {
            f.get();
            return Optional.empty();
        } catch (ExecutionException | CompletionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            return Optional.of(c.getMessage() == null ? c.toString() : c.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.toString());
        }
    }
}
