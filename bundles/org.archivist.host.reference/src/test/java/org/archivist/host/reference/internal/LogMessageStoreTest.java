package org.archivist.host.reference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogMessageStoreTest {
    static final ContentTopic A = ContentTopic.of("0a0a0a0a");
    static final ContentTopic B = ContentTopic.of("0b0b0b0b");
    static final CommunityId C = TestCommunities.idOf(TestCommunities.newKey());

    @TempDir
    Path dir;

    static ArchivedMessage message(int n, long timestamp, ContentTopic topic) {
        byte[] hash = new byte[32];
        hash[0] = (byte) (n >> 8);
        hash[1] = (byte) n;
        return new ArchivedMessage(new byte[] {1}, timestamp, topic, ("payload " + n).getBytes(), new byte[] {1}, hash,
                "");
    }

    static List<ArchivedMessage> read(LogMessageStore store, Set<ContentTopic> topics, TimeRange range) {
        try (Stream<ArchivedMessage> s = store.messages(C, topics, range)) {
            return s.toList();
        }
    }

    @Test
    void streamsByTopicsAndHalfOpenRangeInTimestampOrder() throws IOException {
        try (LogMessageStore store = new LogMessageStore(dir)) {
            store.add(C, List.of(message(1, 300, A), message(2, 100, A), message(3, 200, B), message(4, 400, A),
                    message(5, 250, A)));
            List<ArchivedMessage> got = read(store, Set.of(A), TimeRange.of(100, 400));
            assertEquals(List.of(100L, 250L, 300L), got.stream().map(ArchivedMessage::timestamp).toList());
            assertEquals(4, read(store, Set.of(A, B), TimeRange.of(100, 400)).size());
            assertEquals(OptionalLong.of(200), store.oldestTimestamp(C, Set.of(B)));
            assertEquals(OptionalLong.of(100), store.oldestTimestamp(C, Set.of(A, B)));
            assertEquals(OptionalLong.empty(), store.oldestTimestamp(C, Set.of(ContentTopic.of("00000000"))));
            assertEquals(OptionalLong.of(400), store.newestTimestamp(C, Set.of(A)));
        }
    }

    @Test
    void oneRowPerHash() throws IOException {
        try (LogMessageStore store = new LogMessageStore(dir)) {
            assertEquals(2, store.add(C, List.of(message(1, 10, A), message(2, 20, A), message(1, 10, A))));
            assertEquals(0, store.add(C, List.of(message(2, 20, A))));
            assertEquals(2, store.count(C));
        }
    }

    @Test
    void survivesReopenWithContentIntact() throws IOException {
        List<ArchivedMessage> written = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            written.add(message(i, 1000 + i, i % 2 == 0 ? A : B));
        }
        try (LogMessageStore store = new LogMessageStore(dir)) {
            store.add(C, written.subList(0, 20));
            store.add(C, written.subList(20, 50));
        }
        try (LogMessageStore store = new LogMessageStore(dir)) {
            assertEquals(written, read(store, Set.of(A, B), TimeRange.of(1000, 2000)));
            assertEquals(0, store.add(C, written));
        }
    }

    @Test
    void tornTailIsCutOffAndEverythingBeforeKept() throws IOException {
        try (LogMessageStore store = new LogMessageStore(dir)) {
            store.add(C, List.of(message(1, 10, A), message(2, 20, A)));
        }
        Path log = dir.resolve(C.hex() + ".log");
        long intact = Files.size(log);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x41, 0x52, 0x4d, 0x31, 0, 0, 0, 50, 1, 2, 3}));
        }
        try (LogMessageStore store = new LogMessageStore(dir)) {
            assertEquals(2, store.count(C));
            assertEquals(intact, Files.size(log));
            store.add(C, List.of(message(3, 30, A)));
        }
        try (LogMessageStore store = new LogMessageStore(dir)) {
            assertEquals(3, store.count(C));
        }
    }

    @Test
    void damageBeforeTheEndIsReportedNotRepaired() throws IOException {
        try (LogMessageStore store = new LogMessageStore(dir)) {
            store.add(C, List.of(message(1, 10, A), message(2, 20, A)));
        }
        Path log = dir.resolve(C.hex() + ".log");
        byte[] bytes = Files.readAllBytes(log);
        bytes[14] ^= 0x55; // inside the first record's body
        Files.write(log, bytes);
        try (LogMessageStore store = new LogMessageStore(dir)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.count(C));
            assertTrue(e.getCause() instanceof StoreCorruptedException, e.toString());
        }
        assertEquals(bytes.length, Files.size(log));
    }
}
