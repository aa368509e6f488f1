package org.archivist.scheduler.internal;

import java.util.Optional;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.host.Community;
import org.archivist.api.host.CommunityDirectory;
import org.archivist.api.storage.LinkKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a backend's member copy of a community's archive set may be released: only for a community the host
 * knows, that this node does not control (an owner's archives are never released), and whose download on that
 * backend's links is not pending (its files are not in use and everything downloaded was handed over).
 */
class ReleaseGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseGuard.class);
    /** Releases no archive set (a context without a host directory or state). */
    static final ReleaseGuard NOTHING = new ReleaseGuard(null, null) {
        @Override
        boolean mayRelease(CommunityId community, LinkKind kind) {
            return false;
        }
    };

    private final CommunityDirectory directory;
    private final ArchiveProgressStore states;

    ReleaseGuard(CommunityDirectory directory, ArchiveProgressStore states) {
        this.directory = directory;
        this.states = states;
    }

    boolean mayRelease(CommunityId community, LinkKind kind) {
        Optional<Community> c = directory.community(community);
        if (c.isEmpty() || c.get().controlNode()) {
            return false;
        }
        try {
            return states.open(community).pendingLink(kind).isEmpty();
        } catch (ArchivistException e) {
            LOG.warn("{}: its state cannot be read, its archive set is not released: {}", community, e.getMessage());
            return false;
        }
    }
}
