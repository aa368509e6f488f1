package org.archivist.core.member;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.Optional;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.InvalidArchiveException;
import org.archivist.core.format.ArchiveStreamDecoder;

/**
 * The messages of one archive read from its file as a stream ({@link ArchiveReader#open}), unsealed and decoded
 * one at a time; its metadata was checked against the index entry when it was opened. Closing it closes the file.
 * Not thread-safe.
 *
 * @since 1.2
 */
public final class ArchiveMessages implements AutoCloseable {
    private final FileChannel file;
    private final InputStream plaintext;
    private final ArchiveStreamDecoder decoder;

    ArchiveMessages(FileChannel file, InputStream plaintext, ArchiveStreamDecoder decoder) {
        this.file = file;
        this.plaintext = plaintext;
        this.decoder = decoder;
    }

    /** The archive's metadata, as its index entry has it. */
    public ArchiveMetadata metadata() {
        return decoder.metadata();
    }

    /** The next message, or empty at the end; a malformed or truncated archive throws. */
    public Optional<ArchivedMessage> next() throws InvalidArchiveException, IOException {
        return decoder.next();
    }

    /** Messages read so far. */
    public int read() {
        return decoder.messages();
    }

    @Override
    public void close() throws IOException {
        try (FileChannel f = file) {
            plaintext.close();
        }
    }
}
