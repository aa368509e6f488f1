package org.archivist.core.format;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.IndexEntry;
import org.archivist.proto.CodexWakuMessageArchiveIndexMetadata;
import org.archivist.proto.WakuMessageArchiveIndexMetadata;

/**
 * Archive ids: {@code "0x"} + keccak256 of the proto3 encoding of the index metadata, exactly as
 * status-go computes them. The archive content is not hashed: the id depends only on from, to, the
 * topics and the location (offset, size, padding for BitTorrent; the CID for Codex).
 */
public final class ArchiveIds {
    private ArchiveIds() {
    }

    public static String of(ArchiveMetadata metadata, ArchiveLocation location) {
        return Keccak256.hex(encodedIndexMetadata(metadata, location));
    }

    /** The index entry of an archive, with its id. */
    public static IndexEntry entry(ArchiveMetadata metadata, ArchiveLocation location) {
        return new IndexEntry(of(metadata, location), metadata, location);
    }

    /**
     * {@code WakuMessageArchiveIndexMetadata{metadata, offset, size, padding}} or
     * {@code CodexWakuMessageArchiveIndexMetadata{metadata, cid}}, proto3-encoded (defaults omitted).
     */
    public static byte[] encodedIndexMetadata(ArchiveMetadata metadata, ArchiveLocation location) {
        if (location instanceof ArchiveLocation.PieceRange r) {
            return pieceRangeMetadata(metadata, r).toByteArray();
        }
        ArchiveLocation.ContentAddress c = (ArchiveLocation.ContentAddress) location;
        return contentAddressMetadata(metadata, c).toByteArray();
    }

    static WakuMessageArchiveIndexMetadata pieceRangeMetadata(ArchiveMetadata metadata,
            ArchiveLocation.PieceRange r) {
        return WakuMessageArchiveIndexMetadata.newBuilder()
                .setMetadata(ProtoMapping.toProto(metadata))
                .setOffset(r.offset())
                .setSize(r.size())
                .setPadding(r.padding())
                .build();
    }

    static CodexWakuMessageArchiveIndexMetadata contentAddressMetadata(ArchiveMetadata metadata,
            ArchiveLocation.ContentAddress c) {
        return CodexWakuMessageArchiveIndexMetadata.newBuilder()
                .setMetadata(ProtoMapping.toProto(metadata))
                .setCid(c.cid())
                .build();
    }
}
