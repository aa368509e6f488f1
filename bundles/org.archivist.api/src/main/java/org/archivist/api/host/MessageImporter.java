package org.archivist.api.host;

import java.util.List;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ArchivistException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hands archived messages back to the chat server's normal receive path (status-go's
 * {@code handleRetrievedMessages(fromArchive=true)}), which deduplicates them. Called with small batches,
 * at the configured rate.
 */
@ConsumerType
public interface MessageImporter {
    void importMessages(CommunityId community, List<ArchivedMessage> batch) throws ArchivistException;
}
