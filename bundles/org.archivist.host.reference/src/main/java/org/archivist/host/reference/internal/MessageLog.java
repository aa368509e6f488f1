package org.archivist.host.reference.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.archivist.proto.WakuMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * One community's messages: an append-only file of records {@code magic, length, crc32c, WakuMessage}
 * and an in-memory index by (timestamp, hash) rebuilt when the file is opened. A torn last record (a
 * crash during an append) is cut off on open; damage anywhere else stops the open with a
 * {@link StoreCorruptedException}. One record per message hash: a hash already held is not stored again.
 */
final class MessageLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MessageLog.class);
    private static final int MAGIC = 0x41524d31; // "ARM1"
    private static final int HEADER = 12;
    private static final int MAX_RECORD = 64 * 1024 * 1024;

    /** Where one message lives in the file. */
    record Slot(ContentTopic topic, long position, int length) {
    }

    /** Index key: timestamp first, then hash, so that iteration is in timestamp order. */
    private record Key(long timestamp, String hash) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(timestamp, o.timestamp);
            return c != 0 ? c : hash.compareTo(o.hash);
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final NavigableMap<Key, Slot> index = new TreeMap<>();
    private final Set<String> hashes = new HashSet<>();
    private long end;

    MessageLog(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            load();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void load() throws IOException {
        long size = channel.size();
        long pos = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (pos < size) {
            if (size - pos < HEADER) {
                truncateTornTail(pos, size, "incomplete record header");
                return;
            }
            header.clear();
            readFully(header, pos);
            header.flip();
            int magic = header.getInt();
            int length = header.getInt();
            int crc = header.getInt();
            if (magic != MAGIC || length < 0 || length > MAX_RECORD) {
                throw new StoreCorruptedException(file + ": no record at byte " + pos + " (bad magic or length)");
            }
            long next = pos + HEADER + length;
            if (next > size) {
                truncateTornTail(pos, size, "record runs past the end of the file");
                return;
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            readFully(body, pos + HEADER);
            if (crc32c(body.array()) != crc) {
                if (next == size) {
                    truncateTornTail(pos, size, "last record fails its checksum");
                    return;
                }
                throw new StoreCorruptedException(file + ": record at byte " + pos + " fails its checksum");
            }
            WakuMessage m = WakuMessage.parseFrom(body.array());
            String hash = java.util.HexFormat.of().formatHex(m.getHash().toByteArray());
            if (hashes.add(hash)) {
                index.put(new Key(m.getTimestamp(), hash), new Slot(ContentTopic.of(m.getTopic().toByteArray()),
                        pos + HEADER, length));
            }
            pos = next;
        }
        end = pos;
    }

    private void truncateTornTail(long pos, long size, String why) throws IOException {
        LOG.warn("{}: {} at byte {}; cutting off the torn tail of {} bytes", file, why, pos, size - pos);
        channel.truncate(pos);
        channel.force(true);
        end = pos;
    }

    /** Appends the messages whose hash is new, then syncs once; returns how many were new. */
    synchronized int append(Collection<ArchivedMessage> messages) throws IOException {
        int added = 0;
        Set<String> batch = new HashSet<>();
        List<ByteBuffer> pending = new ArrayList<>();
        Map<Key, Slot> pendingIndex = new TreeMap<>();
        long pos = end;
        for (ArchivedMessage m : messages) {
            String hash = m.hashHex();
            if (m.hash().length == 0) {
                throw new IllegalArgumentException("a message without a hash cannot be stored: " + m);
            }
            if (hashes.contains(hash) || !batch.add(hash)) {
                continue;
            }
            byte[] body = encode(m);
            ByteBuffer record = ByteBuffer.allocate(HEADER + body.length);
            record.putInt(MAGIC).putInt(body.length).putInt(crc32c(body)).put(body).flip();
            pending.add(record);
            pendingIndex.put(new Key(m.timestamp(), hash), new Slot(m.topic(), pos + HEADER, body.length));
            pos += HEADER + body.length;
            added++;
        }
        if (added == 0) {
            return 0;
        }
        long written = end;
        try {
            for (ByteBuffer record : pending) {
                while (record.hasRemaining()) {
                    written += channel.write(record, written);
                }
            }
            channel.force(false);
        } catch (IOException e) {
            channel.truncate(end);
            throw e;
        }
        end = pos;
        index.putAll(pendingIndex);
        hashes.addAll(batch);
        return added;
    }

    /** The index slots of the messages in range on the topics, in timestamp order (a snapshot). */
    synchronized List<Slot> select(Set<ContentTopic> topics, TimeRange range) {
        List<Slot> slots = new ArrayList<>();
        for (Map.Entry<Key, Slot> e : index.subMap(new Key(range.from(), ""), true, new Key(range.to(), ""), false)
                .entrySet()) {
            if (topics.contains(e.getValue().topic())) {
                slots.add(e.getValue());
            }
        }
        return slots;
    }

    synchronized OptionalLong oldest(Set<ContentTopic> topics) {
        for (Map.Entry<Key, Slot> e : index.entrySet()) {
            if (topics.contains(e.getValue().topic())) {
                return OptionalLong.of(e.getKey().timestamp());
            }
        }
        return OptionalLong.empty();
    }

    synchronized OptionalLong newest(Set<ContentTopic> topics) {
        for (Map.Entry<Key, Slot> e : index.descendingMap().entrySet()) {
            if (topics.contains(e.getValue().topic())) {
                return OptionalLong.of(e.getKey().timestamp());
            }
        }
        return OptionalLong.empty();
    }

    synchronized int size() {
        return index.size();
    }

    synchronized Set<String> hashes() {
        return Set.copyOf(hashes);
    }

    synchronized boolean contains(String hashHex) {
        return hashes.contains(hashHex);
    }

    /** Reads one message back (positional read; safe alongside appends). */
    ArchivedMessage read(Slot slot) {
        long position = slot.position();
        ByteBuffer body = ByteBuffer.allocate(slot.length());
        try {
            readFully(body, position);
            return decode(WakuMessage.parseFrom(body.array()));
        } catch (InvalidProtocolBufferException e) {
            throw new UncheckedIOException(new StoreCorruptedException(file + ": unreadable record at byte " + position));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " at byte " + position, e);
        }
    }

    private void readFully(ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, p);
            if (n < 0) {
                throw new IOException(file + ": unexpected end of file at byte " + p);
            }
            p += n;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private static byte[] encode(ArchivedMessage m) {
        return WakuMessage.newBuilder()
                .setSig(ByteString.copyFrom(m.sig()))
                .setTimestamp(m.timestamp())
                .setTopic(ByteString.copyFrom(m.topic().bytes()))
                .setPayload(ByteString.copyFrom(m.payload()))
                .setPadding(ByteString.copyFrom(m.padding()))
                .setHash(ByteString.copyFrom(m.hash()))
                .setThirdPartyId(m.thirdPartyId())
                .build()
                .toByteArray();
    }

    private static ArchivedMessage decode(WakuMessage m) {
        return new ArchivedMessage(m.getSig().toByteArray(), m.getTimestamp(), ContentTopic.of(m.getTopic().toByteArray()),
                m.getPayload().toByteArray(), m.getPadding().toByteArray(), m.getHash().toByteArray(),
                m.getThirdPartyId());
    }

    private static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
