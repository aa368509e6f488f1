package org.archivist.core.member;

/**
 * What importing one archive did.
 *
 * @param archiveId       the archive
 * @param alreadyImported true when the state said it was imported before: nothing was done
 * @param messages        messages the archive holds
 * @param imported        messages handed to the importer (those on the community's topics)
 * @param batches         importer calls
 */
public record ImportResult(String archiveId, boolean alreadyImported, int messages, int imported, int batches) {

    public int skippedTopics() {
        return messages - imported;
    }
}
