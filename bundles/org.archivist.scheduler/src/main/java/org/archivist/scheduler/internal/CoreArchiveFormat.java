package org.archivist.scheduler.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.TimeRange;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.Community;
import org.archivist.api.host.MessageStore;
import org.archivist.api.storage.LinkFormat;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.SealedBlobReader;
import org.archivist.core.member.ArchiveMessages;
import org.archivist.core.member.ArchiveReader;
import org.archivist.core.owner.ArchiveRun;
import org.archivist.core.owner.ArchiveWriter;
import org.archivist.core.owner.CreatedArchive;

import jakarta.inject.Inject;

/** The scheduler's use of the core: its archive writer on the owner side, its reader on the member side. */
public class CoreArchiveFormat implements ArchiveFormat {
    private final ArchiveWriter writer;
    private final ArchiveReader reader = new ArchiveReader();
    private final Optional<ArchiveCipher> cipher;

    @Inject
    public CoreArchiveFormat(MessageStore store, Optional<ArchiveCipher> cipher) {
        this.writer = new ArchiveWriter(store);
        this.cipher = cipher;
    }

    @Override
    public Published publish(Community community, TimeRange run, Duration partition, StorageBackend backend)
            throws ArchivistException {
        try (PublishSession opened = backend.beginPublish(community.id())) {
            CountingSession session = new CountingSession(opened);
            ArchiveRun result = writer.write(community, run, partition.getSeconds(), cipher, backend.linkFormat(), session);
            int messages = result.created().stream().mapToInt(CreatedArchive::messageCount).sum();
            return new Published(result.created().size(), messages, result.link(),
                    result.link().isPresent() ? session.bytes() : 0);
        }
    }

    @Override
    public List<IndexEntry> readIndex(CommunityId community, byte[] index, LinkFormat format) throws ArchivistException {
        return reader.readIndex(community, index, format, cipher);
    }

    @Override
    public byte[] plainArchive(CommunityId community, byte[] blob) throws ArchivistException {
        return org.archivist.core.format.ArchiveEnvelope.unseal(community, blob, cipher);
    }

    @Override
    public ArchiveMessages openArchive(CommunityId community, IndexEntry entry, Path file)
            throws ArchivistException, IOException {
        return reader.open(community, entry, file, cipher);
    }

    @Override
    public byte[] plainSha256(CommunityId community, Path file) throws ArchivistException, IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                InputStream plain = SealedBlobReader.plaintext(community, ch, 0, ch.size(), cipher,
                        DecodeLimits.DEFAULT)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = plain.read(buffer)) >= 0; ) {
                sha256.update(buffer, 0, n);
            }
        }
        return sha256.digest();
    }

    @Override
    public List<ArchivedMessage> readArchive(CommunityId community, IndexEntry entry, byte[] blob)
            throws ArchivistException {
        return reader.readArchive(community, entry, blob, cipher);
    }
}
