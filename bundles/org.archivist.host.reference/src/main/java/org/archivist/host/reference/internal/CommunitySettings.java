package org.archivist.host.reference.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.host.Community;

/**
 * A community as the reference host is configured with it: its id, its private key when this node owns
 * it, the content topics of its chats (in configuration order, which is the chat order), whether this node is its control node and has joined it, and the
 * hash-ratchet group keys of an encrypted (token-gated) community.
 */
public record CommunitySettings(CommunityId id, Optional<byte[]> privateKey, List<ContentTopic> topics,
        boolean encrypted, boolean controlNode, boolean joined, List<GroupKey> groupKeys) {

    public CommunitySettings {
        Objects.requireNonNull(id, "id");
        privateKey = privateKey == null ? Optional.empty() : privateKey;
        topics = List.copyOf(new LinkedHashSet<>(topics));
        groupKeys = List.copyOf(groupKeys);
        if (privateKey.isPresent() && !Arrays.equals(Secp256k1.compressedPublicKey(privateKey.get()), id.bytes())) {
            throw new IllegalArgumentException("the private key configured for " + id + " is not that community's key");
        }
        if (controlNode && privateKey.isEmpty()) {
            throw new IllegalArgumentException("community " + id + " is configured as controlled by this node"
                    + " but has no private key to sign announcements with");
        }
        if (encrypted && controlNode && groupKeys.isEmpty()) {
            throw new IllegalArgumentException("community " + id + " is encrypted and controlled here but has no"
                    + " hash-ratchet group key to encrypt with");
        }
    }

    /** What the directory tells Archivist. */
    public Community community() {
        return new Community(id, topics, encrypted, controlNode, joined);
    }

    /**
     * Content topics from configuration entries: 8 hex digits are taken as a topic, anything else as a chat
     * id suffix, whose topic is {@code keccak256(communityId + suffix)[:4]} as status-go derives it.
     */
    public static List<ContentTopic> topicsOf(CommunityId id, String... entries) {
        Set<ContentTopic> topics = new LinkedHashSet<>();
        for (String entry : entries) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            if (e.matches("(0x)?[0-9a-fA-F]{8}")) {
                topics.add(ContentTopic.of(e));
            } else {
                topics.add(chatTopic(id, e));
            }
        }
        return List.copyOf(topics);
    }

    /** The topic of the chat {@code communityId + suffix}: the first 4 bytes of keccak256 of the chat id. */
    public static ContentTopic chatTopic(CommunityId id, String suffix) {
        byte[] hash = Keccak.keccak256((id.hex() + suffix).getBytes(StandardCharsets.UTF_8));
        return ContentTopic.of(Arrays.copyOf(hash, ContentTopic.LENGTH));
    }
}
