package org.archivist.scheduler.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.storage.ContentAddressing;
import org.archivist.api.storage.StorageBackend;
import org.archivist.api.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a member holds, by content: every downloaded blob is keyed by each registered content-addressing
 * backend ({@code <backend>:<key>}, for Codex the tree CID and block size of the bytes as the owner uploads
 * them), so that an index entry of such a backend naming the same content is not downloaded again (a Codex
 * index of archives migrated from BitTorrent, or the second link of an owner announcing both), and a blob
 * downloaded from elsewhere whose content was already downloaded is not imported twice. The SHA-256 of the
 * archive before encryption ({@code plain:<hex>}) is kept too: an owner announcing both links encrypts each
 * backend's copy anew, so only the plain bytes tell that two downloads are one archive.
 */
final class HeldContent {
    static final String PLAIN = "plain:";
    private static final Logger LOG = LoggerFactory.getLogger(HeldContent.class);
    private final BackendRegistry backends;
    private final ArchiveFormat format;

    HeldContent(BackendRegistry backends, ArchiveFormat format) {
        this.backends = backends;
        this.format = format;
    }

    /**
     * The keys of the blob in {@code file}: its plain bytes' hash and its key under every content-addressing
     * backend, each computed as a stream.
     */
    List<String> keysOf(CommunityId community, Path file) throws IOException {
        List<String> keys = new ArrayList<>();
        try {
            keys.add(PLAIN + HexFormat.of().formatHex(format.plainSha256(community, file)));
        } catch (ArchivistException e) {
            LOG.debug("{}: no plain key for a downloaded archive ({}); its import will say why", community,
                    e.getMessage());
        }
        for (String name : backends.names()) {
            Optional<StorageBackend> b = backends.get(name);
            if (b.isPresent() && b.get() instanceof ContentAddressing addressing) {
                keys.add(name + ":" + addressing.contentKey(file));
            }
        }
        return keys;
    }

    /** The archive already held with the same content as {@code blob}, if any. */
    Optional<String> heldAs(ArchiveProgress state, List<String> keys) {
        for (String key : keys) {
            Optional<String> held = state.heldContent(key);
            if (held.isPresent()) {
                return held;
            }
        }
        return Optional.empty();
    }

    /**
     * The archive already held with the content an entry of backend {@code name} locates, asking the backend for
     * the entry's key only when something is held under that backend's keys.
     */
    Optional<String> heldAs(ArchiveProgress state, CommunityId community, String name, StorageBackend backend,
            IndexEntry entry) throws StorageException {
        if (!(backend instanceof ContentAddressing addressing) || !state.holdsContentUnder(name + ":")) {
            return Optional.empty();
        }
        Optional<String> key = addressing.contentKey(community, entry.location());
        return key.isEmpty() ? Optional.empty() : state.heldContent(name + ":" + key.get());
    }
}
