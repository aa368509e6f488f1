package org.archivist.storage.codex.cid;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a Codex dataset is, independently of the node that stores it: the tree CID (the Merkle root of the
 * content cut into blocks) and the block size. Unlike the manifest CID, which also covers the filename, the
 * MIME type and the node line's manifest wire format, it stays the same when a node is upgraded from the
 * {@code /api/codex/v1} line to the current one: key state that must survive an upgrade on it. Computable
 * offline from the bytes ({@link #of(Path)}) and readable from any manifest ({@link #of(CodexManifest)}).
 *
 * @param treeCid the dataset's tree CID ({@code codex-root}, printed {@code zDzSvJT…})
 * @param blockSize the block size the content was cut into (65536 unless the uploader chose another)
 */
public record ContentKey(Cid treeCid, int blockSize) {
    public ContentKey {
        Objects.requireNonNull(treeCid, "treeCid");
        DatasetHasher.checkBlockSize(blockSize);
    }

    public static ContentKey of(CodexManifest manifest) {
        return new ContentKey(manifest.treeCid(), Math.toIntExact(manifest.blockSize()));
    }

    public static ContentKey of(DatasetTree tree) {
        return new ContentKey(tree.treeCid(), tree.blockSize());
    }

    /** The key of a file's bytes cut into default (64 KiB) blocks. */
    public static ContentKey of(Path file) throws IOException {
        return of(CodexContentIds.tree(file));
    }

    public static ContentKey of(InputStream in, int blockSize) throws IOException {
        DatasetHasher hasher = new DatasetHasher(blockSize);
        hasher.update(in);
        return of(hasher.finish());
    }

    /** A stable text form, {@code <treeCid>/<blockSize>}, for journals and state files. */
    @Override
    public String toString() {
        return treeCid + "/" + blockSize;
    }

    /** Reads {@link #toString()}'s form; throws {@link InvalidCidException} or IllegalArgumentException. */
    public static ContentKey parse(String text) {
        int slash = text.lastIndexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("a content key is <treeCid>/<blockSize>, not " + text);
        }
        try {
            return new ContentKey(Cid.parse(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad block size in content key " + text, e);
        }
    }
}
