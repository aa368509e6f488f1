package org.archivist.core.member;

/**
 * How fast archived messages go to the host's importer: batches of {@code batchSize} messages, at most
 * {@code batchesPerSecond} batches a second. status-go: 10 messages, 1 batch/s (100 with its speed-up).
 */
public record ImportSettings(int batchSize, double batchesPerSecond) {
    /** status-go's default pace: 10 messages a second. */
    public static final ImportSettings STATUS_DEFAULT = new ImportSettings(10, 1);
    /** status-go's {@code SpeedupArchivesImport}: 1000 messages a second. */
    public static final ImportSettings STATUS_FAST = new ImportSettings(10, 100);

    public ImportSettings {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("the batch size must be positive, got " + batchSize);
        }
        if (!(batchesPerSecond > 0)) {
            throw new IllegalArgumentException("the batch rate must be positive, got " + batchesPerSecond);
        }
    }
}
