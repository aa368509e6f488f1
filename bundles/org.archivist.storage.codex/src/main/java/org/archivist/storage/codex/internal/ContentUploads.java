package org.archivist.storage.codex.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.archivist.api.storage.StorageException;
import org.archivist.storage.codex.cid.CodexContentIds;
import org.archivist.storage.codex.cid.CodexLine;
import org.archivist.storage.codex.cid.ContentKey;
import org.archivist.storage.codex.cid.DatasetTree;
import org.archivist.storage.codex.client.CodexClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a file on the node with the backend's fixed upload parameters (a filename derived from the content,
 * {@code application/octet-stream}, the default block size), so that its content key is a pure function of its
 * bytes and its manifest CID a pure function of its bytes and the node's line (whose manifest format differs):
 * both are computed offline first; when the node already holds the manifest nothing is uploaded (a rerun after
 * a crash, a migration resumed, a re-seed); otherwise the upload's answer must be that very CID.
 */
final class ContentUploads {
    private static final Logger LOG = LoggerFactory.getLogger(ContentUploads.class);

    private ContentUploads() {
    }

    /** The dataset of {@code file} on the node, uploading it only when the node lacks it. */
    static Dataset store(CodexClient client, Path file, String name) throws IOException, StorageException {
        Dataset expected = describe(file, name, client.line());
        if (client.exists(expected.cid())) {
            LOG.debug("the node already holds {} ({}); not uploaded again", expected.cid(), name);
            return expected;
        }
        upload(client, file, expected);
        return expected;
    }

    /** Uploads {@code file}, which must give the dataset's CID. */
    static void upload(CodexClient client, Path file, Dataset expected) throws IOException, StorageException {
        String got = client.upload(file, expected.name(), CodexClient.OCTET_STREAM);
        if (!got.equals(expected.cid())) {
            throw new StorageException("the node answered CID " + got + " for " + expected.name()
                    + ", whose bytes give " + expected.cid() + ": the upload is not what was sent", false);
        }
    }

    /** The dataset {@code file} makes on a node of {@code line}, computed offline. */
    static Dataset describe(Path file, String name, CodexLine line) throws IOException {
        DatasetTree tree = CodexContentIds.tree(file);
        return new Dataset(ContentKey.of(tree), name,
                tree.manifest(name, CodexClient.OCTET_STREAM).cid(line).toString());
    }
}
