package org.archivist.api.service;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives archive events in plain Java; in OSGi the same events also go to EventAdmin. */
@FunctionalInterface
@ConsumerType
public interface ArchiveEventListener {
    ArchiveEventListener NONE = event -> { };

    void on(ArchiveEvent event);
}
