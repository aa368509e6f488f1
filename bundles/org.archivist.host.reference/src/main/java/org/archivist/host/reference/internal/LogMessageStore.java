package org.archivist.host.reference.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.archivist.api.host.MessageStore;

import jakarta.inject.Inject;

/**
 * The reference host's persistent message store: one append-only log per community under a directory
 * ({@code <cid>.log}), each with an in-memory index by timestamp rebuilt on open, one record per message
 * hash (status-go's {@code waku_messages} with its hash primary key). Streams read lazily from disk.
 */
public class LogMessageStore implements MessageStore, AutoCloseable {
    private final Path directory;
    private final Map<CommunityId, MessageLog> logs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Inject
    public LogMessageStore(Path directory) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
    }

    public Path directory() {
        return directory;
    }

    /** Stores the messages not held yet (by hash), durably; returns how many were new. */
    public int add(CommunityId community, Collection<ArchivedMessage> messages) throws IOException {
        return log(community).append(messages);
    }

    @Override
    public Stream<ArchivedMessage> messages(CommunityId community, Set<ContentTopic> topics, TimeRange range) {
        MessageLog log = log(community);
        List<MessageLog.Slot> slots = log.select(topics, range);
        return slots.stream().map(log::read);
    }

    @Override
    public OptionalLong oldestTimestamp(CommunityId community, Set<ContentTopic> topics) {
        return log(community).oldest(topics);
    }

    /** The newest timestamp stored on any of the topics, in seconds. */
    public OptionalLong newestTimestamp(CommunityId community, Set<ContentTopic> topics) {
        return log(community).newest(topics);
    }

    /** How many messages the community has here. */
    public int count(CommunityId community) {
        return log(community).size();
    }

    /** The hashes (lowercase hex) of every message of the community held here. */
    public Set<String> hashes(CommunityId community) {
        return log(community).hashes();
    }

    public boolean contains(CommunityId community, String hashHex) {
        return log(community).contains(hashHex);
    }

    private MessageLog log(CommunityId community) {
        if (closed) {
            throw new IllegalStateException("message store " + directory + " is closed");
        }
        return logs.computeIfAbsent(community, id -> {
            try {
                return new MessageLog(directory.resolve(id.hex() + ".log"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the message log of " + id + " in " + directory + ": "
                        + e.getMessage(), e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        closed = true;
        IOException first = null;
        for (MessageLog log : logs.values()) {
            try {
                log.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        logs.clear();
        if (first != null) {
            throw first;
        }
    }
}
