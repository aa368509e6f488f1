package org.archivist.storage.bittorrent.internal.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MagnetLinkTest {
    private static final String CID = "0x02" + "ab".repeat(32);
    private static final String HASH = "8d0e3e4e0b5d4e8b1f3f9e6ad2b8f1c6a4e3d2c1";
    private static final String STATUS_FORM = "magnet:?xt=urn:btih:" + HASH + "&dn=" + CID
            + "&tr=udp%3A%2F%2Ftracker.opentrackr.org%3A1337%2Fannounce"
            + "&tr=udp%3A%2F%2Ftracker.openbittorrent.com%3A6969%2Fannounce";

    @Test
    void writesTheStatusGoForm() {
        MagnetLink link = MagnetLink.of(HexFormat.of().parseHex(HASH), CID, Metainfo.STATUS_TRACKERS);
        assertEquals(STATUS_FORM, link.toString());
    }

    @Test
    void parsesBothTrackerOrdersAndPeerHints() throws BencodeException {
        MagnetLink link = MagnetLink.parse(STATUS_FORM);
        assertEquals(HASH, link.infoHashHex());
        assertEquals(Optional.of(CID), link.displayName());
        assertEquals(Metainfo.STATUS_TRACKERS, link.trackers());

        String swapped = "magnet:?xt=urn:btih:" + HASH.toUpperCase() + "&dn=" + CID
                + "&tr=udp%3A%2F%2Ftracker.openbittorrent.com%3A6969%2Fannounce"
                + "&tr=udp%3A%2F%2Ftracker.opentrackr.org%3A1337%2Fannounce&x.pe=127.0.0.1%3A6881&x.pe=10.0.0.2:7000";
        MagnetLink other = MagnetLink.parse(swapped);
        assertEquals(HASH, other.infoHashHex());
        assertEquals(List.of(Metainfo.STATUS_TRACKERS.get(1), Metainfo.STATUS_TRACKERS.get(0)), other.trackers());
        assertEquals(List.of("127.0.0.1:6881", "10.0.0.2:7000"), other.peers());
        assertEquals(swapped.replace(HASH.toUpperCase(), HASH).replace("10.0.0.2:7000", "10.0.0.2%3A7000"),
                other.toString());
    }

    @Test
    void acceptsBase32InfoHashes() throws BencodeException {
        // 20 bytes 0x00..0x13 in RFC 4648 base32
        MagnetLink link = MagnetLink.parse("magnet:?xt=urn:btih:AAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQT");
        assertEquals("000102030405060708090a0b0c0d0e0f10111213", link.infoHashHex());
        assertEquals(Optional.empty(), link.displayName());
    }

    @Test
    void escapesLikeGoQueryEscape() {
        assertEquals("a+b%2A-_.~%C3%A9%2F", MagnetLink.queryEscape("a b*-_.~\u00e9/"));
    }

    @Test
    void refusesWhatIsNotABitTorrentMagnet() {
        for (String bad : List.of("http://x", "magnet:?dn=x", "magnet:?xt=urn:btih:1234", "magnet:?xt=urn:btih:" + HASH
                + "&dn=%G1", "magnet:?xt=urn:btih:" + HASH + "&xt=urn:btih:" + HASH)) {
            BencodeException e = assertThrows(BencodeException.class, () -> MagnetLink.parse(bad), bad);
            assertTrue(e.getMessage().contains("magnet"), e.getMessage());
        }
    }
}
