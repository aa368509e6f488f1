package org.archivist.monitoring.internal;

/**
 * The archive storage of this node as a JMX MBean, {@code org.archivist:type=ArchiveStorage,name="archives"}: the
 * bytes held for archives (the backends' {@code storedBytes} plus the scheduler's directory) against the scheduler's
 * {@code maxStorageBytes}.
 */
public interface ArchiveStorageMetricsMBean {
    /** Bytes held for archives now; -1 when the archive service cannot measure them. */
    long getStorageUsedBytes();

    /** The configured limit in bytes; 0: none; -1 when the archive service does not say. */
    long getStorageMaxBytes();
}
