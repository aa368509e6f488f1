package org.archivist.core.statusgo;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.message;
import static org.archivist.core.testing.Fixtures.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.archivist.api.ArchiveLocation.ContentAddress;
import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.IndexEntry;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.HashRatchetCiphertext;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.link.IndexCidLinkFormat;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.core.statusgo.StatusGoReaderModel.Reading;
import org.archivist.core.statusgo.StatusGoReaderModel.Result;
import org.archivist.core.testing.TestCipher;
import org.junit.jupiter.api.Test;

/**
 * Every envelope Archivist can write (archives and indexes, BitTorrent and Codex, many installation ids and key
 * ids) is read as encrypted by status-go's reader ({@link StatusGoReaderModel}); the model itself is shown to
 * reproduce status-go's misreading of the former {@code archivist-tool} id and of an empty id.
 */
class EncryptedArchivesReadAsEncryptedTest {
    static final byte[] KEY = new byte[32];
    static final long[] KEY_TIMESTAMPS = {0, 1, 42, 1_700_000_000L, 0xffff_ffffL, 1L << 40};

    static List<byte[]> plaintexts() {
        List<byte[]> all = new ArrayList<>();
        ArchiveMetadata meta = metadata(JAN_1_2020, JAN_1_2020 + WEEK);
        List<ArchivedMessage> messages = List.of(message(JAN_1_2020 + 1, 1, 100), message(JAN_1_2020 + 2, 2, 3000));
        all.add(ArchiveCodec.encode(meta, messages));
        all.add(ArchiveCodec.encode(meta, List.of()));
        PieceRange at = new PieceRange(0, 102400, 1000);
        all.add(MagnetLinkFormat.INSTANCE.encodeIndex(List.of(new IndexEntry(ArchiveIds.of(meta, at), meta, at))));
        ContentAddress cid = new ContentAddress("zDvZRwzm1ePSzKSXt57D5YxHwcSDmsCyYN65wW4HT7fuX9HrzFXy");
        all.add(IndexCidLinkFormat.INSTANCE.encodeIndex(List.of(new IndexEntry(ArchiveIds.of(meta, cid), meta, cid))));
        all.add(new byte[0]);
        return all;
    }

    static List<String> installationIds() {
        List<String> ids = new ArrayList<>(List.of("archivist-reference-host", "owner", "member", "member-bittorrent",
                "member-codex", "installation-1", "i", "x", "tool"));
        for (int i = 0; i < 300; i++) {
            ids.add("f" + java.util.UUID.randomUUID().toString().substring(1)); // the reference host's generated shape (InstallationIdsTest)
        }
        return ids;
    }

    @Test
    void everyEnvelopeIsReadAsEncryptedArchiveAndAsEncryptedIndex() throws Exception {
        int checked = 0;
        for (long ts : KEY_TIMESTAMPS) {
            for (String id : installationIds()) {
                ArchiveCipher cipher = new TestCipher(ts, KEY, id);
                for (byte[] plain : plaintexts()) {
                    byte[] sealed = ArchiveEnvelope.seal(COMMUNITY, plain, cipher);
                    assertEquals(Reading.DECRYPTS, StatusGoReaderModel.readArchive(sealed).reading(),
                            () -> "archive under installation id '" + id + "', key timestamp " + ts);
                    assertEquals(Reading.DECRYPTS, StatusGoReaderModel.readIndex(sealed, false).reading(), id);
                    assertEquals(Reading.DECRYPTS, StatusGoReaderModel.readIndex(sealed, true).reading(), id);
                    checked++;
                }
            }
        }
        assertEquals(KEY_TIMESTAMPS.length * installationIds().size() * plaintexts().size(), checked);
    }

    @Test
    void theModelReadsPlainDataAsPlain() {
        List<byte[]> p = plaintexts();
        assertEquals(new Result(Reading.PLAIN, 2), StatusGoReaderModel.readArchive(p.get(0)));
        assertEquals(new Result(Reading.PLAIN, 0), StatusGoReaderModel.readArchive(p.get(1)));
        assertEquals(new Result(Reading.PLAIN, 1), StatusGoReaderModel.readIndex(p.get(2), false));
        assertEquals(new Result(Reading.PLAIN, 1), StatusGoReaderModel.readIndex(p.get(3), true));
        assertEquals(Reading.FAILS, StatusGoReaderModel.readArchive(new byte[] {0x0f}).reading(), "wire type 7");
        assertEquals(Reading.FAILS, StatusGoReaderModel.readIndex(new byte[] {0x0a, 0x05, 1}, false).reading());
    }

    @Test
    void theModelReproducesStatusGosMisreadingOfTheFormerToolIdAndOfAnEmptyId() throws Exception {
        for (String bad : List.of("archivist-tool", "")) {
            byte[] sealed = ArchiveEnvelope.seal(COMMUNITY, plaintexts().get(0), fixedInstallationId(bad));
            assertEquals(new Result(Reading.PLAIN, 0), StatusGoReaderModel.readArchive(sealed),
                    "status-go imports 0 messages and marks the archive done");
        }
    }

    /** A cipher that wraps with the given installation id, as a host might, bypassing the reference host's check. */
    static ArchiveCipher fixedInstallationId(String id) {
        return new ArchiveCipher() {
            @Override
            public HashRatchetCiphertext encrypt(org.archivist.api.CommunityId community, byte[] plaintext) {
                return new HashRatchetCiphertext(id, community.bytes(), new byte[32], 1, 1, new byte[28]);
            }

            @Override
            public byte[] decrypt(org.archivist.api.CommunityId community, HashRatchetCiphertext ciphertext) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
