package org.archivist.core.owner;

import static org.archivist.core.testing.Fixtures.COMMUNITY;
import static org.archivist.core.testing.Fixtures.DAY;
import static org.archivist.core.testing.Fixtures.HOUR;
import static org.archivist.core.testing.Fixtures.JAN_1_2020;
import static org.archivist.core.testing.Fixtures.OTHER_TOPIC;
import static org.archivist.core.testing.Fixtures.TOPIC;
import static org.archivist.core.testing.Fixtures.WEEK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.Community;
import org.archivist.api.host.HashRatchetCiphertext;
import org.archivist.api.host.MessageStore;
import org.archivist.api.host.StreamingEncryption;
import org.archivist.api.storage.PublishSession;
import org.archivist.api.storage.StorageException;
import org.archivist.core.directory.ArchiveDirectory;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.link.MagnetLinkFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed writer produces data and index files byte for byte as the buffered writer it replaced
 * ({@link BufferedReferenceWriter}): several partitions, chunk splits, oversized messages (one partition
 * made only of them), messages outside the range or topics, a second run on top of the first.
 */
class StreamedArchivesTest {
    private static final long CAP = 5_000;
    private static final ContentTopic FOREIGN = ContentTopic.of("deadbeef");

    @TempDir
    Path dir;

    @Test
    void plainArchivesAreByteIdenticalToTheBufferedWriter() throws Exception {
        compare(false);
    }

    @Test
    void encryptedArchivesAreByteIdenticalWithADeterministicCipher() throws Exception {
        compare(true);
    }

    @Test
    void archivesSealedAsAStreamAreByteIdenticalToArchivesSealedWhole() throws Exception {
        compare(Optional.of(new StreamingCopyCipher()));
    }

    private void compare(boolean encrypted) throws Exception {
        compare(encrypted ? Optional.of(new CopyCipher()) : Optional.empty());
    }

    private void compare(Optional<ArchiveCipher> cipher) throws Exception {
        List<ArchivedMessage> history = history();
        Community community = new Community(COMMUNITY, List.of(OTHER_TOPIC, TOPIC), cipher.isPresent(), true, true);
        MessageStore store = new ListMessageStore(history);
        Path streamed = dir.resolve("streamed");
        Path buffered = dir.resolve("buffered");
        long firstEnd = JAN_1_2020 + 3 * WEEK + 2 * DAY;
        for (TimeRange range : List.of(TimeRange.of(JAN_1_2020, firstEnd), TimeRange.of(JAN_1_2020, JAN_1_2020 + 6 * WEEK))) {
            ArchiveRun a;
            try (PublishSession s = ArchiveDirectory.open(streamed, COMMUNITY, cipher).beginPublish()) {
                a = new ArchiveWriter(store, CAP, DecodeLimits.DEFAULT).write(community, range, WEEK, cipher,
                        MagnetLinkFormat.INSTANCE, s);
            }
            ArchiveRun b;
            try (PublishSession s = ArchiveDirectory.open(buffered, COMMUNITY, cipher).beginPublish()) {
                b = new BufferedReferenceWriter(store, CAP, DecodeLimits.DEFAULT).write(community, range, WEEK, cipher,
                        MagnetLinkFormat.INSTANCE, s);
            }
            assertTrue(a.created().size() > 3, "several archives: " + a.created().size());
            assertEquals(b.created(), a.created());
            assertEquals(b.dropped(), a.dropped());
            assertEquals(b.link().isPresent(), a.link().isPresent());
        }
        for (String file : List.of(ArchiveDirectory.DATA, ArchiveDirectory.INDEX)) {
            byte[] expected = Files.readAllBytes(buffered.resolve(COMMUNITY.hex()).resolve(file));
            byte[] actual = Files.readAllBytes(streamed.resolve(COMMUNITY.hex()).resolve(file));
            assertTrue(expected.length > 0);
            assertArrayEquals(expected, actual, file);
        }
    }

    /** Six weeks: messages of random sizes, a few too heavy, a week of oversized ones only, strays. */
    private static List<ArchivedMessage> history() {
        Random random = new Random(11);
        List<ArchivedMessage> messages = new ArrayList<>();
        int n = 0;
        for (long t = JAN_1_2020; t < JAN_1_2020 + 6 * WEEK; t += HOUR) {
            boolean oversizedWeek = t >= JAN_1_2020 + 4 * WEEK && t < JAN_1_2020 + 5 * WEEK;
            if (oversizedWeek && t % (6 * HOUR) != 0) {
                continue;
            }
            int size = oversizedWeek || random.nextInt(40) == 0 ? (int) CAP + random.nextInt(100)
                    : random.nextInt(1500);
            ContentTopic topic = random.nextInt(30) == 0 ? FOREIGN : random.nextBoolean() ? TOPIC : OTHER_TOPIC;
            messages.add(message(t, topic, n++, size, random));
        }
        return messages;
    }

