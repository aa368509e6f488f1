package org.archivist.monitoring.internal;

/**
 * One community's archive metrics ({@code org.archivist:type=Community,name=<community id>}). Counters count
 * since the monitoring bundle started; the rest is the scheduler's persisted state.
 */
public interface CommunityMetricsMBean {
    String getCommunity();

    /** {@code owner} or {@code member}. */
    String getRole();

    /** The backends the community is configured for, comma-separated. */
    String getBackends();

    /** Archives held (persisted state). */
    int getArchives();

    /** Archives whose messages were imported (member, persisted state). */
    int getImported();

    /** End of the last archived partition, ISO-8601, or empty. */
    String getLastArchiveEnd();

    String[] getLinks();

    long getArchiveRuns();

    long getEmptyRuns();

    long getArchivesDownloaded();

    long getImportsFinished();

    int getDownloadsInProgress();

    /** When the last run (owner) or import (member) ended, ISO-8601, or empty. */
    String getLastRun();

    /** When the next run is due (the interval's, or a retry's when sooner), ISO-8601, or empty. */
    String getNextRun();

    /** Blob bytes published by this node's runs since the bundle started (owner; summed over backends). */
    long getBytesStored();

    /** Blob bytes downloaded since the bundle started (member). */
    long getBytesFetched();

    /** Failed runs, seedings, downloads and imports since the bundle started (each retried, or given up). */
    long getFailures();

    /** The last failure's reason, or empty. */
    String getLastError();

    /** When the last failure was reported, ISO-8601, or empty. */
    String getLastErrorTime();

    /** False when the community's configuration is gone (the MBean is about to be unregistered). */
    boolean isConfigured();
}
