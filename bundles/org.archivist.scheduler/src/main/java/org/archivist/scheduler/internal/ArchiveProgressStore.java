package org.archivist.scheduler.internal;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;

/** Opens the persisted state of a community (created empty on first use). */
public interface ArchiveProgressStore {
    ArchiveProgress open(CommunityId community) throws ArchivistException;
}
