package org.archivist.migration;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Moves a community's committed archive set from one registered backend to another, for example before a
 * community's configuration goes from {@code bittorrent} to {@code both}. Runs in the caller's thread; one
 * migration per community at a time. Each step is also posted to EventAdmin under {@link #TOPIC_PREFIX}
 * ({@code STARTED}, {@code ARCHIVE}, {@code COMMITTED}, {@code FINISHED}, {@code FAILED}) with the
 * properties {@value #COMMUNITY}, {@value #SOURCE}, {@value #TARGET} and, when known, {@value #LINK}.
 */
@ProviderType
public interface MigrationService {
    String TOPIC_PREFIX = "org/archivist/migration/";
    String COMMUNITY = "community";
    String SOURCE = "source";
    String TARGET = "target";
    String LINK = "link";
    String ARCHIVES = "archives";
    String VERIFIED = "verified";
    String FAILED = "failed";

    /**
     * Migrates (or, with {@link MigrationRequest#dryRun()}, only plans) the community's set.
     *
     * @throws MigrationException when the run stopped (a backend missing or down, the source unreadable);
     *                            what was done is journaled and a rerun continues from there
     */
    MigrationReport migrate(CommunityId community, MigrationRequest request, MigrationProgress progress)
            throws ArchivistException;
}
