package org.archivist.webconsole.internal;

import java.util.function.Consumer;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;

/**
 * What the page needs of the migration bundle, so that the page itself loads without it: a plan (dry run) and a
 * run that reports its steps. Implemented over the exported {@code MigrationService} by
 * {@link MigrationServiceRunner}, registered only when that service is there.
 */
interface MigrationRunner {

    /** What a migration would move (a dry run: nothing is uploaded or written), as one sentence. */
    String plan(CommunityId community, String source, String target) throws ArchivistException;

    /**
     * Migrates (or resumes a migration: the journal skips what is done) in the calling thread, reporting each
     * step; returns the final state.
     */
    MigrationState migrate(CommunityId community, String source, String target, Consumer<MigrationState> progress)
            throws ArchivistException;
}
