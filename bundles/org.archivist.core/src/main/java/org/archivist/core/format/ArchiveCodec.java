package org.archivist.core.format;

import java.util.ArrayList;
import java.util.List;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.IndexEntry;
import org.archivist.api.InvalidArchiveException;
import org.archivist.core.internal.Decoders;
import org.archivist.core.internal.ProtoReader;
import org.archivist.proto.WakuMessageArchive;

/** One archive blob: {@code WakuMessageArchive{metadata, messages}} in proto3, as status-go marshals it. */
public final class ArchiveCodec {
    private ArchiveCodec() {
    }

    public static byte[] encode(ArchiveMetadata metadata, List<ArchivedMessage> messages) {
        WakuMessageArchive.Builder b = WakuMessageArchive.newBuilder().setMetadata(ProtoMapping.toProto(metadata));
        for (ArchivedMessage m : messages) {
            b.addMessages(ProtoMapping.toProto(m));
        }
        return b.build().toByteArray();
    }

    /** Decodes and validates a plain (unsealed) archive blob. */
    public static DecodedArchive decode(byte[] blob, DecodeLimits limits) throws InvalidArchiveException {
        if (blob.length > limits.maxArchiveBytes()) {
            throw new MalformedEncodingException("archive of " + blob.length + " bytes exceeds the limit of "
                    + limits.maxArchiveBytes());
        }
        ProtoReader r = ProtoReader.of(blob, "WakuMessageArchive");
        ArchiveMetadata metadata = null;
        List<ArchivedMessage> messages = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> Decoders.version(r, "archive version");
                case 2 -> metadata = Decoders.metadata(r.message("metadata", "WakuMessageArchiveMetadata", blob.length));
                case 3 -> messages.add(Decoders.message(r.message("messages", "WakuMessage", blob.length),
                        limits.maxMessageWeight()));
                default -> r.skip();
            }
        }
        if (metadata == null) {
            throw new InvalidMetadataException("archive has no metadata");
        }
        return new DecodedArchive(metadata, messages);
    }

    /**
     * Decodes a plain archive blob fetched for {@code entry} and checks that it is that archive: same
     * bounds and topics as the index says. {@code blob} is the blob without its zero padding.
     */
    public static DecodedArchive decode(IndexEntry entry, byte[] blob, DecodeLimits limits)
            throws InvalidArchiveException {
        DecodedArchive archive = decode(blob, limits);
        if (!archive.metadata().equals(entry.metadata())) {
            throw new ArchiveMismatchException("archive " + entry.archiveId() + ": the blob covers "
                    + archive.metadata().range() + " topics " + archive.metadata().topics() + " but the index says "
                    + entry.range() + " topics " + entry.metadata().topics());
        }
        return archive;
    }
}