    private static ArchivedMessage message(long t, ContentTopic topic, int n, int size, Random random) {
        byte[] payload = new byte[size];
        random.nextBytes(payload);
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        byte[] sig = new byte[65];
        random.nextBytes(sig);
        return new ArchivedMessage(sig, t, topic, payload, new byte[random.nextInt(20)], hash,
                n % 7 == 0 ? "discord-" + n : "");
    }

    @Test
    void aStoreThatChangesBetweenThePassesFailsRetryablyAndCommitsNothing() throws Exception {
        List<ArchivedMessage> history = history();
        AtomicInteger opens = new AtomicInteger();
        MessageStore changing = new MessageStore() {
            @Override
            public Stream<ArchivedMessage> messages(CommunityId c, Set<ContentTopic> topics, TimeRange range) {
                // the second opening (the writing pass) misses the partition's first message
                Stream<ArchivedMessage> all = new ListMessageStore(history).messages(c, topics, range);
                return opens.incrementAndGet() == 2 ? all.skip(1) : all;
            }

            @Override
            public java.util.OptionalLong oldestTimestamp(CommunityId c, Set<ContentTopic> topics) {
                return java.util.OptionalLong.of(JAN_1_2020);
            }
        };
        for (Optional<ArchiveCipher> cipher : List.<Optional<ArchiveCipher>>of(Optional.empty(),
                Optional.of(new CopyCipher()), Optional.of(new StreamingCopyCipher()))) {
            opens.set(0);
            Community community = new Community(COMMUNITY, List.of(OTHER_TOPIC, TOPIC), cipher.isPresent(), true,
                    true);
            Path d = dir.resolve("changed-" + cipher.map(c -> c.getClass().getSimpleName()).orElse("plain"));
            try (PublishSession s = ArchiveDirectory.open(d, COMMUNITY, cipher).beginPublish()) {
                StorageException e = assertThrows(StorageException.class, () -> new ArchiveWriter(changing, CAP,
                        DecodeLimits.DEFAULT).write(community, TimeRange.of(JAN_1_2020, JAN_1_2020 + WEEK), WEEK,
                        cipher, MagnetLinkFormat.INSTANCE, s));
                assertTrue(e.retryable(), e.getMessage());
                assertTrue(e.getMessage().contains("message store"), e.getMessage());
            }
            assertFalse(Files.exists(d.resolve(COMMUNITY.hex()).resolve(ArchiveDirectory.INDEX)));
        }
    }

    /** A deterministic stand-in for the host's cipher: the "ciphertext" is the plaintext. */
    private static class CopyCipher implements ArchiveCipher {
        static final HashRatchetCiphertext HEADER = new HashRatchetCiphertext("installation", new byte[] {1, 2},
                new byte[] {3, 4}, 0, 7, new byte[0]);

        @Override
        public HashRatchetCiphertext encrypt(CommunityId community, byte[] plaintext) {
            return new HashRatchetCiphertext(HEADER.installationId(), HEADER.groupId(), HEADER.keyId(),
                    HEADER.deprecatedKeyId(), HEADER.seqNo(), plaintext.clone());
        }

        @Override
        public byte[] decrypt(CommunityId community, HashRatchetCiphertext ciphertext) {
            return ciphertext.payload();
        }
    }

    /** The copy cipher that also "encrypts" as a stream. */
    private static final class StreamingCopyCipher extends CopyCipher {
        @Override
        public Optional<StreamingEncryption> encryptStreaming(CommunityId community) {
            return Optional.of(new StreamingEncryption() {
                @Override
                public HashRatchetCiphertext header() {
                    return HEADER;
                }

                @Override
                public long payloadLength(long plaintextLength) {
                    return plaintextLength;
                }

                @Override
                public OutputStream encryptInto(OutputStream payload) {
                    return new FilterOutputStream(payload) {
                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            out.write(b, off, len);
                        }

                        @Override
                        public void close() throws IOException {
                            flush(); // leaves the payload open
                        }
                    };
                }
            });
        }
    }
}
