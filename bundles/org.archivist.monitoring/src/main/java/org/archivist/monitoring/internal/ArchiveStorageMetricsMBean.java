package org.archivist.monitoring.internal;

/**
 * The storage of this node as a JMX MBean, {@code org.archivist:type=ArchiveStorage,name="archives"}: the bytes
 * Archivist holds (the backends' {@code storedBytes}, the scheduler's directory and the file service's files) against
 * the scheduler's {@code maxStorageBytes}, what is released at the limit, and what was released or refused.
 */
public interface ArchiveStorageMetricsMBean {
    /** Bytes held now (archives, local copies, files); -1 when the archive service cannot measure them. */
    long getStorageUsedBytes();

    /** The configured limit in bytes; 0: none; -1 when the archive service does not say. */
    long getStorageMaxBytes();

    /** The scheduler's {@code storageRelease} ({@code none}, ...); empty when no node storage service runs. */
    String getStorageRelease();

    /** Copies released to free space since the bundle started (events {@code org/archivist/storage/RELEASED}). */
    long getReleasedCopies();

    /** The bytes those releases freed. */
    long getReleasedBytes();

    /** Writes refused at the limit since the bundle started (events {@code org/archivist/storage/LIMIT_REACHED}). */
    long getLimitReachedCount();
}
