package org.archivist.scheduler.node;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.TimeRange;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.ArchiveSummary;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.LinkKind;

/**
 * An {@link ArchiveService} that hands every call to another one: the running scheduler behind the OSGi
 * component and behind {@link SchedulerNode}, written once here so that both expose the same service.
 */
public abstract class ForwardingArchiveService implements ArchiveService {

    /** The service calls go to. */
    protected abstract ArchiveService delegate();

    @Override
    public List<CommunityArchiveStatus> communities() {
        return delegate().communities();
    }

    @Override
    public Optional<CommunityArchiveStatus> community(CommunityId id) {
        return delegate().community(id);
    }

    @Override
    public void archiveNow(CommunityId id) throws ArchivistException {
        delegate().archiveNow(id);
    }

    @Override
    public void downloadNow(CommunityId id) throws ArchivistException {
        delegate().downloadNow(id);
    }

    @Override
    public List<ArchiveSummary> archiveSummaries(CommunityId id) throws ArchivistException {
        return delegate().archiveSummaries(id);
    }

    @Override
    public List<ArchiveSummary> verifyArchives(CommunityId id) throws ArchivistException {
        return delegate().verifyArchives(id);
    }

    @Override
    public List<ArchiveSummary> fetchRange(CommunityId id, TimeRange range) throws ArchivistException {
        return delegate().fetchRange(id, range);
    }

    @Override
    public boolean acceptJoinResponseLink(CommunityId id, String magnetUri) throws ArchivistException {
        return delegate().acceptJoinResponseLink(id, magnetUri);
    }

    @Override
    public Map<LinkKind, Long> linkClocks(CommunityId id) throws ArchivistException {
        return delegate().linkClocks(id);
    }

    @Override
    public long raiseLinkClock(CommunityId id, LinkKind kind, long clock) throws ArchivistException {
        return delegate().raiseLinkClock(id, kind, clock);
    }

    @Override
    public Optional<org.archivist.api.service.StorageUsage> storageUsage() {
        return delegate().storageUsage();
    }
}
