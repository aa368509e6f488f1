package org.archivist.migration;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.storage.StorageBackend;
import org.archivist.migration.internal.MigrationRun;

import jakarta.inject.Inject;

/**
 * The migration in plain Java: copies a community's set from an {@link ArchiveSource} to a target
 * {@link StorageBackend}, journaled under {@code <journalRoot>/<community>/}. The OSGi component and the
 * offline tool both use it.
 */
public final class Migrator {
    /** Assumed upload rate for a dry run's estimate when nothing better is known. */
    public static final long DEFAULT_ASSUMED_BYTES_PER_SECOND = 8L << 20;

    private final Path journalRoot;
    private final Optional<ArchiveCipher> cipher;
    private final long assumedBytesPerSecond;

    /**
     * @param cipher needed when the set is encrypted (to read the source index and seal the target's)
     */
    @Inject
    public Migrator(Path journalRoot, Optional<ArchiveCipher> cipher) {
        this(journalRoot, cipher, DEFAULT_ASSUMED_BYTES_PER_SECOND);
    }

    public Migrator(Path journalRoot, Optional<ArchiveCipher> cipher, long assumedBytesPerSecond) {
        this.journalRoot = Objects.requireNonNull(journalRoot, "journalRoot");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        if (assumedBytesPerSecond <= 0) {
            throw new IllegalArgumentException("the assumed upload rate must be positive");
        }
        this.assumedBytesPerSecond = assumedBytesPerSecond;
    }

    /** The journal directory of a community. */
    public Path journalDirectory(CommunityId community) {
        return journalRoot.resolve(community.hex());
    }

    /**
     * Migrates (or plans, on a dry run) the community's set. Resumable: a rerun after a crash anywhere continues
     * from the journal, stores nothing twice and ends with the same index.
     */
    public MigrationReport migrate(CommunityId community, ArchiveSource source, String targetName,
            StorageBackend target, boolean dryRun, MigrationProgress progress) throws MigrationException {
        return new MigrationRun(community, source, targetName, target, cipher, journalDirectory(community),
                assumedBytesPerSecond, progress).run(dryRun);
    }
}
