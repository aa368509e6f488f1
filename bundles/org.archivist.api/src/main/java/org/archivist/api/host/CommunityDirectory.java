package org.archivist.api.host;

import java.util.List;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.osgi.annotation.versioning.ConsumerType;

/** The communities this node knows, as the chat server sees them now. */
@ConsumerType
public interface CommunityDirectory {

    Optional<Community> community(CommunityId id);

    List<Community> communities();
}
