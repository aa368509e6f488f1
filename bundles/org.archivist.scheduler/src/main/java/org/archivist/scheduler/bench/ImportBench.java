package org.archivist.scheduler.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.archivist.api.ArchivistException;
import org.archivist.api.IndexEntry;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.Community;
import org.archivist.api.host.MessageImporter;
import org.archivist.api.storage.StorageBackend;
import org.archivist.scheduler.internal.ImportDriver;

/**
 * The scheduler's production import path (its importer, downloaded-archive store and progress store on a
 * real task pool) for benchmarks and tests outside OSGi: archives added as downloaded are imported into the
 * given host importer at the given rate, as a member node does after a download. Only the backend's link
 * format is used (to store and read the downloaded entries).
 */
public final class ImportBench implements AutoCloseable {
    private final ImportDriver driver;

    private ImportBench(ImportDriver driver) {
        this.driver = driver;
    }

    /**
     * @param dir        the scheduler's directory (state and downloaded archives)
     * @param importRate messages per second, the community configuration's {@code importRate}
     */
    public static ImportBench create(Path dir, Community community, MessageImporter importer, String backendName,
            StorageBackend backend, Optional<ArchiveCipher> cipher, double importRate) {
        return new ImportBench(new ImportDriver(dir, community, importer, backendName, backend, cipher, importRate));
    }

    /** Stores an archive (the blob as fetched, possibly sealed) as downloaded and waiting for import. */
    public void addDownloaded(IndexEntry entry, byte[] blob) throws IOException, ArchivistException {
        driver.addDownloaded(entry, blob);
    }

    /** Imports every waiting archive; the number of messages handed to the importer, or -1 on a timeout. */
    public long importAll(Duration timeout) throws InterruptedException {
        return driver.importAll(timeout);
    }

    /** Archives still waiting for import. */
    public int unimported() throws ArchivistException {
        return driver.unimported();
    }

    @Override
    public void close() {
        driver.close();
    }
}
