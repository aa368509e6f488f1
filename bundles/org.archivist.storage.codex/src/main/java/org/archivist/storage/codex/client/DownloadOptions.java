package org.archivist.storage.codex.client;

import java.util.Optional;

/**
 * How to download: from where (the node's local store, its network, or local when {@code /exists} says so),
 * the filename and MIME type the uploader used (by default those the node reports), progress and cancellation.
 */
public final class DownloadOptions {
    /** Where the bytes come from. */
    public enum Source { AUTO, LOCAL, NETWORK }

    public static final DownloadOptions DEFAULT = new DownloadOptions(Source.AUTO, null, null, false,
            (done, total) -> { }, null);

    /** Receives bytes written so far and the total. */
    @FunctionalInterface
    public interface Progress {
        void bytes(long done, long total);
    }

    private final Source source;
    private final String filename;
    private final String mimetype;
    private final boolean uploadNamesGiven;
    private final Progress progress;
    private final Cancellation cancellation;

    private DownloadOptions(Source source, String filename, String mimetype, boolean uploadNamesGiven,
            Progress progress, Cancellation cancellation) {
        this.source = source;
        this.filename = filename;
        this.mimetype = mimetype;
        this.uploadNamesGiven = uploadNamesGiven;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    public DownloadOptions source(Source s) {
        return new DownloadOptions(s, filename, mimetype, uploadNamesGiven, progress, cancellation);
    }

    /** The filename and MIME type (null for none) the uploader sent; the content is verified against them. */
    public DownloadOptions uploadedAs(String uploadFilename, String uploadMimetype) {
        return new DownloadOptions(source, uploadFilename, uploadMimetype, true, progress, cancellation);
    }

    public DownloadOptions progress(Progress p) {
        return new DownloadOptions(source, filename, mimetype, uploadNamesGiven, p, cancellation);
    }

    public DownloadOptions cancellation(Cancellation c) {
        return new DownloadOptions(source, filename, mimetype, uploadNamesGiven, progress, c);
    }

    Source source() {
        return source;
    }

    boolean uploadNamesGiven() {
        return uploadNamesGiven;
    }

    String filename() {
        return filename;
    }

    String mimetype() {
        return mimetype;
    }

    Progress progressListener() {
        return progress;
    }

    Optional<Cancellation> cancellation() {
        return Optional.ofNullable(cancellation);
    }
}
