package org.archivist.api.service;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.archivist.api.TimeRange;

/**
 * One archive of a community as this node holds it, for operators' views: its time range, where it is stored
 * and what a read-back check found. The same partition published on several backends is one summary: backends
 * name an archive differently (its id hashes the backend's location), so {@link #id()} is its id on the first
 * backend of {@link #storedOn()} in name order.
 *
 * @param id       the archive id ({@code 0x} + keccak256 of its index metadata) on the first backend in name order
 * @param range    the partition {@code [from, to)} the archive covers, Unix seconds
 * @param bytes    the size of its blob (without padding), empty when the backend's index does not say it and no
 *                 check has read it yet
 * @param messages the messages it holds, known once a check decoded it
 * @param storedOn the backends ({@code storage.type} names) whose committed set lists it (on a member: whose
 *                 fetched index lists it); never empty
 * @param verified whether a check read its stored blob back from every backend of {@link #storedOn()}, decoded
 *                 it (decrypting when the community is encrypted) and found it to be the archive its index entry
 *                 describes, each message inside the range; on a member (since 1.5), whether the import of a
 *                 {@link Availability#HELD HELD} archive made these checks on the blob it downloaded and they passed
 * @param availability what this node has of it: the owner's published copy, or, on a member, whether it holds
 *                 the archive, still has to fetch it, or leaves it out of its history window (since 1.5)
 * @param checks   the kinds of check {@link #verified()} rests on, each run on at least one of its copies; empty
 *                 when none ran (since 1.5)
 * @since 1.3
 */
public record ArchiveSummary(String id, TimeRange range, OptionalLong bytes, OptionalInt messages,
        Set<String> storedOn, boolean verified, Availability availability, Set<Check> checks) {

    /**
     * A kind of check of a stored (or downloaded) archive.
     *
     * @since 1.5
     */
    public enum Check {
        /**
         * The blob was decoded (decrypted when the community is encrypted) and found to be the archive its index
         * entry describes, every message inside the range: the blob read back from the backend's store on the
         * control node, the downloaded blob at its import on a member. A changed payload byte may still decode.
         */
        DECODED,
        /**
         * The backend's content address recomputed from the bytes read back equals the address of the content the
         * storage node serves for the archive (Codex: tree CID and block size, against the dataset's manifest):
         * a changed byte is found. Run by {@link ArchiveService#verifyArchives} on backends that address content.
         */
        CONTENT_ADDRESS,
        /**
         * The pieces the archive occupies in the backend's stored copy hash to the values the backend recorded for
         * them ({@link org.archivist.api.storage.StoredPieceVerifier}; BitTorrent: each piece's SHA-1 against the
         * stored torrent): a changed byte is found. Run by {@link ArchiveService#verifyArchives} on backends that
         * keep piece hashes.
         *
         * @since 1.6
         */
        PIECE_HASHES
    }

    /**
     * What a node has of an archive. An owner's archives are {@link #PUBLISHED}; a member's are the entries of
     * the newest index it knows, each {@link #HELD}, {@link #MISSING} or {@link #OUTSIDE_WINDOW}.
     *
     * @since 1.5
     */
    public enum Availability {
        /** The owner's copy, published on {@link ArchiveSummary#storedOn()}. */
        PUBLISHED,
        /** A member holds it: downloaded and handed to the host's importer. */
        HELD,
        /** A member has not fetched it yet (it will at its next run, or is fetching it now). */
        MISSING,
        /** Left out by the member's history window; still listed by the index and fetchable later. */
        OUTSIDE_WINDOW
    }

    /** An owner's published archive (the summary of API 1.3); its checks: {@link Check#DECODED} when verified. */
    public ArchiveSummary(String id, TimeRange range, OptionalLong bytes, OptionalInt messages,
            Set<String> storedOn, boolean verified) {
        this(id, range, bytes, messages, storedOn, verified, Availability.PUBLISHED);
    }

    /** A summary whose checks are {@link Check#DECODED} when verified, none otherwise. */
    public ArchiveSummary(String id, TimeRange range, OptionalLong bytes, OptionalInt messages,
            Set<String> storedOn, boolean verified, Availability availability) {
        this(id, range, bytes, messages, storedOn, verified, availability,
                verified ? Set.of(Check.DECODED) : Set.of());
    }

    public ArchiveSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(availability, "availability");
        bytes = bytes == null ? OptionalLong.empty() : bytes;
        messages = messages == null ? OptionalInt.empty() : messages;
        storedOn = Set.copyOf(storedOn);
        checks = checks == null ? Set.of() : Set.copyOf(checks);
        if (storedOn.isEmpty()) {
            throw new IllegalArgumentException("an archive summary names at least one backend");
        }
    }
}
