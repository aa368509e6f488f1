package org.archivist.storage.codex.client;

import java.util.Optional;

import org.archivist.storage.codex.cid.DatasetHasher;

/**
 * How to upload: the filename and MIME type stored in the manifest (each may be null; both are part of the
 * manifest CID), the block size (current line only; 64 KiB otherwise) and whether the node should advertise
 * the dataset to its peers (current line only; the node's default when unset).
 *
 * @param filename stored as the manifest's filename, null for none
 * @param mimetype sent as Content-Type and stored verbatim, null for none
 * @param blockSize a power of two from 4 KiB to 512 KiB
 * @param advertise whether peers may fetch it, empty for the node's default (true)
 */
public record UploadOptions(String filename, String mimetype, int blockSize, Optional<Boolean> advertise) {
    public static final UploadOptions DEFAULT = new UploadOptions(null, null, DatasetHasher.BLOCK_SIZE,
            Optional.empty());

    public UploadOptions {
        DatasetHasher.checkBlockSize(blockSize);
        advertise = advertise == null ? Optional.empty() : advertise;
    }

    public UploadOptions named(String name, String type) {
        return new UploadOptions(name, type, blockSize, advertise);
    }

    public UploadOptions blockSize(int size) {
        return new UploadOptions(filename, mimetype, size, advertise);
    }

    public UploadOptions advertise(boolean advertised) {
        return new UploadOptions(filename, mimetype, blockSize, Optional.of(advertised));
    }
}
