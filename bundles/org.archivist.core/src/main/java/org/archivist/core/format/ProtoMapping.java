package org.archivist.core.format;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.archivist.api.ArchiveMetadata;
import org.archivist.api.ArchivedMessage;
import org.archivist.api.ContentTopic;
import org.archivist.proto.WakuMessage;
import org.archivist.proto.WakuMessageArchiveMetadata;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;

/**
 * The API records as the generated Status protobuf messages. Byte arrays are wrapped, not copied (the
 * API records share theirs, too). Decoding goes the other way through the codecs, which validate.
 */
public final class ProtoMapping {
    /** Encoded topics, as {@link ContentTopic#bytes()} parses hex on every call. */
    private static final int TOPIC_CACHE_SIZE = 4096;
    private static final Map<ContentTopic, ByteString> TOPICS = new ConcurrentHashMap<>();

    private ProtoMapping() {
    }

    private static ByteString topic(ContentTopic topic) {
        ByteString bytes = TOPICS.get(topic);
        if (bytes == null) {
            bytes = ByteString.copyFrom(topic.bytes());
            if (TOPICS.size() < TOPIC_CACHE_SIZE) {
                TOPICS.put(topic, bytes);
            }
        }
        return bytes;
    }

    /** {@code WakuMessageArchiveMetadata{from, to, contentTopic...}}; {@code version} stays 0, as in status-go. */
    public static WakuMessageArchiveMetadata toProto(ArchiveMetadata metadata) {
        WakuMessageArchiveMetadata.Builder b = WakuMessageArchiveMetadata.newBuilder()
                .setFrom(metadata.range().from())
                .setTo(metadata.range().to());
        for (ContentTopic topic : metadata.topics()) {
            b.addContentTopic(topic(topic));
        }
        return b.build();
    }

    public static WakuMessage toProto(ArchivedMessage m) {
        return WakuMessage.newBuilder()
                .setSig(wrap(m.sig()))
                .setTimestamp(m.timestamp())
                .setTopic(topic(m.topic()))
                .setPayload(wrap(m.payload()))
                .setPadding(wrap(m.padding()))
                .setHash(wrap(m.hash()))
                .setThirdPartyId(m.thirdPartyId())
                .build();
    }

    public static List<WakuMessage> toProto(List<ArchivedMessage> messages) {
        return messages.stream().map(ProtoMapping::toProto).toList();
    }

    private static ByteString wrap(byte[] bytes) {
        return UnsafeByteOperations.unsafeWrap(bytes);
    }
}
