package org.archivist.storage.codex.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;

import org.archivist.api.content.BlobStore;
import org.archivist.api.content.CancelSignal;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.InvalidLinkException;
import org.archivist.api.content.TransferProgress;
import org.archivist.api.storage.BackendStatus;
import org.archivist.storage.codex.cid.Cid;
import org.archivist.storage.codex.cid.CodexContentIds;
import org.archivist.storage.codex.cid.InvalidCidException;
import org.archivist.storage.codex.client.Cancellation;
import org.archivist.storage.codex.client.CodexClient;
import org.archivist.storage.codex.client.CodexException;
import org.archivist.storage.codex.client.DownloadOptions;
import org.archivist.storage.codex.client.Space;
import org.archivist.storage.codex.client.UploadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.inject.Inject;

/**
 * Blobs on a Codex node. Uploads use fixed parameters (no filename, no MIME type, 64 KiB blocks), so a blob's CID
 * is a pure function of its bytes (and of the node's line, whose manifest format differs) and is computed before
 * anything is sent; the node's answer must be that CID. Each kept blob has a local copy, and {@link #refreshDue()}
 * stores it again on the node every refresh period, so that the node's block TTL (30 days by default) never
 * expires it while it is kept; a blob the node lost is put back the same way. Fetches stream to disk and are
 * verified against the CID (manifest, dataset size, tree) by the client before the target is replaced.
 */
