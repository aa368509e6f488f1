package org.archivist.storage.codex.cid;

/**
 * The two lines of the Codex node that differ on the wire: the {@code /api/codex/v1} nodes (nim-codex up to 2025)
 * and the current Logos Storage nodes ({@code /api/storage/v1}), whose manifest header starts with
 * {@code manifestVersion} and numbers every other field one higher. Tree CIDs (content and block size) are the
 * same on both; manifest CIDs of the same upload differ.
 */
public enum CodexLine {
    /** The {@code /api/codex/v1} line: header 1 treeCid, 2 blockSize, 3 datasetSize, 4 codec, 5 hcodec, 6 version. */
    CODEX_V1("/api/codex/v1", 0),
    /** The current Logos Storage line: header 1 manifestVersion (0), 2 treeCid … 7 CID version. */
    STORAGE_V1("/api/storage/v1", 1);

    private final String apiPrefix;
    private final int fieldShift;

    CodexLine(String apiPrefix, int fieldShift) {
        this.apiPrefix = apiPrefix;
        this.fieldShift = fieldShift;
    }

    /** The REST prefix of this line's nodes. */
    public String apiPrefix() {
        return apiPrefix;
    }

    /** Whether the header carries {@code manifestVersion} as field 1. */
    public boolean versionedHeader() {
        return fieldShift == 1;
    }

    int fieldShift() {
        return fieldShift;
    }

    /** The line whose REST prefix this is, if any. */
    public static java.util.Optional<CodexLine> ofPrefix(String prefix) {
        for (CodexLine line : values()) {
            if (line.apiPrefix.equals(prefix)) {
                return java.util.Optional.of(line);
            }
        }
        return java.util.Optional.empty();
    }
}
