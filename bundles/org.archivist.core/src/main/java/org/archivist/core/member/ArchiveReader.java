package org.archivist.core.member;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CipherException;
import org.archivist.api.storage.LinkFormat;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.ArchiveMismatchException;
import org.archivist.core.format.ArchiveStreamDecoder;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.MalformedEncodingException;
import org.archivist.core.format.SealedBlobReader;

import jakarta.inject.Inject;

/**
 * Reads what a member fetched: the index of an announced link and the archive blobs it lists. Both may
 * be sealed (encrypted communities); both are validated as untrusted input (see the format package).
 */
public final class ArchiveReader {
    private final DecodeLimits limits;

    @Inject
    public ArchiveReader() {
        this(DecodeLimits.DEFAULT);
    }

    public ArchiveReader(DecodeLimits limits) {
        this.limits = limits;
    }

    /**
     * The entries of an index, in ascending {@code from}.
     *
     * @param format the format of the link the index came from
     */
    public List<IndexEntry> readIndex(CommunityId community, byte[] index, LinkFormat format,
            Optional<ArchiveCipher> cipher) throws InvalidArchiveException, CipherException {
        if (index.length > limits.maxIndexBytes()) {
            throw new MalformedEncodingException("index of " + index.length + " bytes exceeds the limit of "
                    + limits.maxIndexBytes());
        }
        return format.decodeIndex(ArchiveEnvelope.unseal(community, index, cipher), limits.maxIndexEntries());
    }

    /**
     * The messages of the archive {@code entry} names. {@code blob} is the blob as fetched, without its
     * padding (a BitTorrent blob that still has its zero padding is accepted too).
     *
     * @throws ArchiveMismatchException when the blob is not the archive the entry describes
     */
    public List<ArchivedMessage> readArchive(CommunityId community, IndexEntry entry, byte[] blob,
            Optional<ArchiveCipher> cipher) throws InvalidArchiveException, CipherException {
        if (blob.length > limits.maxArchiveBytes()) {
            throw new MalformedEncodingException("archive " + entry.archiveId() + " of " + blob.length
                    + " bytes exceeds the limit of " + limits.maxArchiveBytes());
        }
        byte[] exact = withoutPadding(entry, blob);
        return ArchiveCodec.decode(entry, ArchiveEnvelope.unseal(community, exact, cipher), limits).messages();
    }

    /**
     * The messages of the archive {@code entry} names, read from {@code file} as a stream (in bounded memory,
     * whatever the archive's size): the blob as fetched, possibly sealed, possibly with its zero padding. The
     * metadata is checked against the entry before this returns; each message is validated as it is read.
     * The caller closes what this returns.
     *
     * @throws ArchiveMismatchException when the blob is not the archive the entry describes
     * @since 1.2
     */
    public ArchiveMessages open(CommunityId community, IndexEntry entry, Path file, Optional<ArchiveCipher> cipher)
            throws InvalidArchiveException, CipherException, IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        InputStream plaintext = null;
        try {
            long length = blobLength(entry, channel.size());
            plaintext = SealedBlobReader.plaintext(community, channel, 0, length, cipher, limits);
            ArchiveStreamDecoder decoder = ArchiveStreamDecoder.start(plaintext, limits);
            if (!decoder.metadata().equals(entry.metadata())) {
                throw new ArchiveMismatchException("archive " + entry.archiveId() + ": the blob covers "
                        + decoder.metadata().range() + " topics " + decoder.metadata().topics()
                        + " but the index says " + entry.range() + " topics " + entry.metadata().topics());
            }
            return new ArchiveMessages(channel, plaintext, decoder);
        } catch (InvalidArchiveException | CipherException | IOException | RuntimeException e) {
            try (FileChannel c = channel) {
                if (plaintext != null) {
                    plaintext.close();
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The blob's length in a file of {@code size} bytes: all of it, or without the padding of a piece range. */
    private static long blobLength(IndexEntry entry, long size) throws ArchiveMismatchException {
        if (!(entry.location() instanceof PieceRange r) || size == r.blobLength()) {
            return size;
        }
        if (size == r.size()) {
            return r.blobLength();
        }
        throw new ArchiveMismatchException("archive " + entry.archiveId() + ": got " + size
                + " bytes, the index says " + r.blobLength() + " (" + r.size() + " with padding)");
    }

    private static byte[] withoutPadding(IndexEntry entry, byte[] blob) throws ArchiveMismatchException {
        if (!(entry.location() instanceof PieceRange r)) {
            return blob;
        }
        if (blob.length == r.blobLength()) {
            return blob;
        }
        if (blob.length == r.size()) {
            return Arrays.copyOf(blob, (int) r.blobLength());
        }
        throw new ArchiveMismatchException("archive " + entry.archiveId() + ": got " + blob.length
                + " bytes, the index says " + r.blobLength() + " (" + r.size() + " with padding)");
    }
}
