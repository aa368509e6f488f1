package org.archivist.scheduler.internal;

import org.archivist.api.CommunityId;

/**
 * Where the per-community configuration components hand their settings: the scheduler component, which
 * passes them to its {@link ArchiveScheduler}. An internal service of this bundle.
 */
public interface CommunityConfigurations {

    /** Adds a community's configuration, or applies a changed one. */
    void configure(ArchiveSettings settings);

    /** The configuration was deleted: the community's tasks stop and its archives are no longer offered. */
    void remove(CommunityId id);

    /** The configuration component went away (not deleted): tasks stop, archives stay offered. */
    void detach(CommunityId id);
}