public final class CodexBlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(CodexBlobStore.class);
    private static final UploadOptions FIXED = UploadOptions.DEFAULT;
    private static final int UPLOAD_ATTEMPTS = 3;

    private final CodexClient client;
    private final KeptBlobs kept;
    private final Duration refreshPeriod;
    private final Clock clock;
    private volatile BackendStatus status = BackendStatus.starting("the Codex node has not been asked yet");

    /**
     * @param stateDir      where the kept blobs' local copies and refresh times live
     * @param refreshPeriod how often a kept blob is stored again; well below the node's block TTL
     */
    @Inject
    public CodexBlobStore(CodexClient client, Path stateDir, Duration refreshPeriod, Clock clock) throws IOException {
        if (refreshPeriod.isNegative() || refreshPeriod.isZero()) {
            throw new IllegalArgumentException("the refresh period must be positive: " + refreshPeriod);
        }
        this.client = client;
        this.kept = new KeptBlobs(stateDir);
        this.refreshPeriod = refreshPeriod;
        this.clock = clock;
    }

    @Override
    public BackendStatus status() {
        return status;
    }

    /** Asks the node for its space: UP with the quota figures when it answers, DOWN with the cause when not. */
    public BackendStatus probe() {
        try {
            Space space = client.space();
            status = BackendStatus.up(Map.of(CodexBackend.METRIC_QUOTA_USED, space.quotaUsedBytes(),
                    CodexBackend.METRIC_QUOTA_MAX, space.quotaMaxBytes()));
        } catch (IOException | RuntimeException e) {
            status = BackendStatus.down("the Codex node at " + client.apiRoot() + " is unreachable: " + e);
        }
        return status;
    }

    @Override
    public boolean recognizes(String link) {
        try {
            return link != null && Cid.parse(link).isManifest();
        } catch (InvalidCidException e) {
            return false;
        }
    }

    @Override
    public String linkOf(Path file) throws ContentException {
        try {
            return CodexContentIds.manifestCid(file, FIXED.filename(), FIXED.mimetype(), client.line()).toString();
        } catch (IOException e) {
            throw new ContentException("cannot hash " + file + ": " + e, !(e instanceof CodexException), e);
        }
    }

    @Override
    public String put(Path file, TransferProgress progress, CancelSignal cancel)
            throws ContentException, InterruptedException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a regular file: " + file);
        }
        String cid = linkOf(file);
        try {
            Path copy = kept.keepCopy(cid, file);
            long size = Files.size(copy);
            if (client.exists(cid)) {
                LOG.debug("the node already holds {}; not uploaded again", cid);
                progress.bytes(size, size);
            } else {
                upload(cid, copy, progress, cancel);
            }
            kept.refreshed(cid, clock.millis());
            return cid;
        } catch (IOException e) {
            throw ContentErrors.of("store " + file.getFileName() + " as " + cid, e);
        }
    }

    /** Uploads the local copy, retrying transient failures; the stream reports progress and honours cancel. */
    private void upload(String cid, Path copy, TransferProgress progress, CancelSignal cancel)
            throws IOException, InterruptedException {
        long size = Files.size(copy);
        for (int attempt = 1;; attempt++) {
            if (cancel.isCancelled()) {
                throw new CancellationException("upload of " + cid + " cancelled");
            }
            try (InputStream in = new ProgressInputStream(Files.newInputStream(copy), size, progress, cancel)) {
                String got = client.upload(in, FIXED);
                if (!got.equals(cid)) {
                    throw new org.archivist.storage.codex.client.CodexIntegrityException("the node answered " + got
                            + " for content whose CID is " + cid, null);
                }
                return;
            } catch (CodexException e) {
                if (cancel.isCancelled()) {
                    throw new CancellationException("upload of " + cid + " cancelled");
                }
                if (!e.retryable() || attempt >= UPLOAD_ATTEMPTS) {
                    throw e;
                }
                LOG.info("upload of {} failed ({}), attempt {} of {}", cid, e.getMessage(), attempt + 1,
                        UPLOAD_ATTEMPTS);
                Thread.sleep(500L * attempt);
            }
        }
    }

    @Override
    public void fetch(String link, Path target, TransferProgress progress, CancelSignal cancel)
            throws ContentException, InterruptedException {
        if (!recognizes(link)) {
            throw new InvalidLinkException("not a Codex dataset CID: " + link);
        }
        Cancellation cancellation = new Cancellation();
        try (CancelSignal.Registration r = cancel.onCancel(cancellation::cancel)) {
            client.download(link, target, DownloadOptions.DEFAULT.progress(progress::bytes)
                    .cancellation(cancellation));
        } catch (IOException e) {
            throw ContentErrors.of("fetch " + link, e);
        }
    }

    /** The local copy of a kept blob (tests). */
    Path keptCopyForTest(String cid) {
        return kept.copy(cid);
    }

    @Override
    public List<String> kept() throws ContentException {
        try {
            return kept.cids();
        } catch (IOException e) {
            throw new ContentException("cannot list the kept blobs: " + e, true, e);
        }
    }

    /**
     * Stores again every kept blob whose last store is a refresh period old (re-storing moves the node's expiry of
     * each block to now + TTL). Failures are logged and the blob stays due; the last one is thrown after the rest
     * were tried.
     */
    @Override
    public void refreshDue() throws ContentException {
        ContentException last = null;
        for (String cid : kept()) {
            try {
                OptionalLong at = kept.refreshedAt(cid);
                if (at.isEmpty() || clock.millis() - at.getAsLong() < refreshPeriod.toMillis()) {
                    continue;
                }
                Path copy = kept.copy(cid);
                if (!Files.isRegularFile(copy)) {
                    LOG.error("the local copy of kept blob {} is missing ({}); it cannot be refreshed", cid, copy);
                    continue;
                }
                upload(cid, copy, TransferProgress.NONE, CancelSignal.NEVER);
                kept.refreshed(cid, clock.millis());
                LOG.info("refreshed blob {} on the node", cid);
            } catch (IOException e) {
                try {
                    last = ContentErrors.of("refresh " + cid, e);
                } catch (InterruptedException i) {
                    Thread.currentThread().interrupt();
                    throw new ContentException("refresh interrupted", true, i);
                }
                LOG.warn("{}; retried at the next run", last.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContentException("refresh interrupted", true, e);
            }
        }
        if (last != null) {
            throw last;
        }
    }

    @Override
    public void release(String link) throws ContentException {
        if (!recognizes(link)) {
            throw new InvalidLinkException("not a Codex dataset CID: " + link);
        }
        try {
            client.delete(link);
            kept.forget(link);
        } catch (IOException e) {
            try {
                throw ContentErrors.of("release " + link, e);
            } catch (InterruptedException i) {
                Thread.currentThread().interrupt();
                throw new ContentException("release interrupted", true, i);
            }
        }
    }
}
