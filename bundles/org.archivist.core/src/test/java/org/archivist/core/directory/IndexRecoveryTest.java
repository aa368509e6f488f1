package org.archivist.core.directory;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.archivist.core.testing.Fixtures.DAY;
import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.OTHER_TOPIC;
import static org.archivist.core.testing.Fixtures.TOPIC;
import static org.archivist.core.testing.Fixtures.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.TimeRange;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.Community;
import org.archivist.api.storage.PublishSession;
import org.archivist.core.link.MagnetLinkFormat;
import org.archivist.core.owner.ListMessageStore;
import org.archivist.core.owner.ArchiveWriter;
import org.archivist.core.testing.TestCipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code archivist repair}: a lost index is rebuilt from the self-describing, piece-aligned data. */
class IndexRecoveryTest {
    @TempDir
    Path dataDir;

    @Test
    void aDeletedPlainIndexIsRebuiltByteForByte() throws Exception {
        ArchiveDirectory dir = build(false, Optional.empty());
        byte[] index = Files.readAllBytes(dir.indexFile());
        Files.delete(dir.indexFile());
        RecoveryReport report = dir.rebuildIndex(false);
        assertTrue(report.written());
        assertEquals(List.of(), report.unrecovered());
        assertEquals(4, report.recovered().size());
        assertEquals(1 + 1 + 2 + 40, report.recovered().stream().mapToInt(RecoveryReport.Recovered::messages).sum());
        assertArrayEquals(index, Files.readAllBytes(dir.indexFile()));
        assertEquals(dir.dataLength(), ArchiveDirectory.open(dataDir, COMMUNITY, Optional.empty()).verify());
    }

    @Test
    void anEncryptedIndexIsRebuiltAndSealedAgain() throws Exception {
        ArchiveCipher cipher = new TestCipher(42, new byte[32], "owner");
        ArchiveDirectory dir = build(true, Optional.of(cipher));
        var entries = dir.entries();
        Files.write(dir.indexFile(), new byte[] {0x0a, 0x7f}); // garbage
        ArchiveDirectory withoutKey = ArchiveDirectory.existing(dataDir, COMMUNITY, Optional.empty());
        RecoveryReport refused = withoutKey.rebuildIndex(false);
        assertFalse(refused.written(), "without the key nothing decodes, so nothing is written");
        assertTrue(refused.unrecovered().get(0).reason().contains("cipher"), refused.toString());

        RecoveryReport report = dir.rebuildIndex(false);
        assertTrue(report.written(), report.toString());
        assertEquals(entries, dir.entries());
        assertTrue(org.archivist.core.format.ArchiveEnvelope.isSealed(Files.readAllBytes(dir.indexFile())));
        assertArrayEquals(new byte[] {0x0a, 0x7f},
                Files.readAllBytes(dir.path().resolve(ArchiveDirectory.INDEX_BEFORE_REPAIR)));
    }

    @Test
    void aDamagedArchiveIsReportedAndNothingIsChanged() throws Exception {
        ArchiveDirectory dir = build(false, Optional.empty());
        var entries = dir.entries();
        Files.delete(dir.indexFile());
        long damaged = ((org.archivist.api.ArchiveLocation.PieceRange) entries.get(1).location()).offset();
        try (FileChannel ch = FileChannel.open(dir.dataFile(), StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff}), damaged);
        }
        RecoveryReport report = dir.rebuildIndex(true);
        assertFalse(report.written());
        assertEquals(1, report.unrecovered().size());
        assertEquals(damaged, report.unrecovered().get(0).from());
        assertEquals(3, report.recovered().size(), "the archives around the damage still decode");
        assertFalse(Files.exists(dir.indexFile()));
    }

    @Test
    void anInterruptedLastAppendIsCutOnlyWhenAllowed() throws Exception {
        ArchiveDirectory dir = build(false, Optional.empty());
        long length = dir.dataLength();
        Files.delete(dir.indexFile());
        Files.write(dir.dataFile(), new byte[] {0x0a, 0x10, 1, 2, 3}, StandardOpenOption.APPEND);
        assertFalse(dir.rebuildIndex(false).written());
        assertEquals(length + 5, dir.dataLength());
        RecoveryReport report = dir.rebuildIndex(true);
        assertTrue(report.written());
        assertEquals(5, report.cutTail());
        assertEquals(length, dir.dataLength());
    }

    /** Four archives: two one-message weeks, then a week of two, then a week of 40 messages of 5 kB (2 pieces). */
    private ArchiveDirectory build(boolean encrypted, Optional<ArchiveCipher> cipher) throws Exception {
        List<ArchivedMessage> messages = new ArrayList<>();
        messages.add(message(JAN_1_2020 + 1, TOPIC, 1));
        messages.add(message(JAN_1_2020 + 8 * DAY, OTHER_TOPIC, 2));
        messages.add(message(JAN_1_2020 + 15 * DAY, TOPIC, 3));
        messages.add(message(JAN_1_2020 + 15 * DAY + 1, TOPIC, 4));
        for (int i = 0; i < 40; i++) {
            messages.add(message(JAN_1_2020 + 22 * DAY + i, 100 + i, 5000));
        }
        Community community = new Community(COMMUNITY, List.of(TOPIC, OTHER_TOPIC), encrypted, true, true);
        ArchiveDirectory dir = ArchiveDirectory.open(dataDir, COMMUNITY, cipher);
        try (PublishSession s = dir.beginPublish()) {
            new ArchiveWriter(new ListMessageStore(messages)).write(community,
                    TimeRange.of(JAN_1_2020, JAN_1_2020 + 28 * DAY), ArchiveWriter.DEFAULT_PARTITION_SECONDS, cipher,
                    MagnetLinkFormat.INSTANCE, s);
        }
        return dir;
    }
}
