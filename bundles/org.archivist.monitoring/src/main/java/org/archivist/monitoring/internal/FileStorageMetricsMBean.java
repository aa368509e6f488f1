package org.archivist.monitoring.internal;

/**
 * The file service's storage as a JMX MBean, {@code org.archivist:type=FileStorage,name="files"}: what its own
 * directories hold against the configured maximum, whether the limit was hit, and its transfers.
 */
public interface FileStorageMetricsMBean {
    /** Bytes of staged publishes, fetches in progress and fetched files; -1 when it cannot be measured. */
    long getUsedBytes();

    /** The configured maximum in bytes; 0: none. */
    long getMaxBytes();

    /** Whether the last transfer was refused for lack of space. */
    boolean isAtLimit();

    /** How often the limit was hit (a refusal after transfers that fit) since this bundle started. */
    long getLimitReachedCount();

    /** The storage types the file service runs now. */
    String[] getStorageTypes();

    /** Transfers moving bytes or preparing now. */
    int getRunningTransfers();

    /** Of the transfers the service still lists, those that failed. */
    int getFailedTransfers();
}
