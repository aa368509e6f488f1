package org.archivist.api.content;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives each community description newer (by clock) than any before, once fetched and verified against its
 * link. Registered by the host as a whiteboard service; called from Archivist's threads.
 */
@FunctionalInterface
@ConsumerType
public interface DescriptionListener {
    void newest(CommunityDescription description);
}
