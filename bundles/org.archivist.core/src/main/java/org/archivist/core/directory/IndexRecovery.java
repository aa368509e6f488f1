package org.archivist.core.directory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.core.directory.RecoveryReport.Recovered;
import org.archivist.core.directory.RecoveryReport.Unrecovered;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.DecodedArchive;
import org.archivist.core.format.PieceLayout;

/**
 * Rebuilds the entries of a lost index from the data file: every archive starts on a piece boundary, is
 * self-delimiting ({@link BlobScanner}), padded with zeros by status-go's rule, and carries its own
 * metadata (after decryption, for a sealed one); its id follows from metadata and place. A piece where
 * nothing decodes is reported and skipped to the next boundary.
 */
final class IndexRecovery {
    private final CommunityId community;
    private final Optional<ArchiveCipher> cipher;
    private final DecodeLimits limits;

    IndexRecovery(CommunityId community, Optional<ArchiveCipher> cipher, DecodeLimits limits) {
        this.community = community;
        this.cipher = cipher;
        this.limits = limits;
    }

    record Scan(List<Recovered> recovered, List<Unrecovered> unrecovered) {
    }

    Scan scan(java.nio.file.Path data) throws IOException {
        List<Recovered> recovered = new ArrayList<>();
        List<Unrecovered> unrecovered = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(data, StandardOpenOption.READ)) {
            long length = ch.size();
            BlobScanner scanner = new BlobScanner(ch, length, limits.maxArchiveBytes());
            long offset = 0;
            long badFrom = -1;
            String badReason = "";
            while (offset < length) {
                Attempt a = attempt(ch, scanner, offset, length);
                if (a.found() != null) {
                    if (badFrom >= 0) {
                        unrecovered.add(new Unrecovered(badFrom, offset, badReason));
                        badFrom = -1;
                    }
                    recovered.add(a.found());
                    offset = ((PieceRange) a.found().entry().location()).end();
                } else {
                    if (badFrom < 0) {
                        badFrom = offset;
                        badReason = a.reason();
                    }
                    offset = Math.min(length, offset + PieceLayout.PIECE_LENGTH);
                }
            }
            if (badFrom >= 0) {
                unrecovered.add(new Unrecovered(badFrom, length, badReason));
            }
        }
        return new Scan(recovered, unrecovered);
    }

    private record Attempt(Recovered found, String reason) {
    }

    private Attempt attempt(FileChannel ch, BlobScanner scanner, long offset, long length) throws IOException {
        List<Long> candidates = scanner.candidates(offset);
        if (candidates.isEmpty()) {
            return new Attempt(null, "no archive starts here");
        }
        String reason = "";
        for (long raw : candidates) {
            PieceRange range = PieceLayout.place(offset, raw);
            if (range.end() > length) {
                reason = "a blob of " + raw + " bytes would end past the end of the data (an interrupted append?)";
                continue;
            }
            if (!scanner.zeros(offset + raw, range.end())) {
                reason = "a blob of " + raw + " bytes is not followed by its zero padding";
                continue;
            }
            byte[] blob = read(ch, offset, (int) raw);
            try {
                boolean sealed = ArchiveEnvelope.open(blob).isPresent();
                DecodedArchive archive = ArchiveCodec.decode(ArchiveEnvelope.unseal(community, blob, cipher), limits);
                IndexEntry entry = ArchiveIds.entry(archive.metadata(), range);
                return new Attempt(new Recovered(entry, archive.messages().size(), sealed), "");
            } catch (ArchivistException | RuntimeException e) {
                reason = "a blob of " + raw + " bytes does not decode: " + e.getMessage();
            }
        }
        return new Attempt(null, reason);
    }

    private static byte[] read(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                throw new IOException("the data file ended while reading at " + offset);
            }
        }
        return b.array();
    }
}
