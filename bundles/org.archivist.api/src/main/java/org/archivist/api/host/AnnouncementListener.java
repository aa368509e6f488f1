package org.archivist.api.host;

import org.osgi.annotation.versioning.ProviderType;

/** Receives the archive announcements a host delivered. Implemented by Archivist. */
@FunctionalInterface
@ProviderType
public interface AnnouncementListener {
    void received(ReceivedAnnouncement announcement);
}
