package org.archivist.core.internal;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;
import org.archivist.api.TimeRange;
import org.archivist.core.format.InvalidMetadataException;
import org.archivist.core.format.MalformedEncodingException;
import org.archivist.core.format.OversizedMessageException;

/** Validating decoders of the messages shared by archives and indexes. */
public final class Decoders {
    /** Generous bound for fields that have no limit of their own (they are bounded by the input, too). */
    private static final long ANY = Integer.MAX_VALUE;
    /** A content topic is 4 bytes; anything over this is not even worth reading. */
    private static final long TOPIC_READ_LIMIT = 1024;

    /** Topics seen recently: a community has a handful, and making one from bytes costs a hex pass and a regex. */
    private static final int TOPIC_CACHE_SIZE = 4096;
    private static final Map<Integer, ContentTopic> TOPICS = new ConcurrentHashMap<>();

    private Decoders() {
    }

    /** {@code WakuMessageArchiveMetadata}: version 0, {@code from < to}, 4-byte topics. */
    public static ArchiveMetadata metadata(ProtoReader r) throws MalformedEncodingException,
            InvalidMetadataException {
        long from = 0;
        long to = 0;
        List<ContentTopic> topics = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> version(r, "version");
                case 2 -> from = r.varint("from");
                case 3 -> to = r.varint("to");
                case 4 -> topics.add(topic(r.bytes("contentTopic", TOPIC_READ_LIMIT), "contentTopic"));
                default -> r.skip();
            }
        }
        if (from < 0 || to < 0) {
            throw new InvalidMetadataException("archive metadata: time bounds past the year 292 billion (from "
                    + Long.toUnsignedString(from) + ", to " + Long.toUnsignedString(to) + ")");
        }
        if (from >= to) {
            throw new InvalidMetadataException("archive metadata: from (" + from + ") must be before to (" + to + ")");
        }
        return new ArchiveMetadata(TimeRange.of(from, to), topics);
    }

    /** {@code WakuMessage}, its weight (payload + signature) at most {@code maxWeight}. */
    public static ArchivedMessage message(ProtoReader r, long maxWeight) throws MalformedEncodingException,
            InvalidMetadataException, OversizedMessageException {
        byte[] sig = null;
        long timestamp = 0;
        ContentTopic topic = null;
        byte[] payload = null;
        byte[] padding = null;
        byte[] hash = null;
        String thirdPartyId = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> sig = r.bytes("sig", maxWeight);
                case 2 -> timestamp = r.varint("timestamp");
                case 3 -> topic = topic(r.bytes("topic", TOPIC_READ_LIMIT), "topic");
                case 4 -> payload = r.bytes("payload", maxWeight);
                case 5 -> padding = r.bytes("padding", ANY);
                case 6 -> hash = r.bytes("hash", ANY);
                case 7 -> thirdPartyId = r.string("thirdPartyId", ANY);
                default -> r.skip();
            }
        }
        long weight = (sig == null ? 0L : sig.length) + (payload == null ? 0L : payload.length);
        String name = hash == null ? "without hash" : "0x" + HexFormat.of().formatHex(hash);
        if (weight > maxWeight) {
            throw new OversizedMessageException("message " + name + " weighs " + weight
                    + " bytes (payload + signature), over the limit of " + maxWeight);
        }
        if (topic == null) {
            throw new InvalidMetadataException("message " + name + " has no topic");
        }
        if (timestamp < 0) {
            throw new InvalidMetadataException("message " + name + " has an out-of-range timestamp "
                    + Long.toUnsignedString(timestamp));
        }
        return new ArchivedMessage(sig, timestamp, topic, payload, padding, hash, thirdPartyId);
    }

    /** A {@code version} field: status-go never sets one, so anything but 0 is a format we do not know. */
    public static void version(ProtoReader r, String name) throws MalformedEncodingException,
            InvalidMetadataException {
        long version = r.varint(name);
        if (version != 0) {
            throw new InvalidMetadataException("unsupported " + name + " " + Long.toUnsignedString(version)
                    + " (only 0, as status-go writes, is known)");
        }
    }

    private static ContentTopic topic(byte[] bytes, String name) throws InvalidMetadataException {
        if (bytes.length != ContentTopic.LENGTH) {
            throw new InvalidMetadataException(name + " of " + bytes.length + " bytes, expected 4");
        }
        int key = ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        ContentTopic topic = TOPICS.get(key);
        if (topic == null) {
            topic = ContentTopic.of(bytes);
            if (TOPICS.size() < TOPIC_CACHE_SIZE) {
                TOPICS.put(key, topic);
            }
        }
        return topic;
    }
}
