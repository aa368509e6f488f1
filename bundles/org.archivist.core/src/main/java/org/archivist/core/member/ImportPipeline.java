package org.archivist.core.member;

import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.IndexEntry;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.Community;
import org.archivist.api.host.MessageImporter;
import org.archivist.core.state.CommunityStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import jakarta.inject.Inject;

/**
 * Imports one downloaded archive as status-go's {@code importHistoryArchives} does: unseal, decode and
 * validate it against its index entry, keep the messages on the community's topics, hand them to the
 * host's {@link MessageImporter} in batches under the rate limit, then mark the archive imported.
 * An archive the state already marks imported is skipped; one interrupted half-way stays unimported and
 * is imported again from the start (the host deduplicates).
 */
public final class ImportPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(ImportPipeline.class);

    private final MessageImporter importer;
    private final ArchiveReader reader;
    private final CommunityStateStore state;
    private final ImportSettings settings;
    private final RateLimiter limiter;

    @Inject
    public ImportPipeline(MessageImporter importer, ArchiveReader reader, CommunityStateStore state,
            ImportSettings settings, RateLimiter limiter) {
        this.importer = importer;
        this.reader = reader;
        this.state = state;
        this.settings = settings;
        this.limiter = limiter;
    }

    /** A pipeline on the system clock, paced as {@code settings} say. */
    public static ImportPipeline create(MessageImporter importer, CommunityStateStore state, ImportSettings settings) {
        return new ImportPipeline(importer, new ArchiveReader(), state, settings,
                RateLimiter.perSecond(settings.batchesPerSecond()));
    }

    /**
     * Imports the archive {@code entry} of {@code community} from its fetched {@code blob}.
     *
     * @throws ArchivistException   when the blob is invalid (the archive stays unimported), the key is
     *                              missing ({@link org.archivist.api.host.MissingKeyException}), or the
     *                              importer or the state store fail
     * @throws InterruptedException when interrupted while waiting for the rate limit
     */
    public ImportResult importArchive(Community community, IndexEntry entry, byte[] blob,
            Optional<ArchiveCipher> cipher) throws ArchivistException, InterruptedException {
        String id = entry.archiveId();
        if (state.load(community.id()).isImported(id)) {
            return new ImportResult(id, true, 0, 0, 0);
        }
        MDC.put("community", community.id().hex());
        MDC.put("archive.id", id);
        try {
            state.update(community.id(), s -> s.withArchive(id));
            ArchiveBatches batches = ArchiveBatches.read(reader, community, entry, blob, cipher, settings.batchSize());
            int sent = 0;
            for (Optional<List<ArchivedMessage>> batch = batches.next(); batch.isPresent(); batch = batches.next()) {
                send(community, batch.get());
                sent++;
            }
            state.update(community.id(), s -> s.withImported(id));
            LOG.info("{}: imported archive {} {}: {} of {} messages on the community's topics", community.id(), id,
                    entry.range(), batches.consumed(), batches.messages());
            return new ImportResult(id, false, batches.messages(), batches.consumed(), sent);
        } finally {
            MDC.remove("archive.id");
            MDC.remove("community");
        }
    }

    private void send(Community community, List<ArchivedMessage> batch) throws ArchivistException,
            InterruptedException {
        limiter.acquire();
        importer.importMessages(community.id(), batch);
    }
}
