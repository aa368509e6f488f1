package org.archivist.core.member;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.archivist.core.testing.Fixtures.message;
import static org.archivist.core.testing.Fixtures.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.archivist.api.ArchiveLocation.PieceRange;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.IndexEntry;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CipherException;
import org.archivist.api.host.HashRatchetCiphertext;
import org.archivist.api.host.MissingKeyException;
import org.archivist.core.format.ArchiveCodec;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.ArchiveIds;
import org.archivist.core.format.ArchiveMismatchException;
import org.archivist.core.format.MalformedEncodingException;
import org.archivist.core.format.PieceLayout;
import org.archivist.core.testing.TestCipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An archive read from its file as a stream: plain, padded, sealed (streamed or whole), and what is refused. */
class ArchiveMessagesTest {
    private static final List<ArchivedMessage> MESSAGES = messages();
    private static final byte[] BLOB = ArchiveCodec.encode(metadata(JAN_1_2020, JAN_1_2020 + WEEK), MESSAGES);
    private static final IndexEntry ENTRY = ArchiveIds.entry(metadata(JAN_1_2020, JAN_1_2020 + WEEK),
            PieceLayout.place(204800, BLOB.length));

    private final ArchiveReader reader = new ArchiveReader();
    private final TestCipher cipher = new TestCipher(1, new byte[32], "owner");

    @TempDir
    Path dir;

    @Test
    void readsAPlainArchiveWithOrWithoutItsPadding() throws Exception {
        assertEquals(MESSAGES, read(write(BLOB), ENTRY, Optional.empty()));
        byte[] padded = Arrays.copyOf(BLOB, (int) ((PieceRange) ENTRY.location()).size());
        assertEquals(MESSAGES, read(write(padded), ENTRY, Optional.empty()));
    }

    @Test
    void readsASealedArchiveThroughAStreamingCipherAtThePayloadsPlace() throws Exception {
        byte[] sealed = ArchiveEnvelope.seal(COMMUNITY, BLOB, cipher);
        IndexEntry entry = ArchiveIds.entry(ENTRY.metadata(), PieceLayout.place(0, sealed.length));
        Streaming streaming = new Streaming(cipher);
        assertEquals(MESSAGES, read(write(sealed), entry, Optional.of(streaming)));
        assertEquals(1, streaming.calls.get());
        assertEquals(MESSAGES, read(write(sealed), entry, Optional.of(cipher)), "a cipher that decrypts whole arrays");
    }

    @Test
    void aTamperedSealedArchiveGivesTheCiphersErrorBeforeAnyMessage() throws Exception {
        byte[] sealed = ArchiveEnvelope.seal(COMMUNITY, BLOB, cipher);
        sealed[sealed.length / 2] ^= 1;
        IndexEntry entry = ArchiveIds.entry(ENTRY.metadata(), PieceLayout.place(0, sealed.length));
        Path file = write(sealed);
        assertThrows(CipherException.class, () -> reader.open(COMMUNITY, entry, file, Optional.of(new Streaming(cipher))));
        assertThrows(MissingKeyException.class, () -> reader.open(COMMUNITY, entry, file, Optional.empty()));
    }

    @Test
    void refusesAFileOfAnotherLengthAnotherArchiveAndATruncatedOne() throws Exception {
        ArchiveMismatchException e = assertThrows(ArchiveMismatchException.class,
                () -> reader.open(COMMUNITY, ENTRY, write(Arrays.copyOf(BLOB, BLOB.length - 1)), Optional.empty()));
        assertTrue(e.getMessage().contains("the index says " + BLOB.length), e.getMessage());
        IndexEntry other = ArchiveIds.entry(metadata(JAN_1_2020, JAN_1_2020 + 2 * WEEK),
                PieceLayout.place(0, BLOB.length));
        assertThrows(ArchiveMismatchException.class, () -> reader.open(COMMUNITY, other, write(BLOB), Optional.empty()));
        IndexEntry byCid = new IndexEntry(ENTRY.archiveId(), ENTRY.metadata(),
                new org.archivist.api.ArchiveLocation.ContentAddress("zDvZRwzm"));
        try (ArchiveMessages m = reader.open(COMMUNITY, byCid, write(Arrays.copyOf(BLOB, BLOB.length - 30)),
                Optional.empty())) {
            assertThrows(MalformedEncodingException.class, () -> {
                while (m.next().isPresent()) {
                    // read to the cut
                }
            });
        }
    }

    private List<ArchivedMessage> read(Path file, IndexEntry entry, Optional<ArchiveCipher> c) throws Exception {
        List<ArchivedMessage> out = new ArrayList<>();
        try (ArchiveMessages m = reader.open(COMMUNITY, entry, file, c)) {
            for (Optional<ArchivedMessage> next = m.next(); next.isPresent(); next = m.next()) {
                out.add(next.get());
            }
            assertEquals(out.size(), m.read());
        }
        return out;
    }

    private Path write(byte[] bytes) throws Exception {
        return Files.write(Files.createTempFile(dir, "blob", ""), bytes);
    }

    private static List<ArchivedMessage> messages() {
        List<ArchivedMessage> out = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            out.add(message(JAN_1_2020 + 1 + i, i, i % 50));
        }
        return out;
    }

    /** A host cipher that decrypts as a stream: the payload range read from the file, then the whole-array path. */
    private static final class Streaming implements ArchiveCipher {
        final ArchiveCipher inner;
        final AtomicInteger calls = new AtomicInteger();

        Streaming(ArchiveCipher inner) {
            this.inner = inner;
        }

        @Override
        public HashRatchetCiphertext encrypt(CommunityId community, byte[] plaintext) throws CipherException {
            return inner.encrypt(community, plaintext);
        }

        @Override
        public byte[] decrypt(CommunityId community, HashRatchetCiphertext ciphertext) {
            throw new AssertionError("the streaming path must be taken");
        }

        @Override
        public Optional<InputStream> decryptStreaming(CommunityId community, HashRatchetCiphertext h,
                FileChannel file, long offset, long length) throws CipherException {
            calls.incrementAndGet();
            ByteBuffer payload = ByteBuffer.allocate((int) length);
            try {
                file.read(payload, offset);
            } catch (java.io.IOException e) {
                throw new CipherException(e.getMessage(), e);
            }
            return Optional.of(new ByteArrayInputStream(inner.decrypt(community, new HashRatchetCiphertext(
                    h.installationId(), h.groupId(), h.keyId(), h.deprecatedKeyId(), h.seqNo(), payload.array()))));
        }
    }
}
