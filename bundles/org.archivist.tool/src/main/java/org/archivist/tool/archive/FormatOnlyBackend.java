package org.archivist.tool.archive;

import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.storage.ArchiveDownload;
import org.archivist.api.storage.BackendStatus;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;

/** A backend that only names its link format: what a benchmark of the import alone needs (no I/O). */
final class FormatOnlyBackend implements StorageBackend {
    private final LinkFormat format;

    FormatOnlyBackend(LinkFormat format) {
        this.format = format;
    }

    @Override
    public LinkFormat linkFormat() {
        return format;
    }

    @Override
    public BackendStatus status() {
        throw unsupported();
    }

    @Override
    public PublishSession beginPublish(CommunityId community) {
        throw unsupported();
    }

    @Override
    public Optional<String> currentLink(CommunityId community) {
        throw unsupported();
    }

    @Override
    public void seed(CommunityId community) {
        throw unsupported();
    }

    @Override
    public void unseed(CommunityId community) {
        throw unsupported();
    }

    @Override
    public ArchiveDownload download(CommunityId community, String link) {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("a format-only backend stores and fetches nothing");
    }
}
