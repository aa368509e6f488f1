package org.archivist.storage.codex.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.ArchivistException;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.io.AtomicFiles;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.storage.codex.cid.CodexLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a community's committed set over to a node of another line (an upgrade from {@code /api/codex/v1} to
 * {@code /api/storage/v1}): the content keys stay, every manifest CID is recomputed offline from the local
 * copies. A plain index lists the archives by manifest CID, so it is rewritten with the new CIDs (same
 * metadata, same order, ids recomputed), which gives a new index dataset; an encrypted community's index is
 * opened and sealed again with the community cipher. Without the cipher it keeps its bytes and only gets its new
 * CID, and its entries still name the old line's CIDs (logged as an error). The state is saved with refresh due, so the next seed stores on the
 * node the manifests it lacks (the blocks it already holds are not stored again).
 */
final class LineChange {
    private static final Logger LOG = LoggerFactory.getLogger(LineChange.class);
    private static final int MAX_ENTRIES = 1_000_000;

    private final CommunityStore store;
    private final CommunityId community;
    private final Optional<ArchiveCipher> cipher;

    LineChange(CommunityStore store, CommunityId community, Optional<ArchiveCipher> cipher) {
        this.store = store;
        this.community = community;
        this.cipher = cipher;
    }

    CommunityState apply(CommunityState old, CodexLine line) throws IOException {
        List<Dataset> archives = new ArrayList<>();
        for (Dataset d : old.archives()) {
            archives.add(d.withCid(ContentUploads.describe(store.blob(community, d.key()), d.name(), line).cid()));
        }
        Optional<Dataset> index = Optional.empty();
        if (old.index().isPresent()) {
            index = Optional.of(relocateIndex(old.index().get(), old.archives(), archives, line));
        }
        CommunityState next = new CommunityState(line, index, archives, old.seeded(), 0);
        store.save(community, next);
        if (index.isPresent() && !index.get().key().equals(old.index().get().key())) {
            Files.deleteIfExists(store.indexFile(community, old.index().get().key()));
        }
        LOG.info("{}: the Codex node now runs the {} line; {} archives and the index carried over by content "
                + "(index {} -> {})", community, line, archives.size(), old.indexCid().orElse("-"),
                index.map(Dataset::cid).orElse("-"));
        return next;
    }

    private Dataset relocateIndex(Dataset index, List<Dataset> before, List<Dataset> after, CodexLine line)
            throws IOException {
        Path file = store.indexFile(community, index.key());
        byte[] bytes = Files.readAllBytes(file);
        IndexCidLinkFormat format = IndexCidLinkFormat.INSTANCE;
        boolean sealed = ArchiveEnvelope.isSealed(bytes);
        List<IndexEntry> entries;
        try {
            entries = format.decodeIndex(ArchiveEnvelope.unseal(community, bytes, cipher), MAX_ENTRIES);
        } catch (ArchivistException | RuntimeException e) {
            LOG.error("{}: the committed index cannot be read ({}{}); it keeps naming the archives by the CIDs of"
                    + " the previous node line, which members on this line cannot fetch", community, e.getMessage(),
                    sealed && cipher.isEmpty() ? ": encrypted and the backend has no community cipher" : "");
            return ContentUploads.describe(file, index.name(), line);
        }
        List<IndexEntry> moved = new ArrayList<>();
        for (IndexEntry e : entries) {
            ArchiveLocation location = e.location();
            if (location instanceof ArchiveLocation.ContentAddress address) {
                for (int i = 0; i < before.size(); i++) {
                    if (before.get(i).cid().equals(address.cid())) {
                        location = new ArchiveLocation.ContentAddress(after.get(i).cid());
                        break;
                    }
                }
            }
            moved.add(new IndexEntry(format.archiveId(e.metadata(), location), e.metadata(), location));
        }
        Path tmp = Files.createTempFile(store.scratch(community), "index", ".tmp");
        try {
            byte[] plain = format.encodeIndex(moved);
            try {
                AtomicFiles.write(tmp, sealed ? ArchiveEnvelope.seal(community, plain, cipher.get()) : plain);
            } catch (ArchivistException e) {
                throw new IOException("cannot seal the carried-over index of " + community + ": " + e.getMessage(), e);
            }
            Dataset next = ContentUploads.describe(tmp, index.name(), line);
            AtomicFiles.move(tmp, store.indexFile(community, next.key()));
            return next;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
