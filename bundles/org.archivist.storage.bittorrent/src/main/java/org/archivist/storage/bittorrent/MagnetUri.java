package org.archivist.storage.bittorrent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.archivist.storage.bittorrent.internal.metainfo.BencodeException;
import org.archivist.storage.bittorrent.internal.metainfo.MagnetLink;

/** A BitTorrent v1 magnet link ({@code xt=urn:btih:}, {@code dn}, {@code tr}, {@code x.pe}), as status-go sends it. */
public final class MagnetUri {
    private final MagnetLink link;

    private MagnetUri(MagnetLink link) {
        this.link = link;
    }

    static MagnetUri of(MagnetLink link) {
        return new MagnetUri(Objects.requireNonNull(link, "link"));
    }

    /**
     * Parses a magnet URI (hex or base32 infohash; length, parameter count and escapes checked).
     *
     * @throws InvalidTorrentException when it is not a usable BitTorrent v1 magnet link
     */
    public static MagnetUri parse(String uri) throws InvalidTorrentException {
        try {
            return new MagnetUri(MagnetLink.parse(uri));
        } catch (BencodeException e) {
            throw new InvalidTorrentException(e.getMessage(), e);
        }
    }

    /** The infohash, 40 lowercase hex digits. */
    public String infoHashHex() {
        return link.infoHashHex();
    }

    /** The display name ({@code dn}): a Status community's id. */
    public Optional<String> displayName() {
        return link.displayName();
    }

    public List<String> trackers() {
        return link.trackers();
    }

    /** {@code host:port} peer hints ({@code x.pe}). */
    public List<String> peers() {
        return link.peers();
    }

    /** This link with more {@code host:port} peer hints. */
    public MagnetUri withPeers(List<String> hostPorts) {
        return new MagnetUri(link.withPeers(hostPorts));
    }

    MagnetLink link() {
        return link;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MagnetUri other && link.equals(other.link);
    }

    @Override
    public int hashCode() {
        return link.hashCode();
    }

    /** The URI text. */
    @Override
    public String toString() {
        return link.toString();
    }
}
