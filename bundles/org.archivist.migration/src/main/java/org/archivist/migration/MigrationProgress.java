package org.archivist.migration;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives each step of a migration as it happens, in the migrating thread; keep it quick. */
@FunctionalInterface
@ConsumerType
public interface MigrationProgress {
    MigrationProgress NONE = step -> { };

    /** The steps, in the order a run goes through them. */
    enum Step {
        /** The source index was read; {@code total} archives. */
        PLANNED,
        /** An archive's blob was read from the source. */
        READ,
        /** An archive's blob was stored on the target. */
        STORED,
        /** The stored archive was recorded in the journal. */
        JOURNALED,
        /** An archive the target already had; nothing stored. */
        SKIPPED,
        /** The target index was built (and sealed if the set is encrypted) and kept in the journal. */
        INDEX_BUILT,
        /** The target index was committed; {@link StepEvent#link()} is its link. */
        COMMITTED,
        /** An archive's bytes were fetched back from the target and matched. */
        VERIFIED,
        /** The run ended. */
        FINISHED
    }

    /**
     * @param archive   1-based position of the archive in the source set, 0 for set-wide steps
     * @param total     archives in the source set
     * @param bytesDone blob bytes handled so far in this run (read, stored or skipped)
     * @param bytesTotal blob bytes of the source set
     */
    record StepEvent(Step step, int archive, int total, long bytesDone, long bytesTotal, Optional<String> archiveId,
            Optional<String> link) {
    }

    void on(StepEvent event);
}
