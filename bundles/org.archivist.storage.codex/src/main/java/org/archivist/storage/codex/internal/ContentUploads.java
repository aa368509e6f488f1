package org.archivist.storage.codex.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.archivist.api.storage.StorageException;
import org.archivist.storage.codex.cid.CodexContentIds;
import org.archivist.storage.codex.client.CodexClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a file on the node with the backend's fixed upload parameters (a filename derived from the content,
 * {@code application/octet-stream}, the default block size), so that its CID is a pure function of its bytes
 * and of the node's line (whose manifest format differs): the CID is computed offline first; when the node already holds it nothing is uploaded (a rerun after a crash,
 * a migration resumed, a re-seed); otherwise the upload's answer must be that very CID.
 */
final class ContentUploads {
    private static final Logger LOG = LoggerFactory.getLogger(ContentUploads.class);

    private ContentUploads() {
    }

    /** The CID of {@code file} on the node, uploading it only when the node lacks it. */
    static String store(CodexClient client, Path file, String name) throws IOException, StorageException {
        String expected = CodexContentIds.manifestCid(file, name, CodexClient.OCTET_STREAM, client.line()).toString();
        if (client.exists(expected)) {
            LOG.debug("the node already holds {} ({}); not uploaded again", expected, name);
            return expected;
        }
        String got = client.upload(file, name, CodexClient.OCTET_STREAM);
        if (!got.equals(expected)) {
            throw new StorageException("the node answered CID " + got + " for " + name + ", whose bytes give "
                    + expected + ": the upload is not what was sent", false);
        }
        return got;
    }
}
