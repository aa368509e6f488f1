package org.archivist.core.owner;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.storage.BlobWriter;
import org.archivist.core.format.ArchiveCodecStream;

/**
 * The second pass over a partition: writes one planned chunk, taking its messages from the partition's
 * re-opened stream of selected messages, and checks them against the plan as it goes (a store that changed
 * between the passes is a {@link StoreChangedException}, never a blob of another length or content).
 */
final class ChunkWriter implements BlobWriter {
    private final ArchiveMetadata metadata;
    private final ChunkPlan.Chunk chunk;
    private final Iterator<ArchivedMessage> selected;

    ChunkWriter(ArchiveMetadata metadata, ChunkPlan.Chunk chunk, Iterator<ArchivedMessage> selected) {
        this.metadata = metadata;
        this.chunk = chunk;
        this.selected = selected;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        ArchiveCodecStream archive = ArchiveCodecStream.start(out, metadata);
        long fingerprint = ChunkPlan.Fingerprint.START;
        for (int i = 0; i < chunk.count(); i++) {
            if (!selected.hasNext()) {
                throw new StoreChangedException("the message store returned " + i + " messages for an archive of "
                        + metadata.range() + " planned with " + chunk.count());
            }
            ArchivedMessage m = selected.next();
            ArchiveCodecStream.Field field = ArchiveCodecStream.field(m);
            if (archive.written() + field.length() > chunk.length()) {
                throw new StoreChangedException("the message store returned larger messages for " + metadata.range()
                        + " than on the chunking pass");
            }
            archive.write(field);
            fingerprint = ChunkPlan.Fingerprint.next(fingerprint, m, field.length());
        }
        if (fingerprint != chunk.fingerprint() || archive.written() != chunk.length()) {
            throw new StoreChangedException("the message store returned other messages for " + metadata.range()
                    + " than on the chunking pass");
        }
        archive.flush();
    }
}
