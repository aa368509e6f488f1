package org.archivist.host.reference;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.CommunityId;
import org.archivist.api.ContentTopic;
import org.archivist.api.host.AnnouncementChannel;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CommunityDirectory;
import org.archivist.api.host.MessageImporter;
import org.archivist.api.host.MessageStore;
import org.archivist.host.reference.internal.AnnouncementTransport;
import org.archivist.host.reference.internal.CommunitySettings;
import org.archivist.host.reference.internal.GroupKey;
import org.archivist.host.reference.internal.HashRatchetCipher;
import org.archivist.host.reference.internal.InstallationIds;
import org.archivist.host.reference.internal.LoopbackSocketTransport;
import org.archivist.host.reference.internal.ReferenceHost;
import org.archivist.host.reference.internal.Secp256k1;

/**
 * A reference host whose signed announcements travel over loopback sockets to the given peers: message store
 * and importer, community directory, channel and hash-ratchet cipher, files under one directory.
 */
public final class ReferenceNode implements AutoCloseable {
    private final AnnouncementTransport transport;
    private final ReferenceHost host;
    private final List<AutoCloseable> attached = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ReferenceNode(AnnouncementTransport transport, ReferenceHost host) {
        this.transport = transport;
        this.host = host;
    }

    static ReferenceNode on(Path dataDir, String installationId, AnnouncementTransport transport)
            throws IOException {
        try {
            return new ReferenceNode(transport, new ReferenceHost(dataDir, installationId, transport));
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /**
     * @param channelPeers {@code 127.0.0.1:port} channel ports of the nodes this one announces to
     */
    public static ReferenceNode loopback(Path dataDir, String installationId, List<String> channelPeers)
            throws IOException {
        return on(dataDir, installationId, new LoopbackSocketTransport(0, channelPeers));
    }

    /**
     * The port this node's channel listens on, for other nodes' {@code channelPeers}.
     *
     * @throws IllegalStateException for a node of an {@link InProcessNetwork}, which has no port
     */
    public int channelPort() {
        if (transport instanceof LoopbackSocketTransport socket) {
            return socket.localPort();
        }
        throw new IllegalStateException("a node of an in-process network has no channel port");
    }

    public MessageStore store() {
        return host.store();
    }

    public CommunityDirectory directory() {
        return host.directory();
    }

    public AnnouncementChannel channel() {
        return host.channel();
    }

    public MessageImporter importer() {
        return host.importer();
    }

    public ArchiveCipher cipher() {
        return host.cipher();
    }

    /**
     * Wires this host's file and description paths to Archivist's services (built for this node, e.g. with
     * {@code FileServices} and {@code DescriptionServices} of {@code org.archivist.content}); register the result's
     * {@link HostContent#descriptionListener()} with the description service.
     *
     * @param storageTypes where files sent from this node are published (one link each); empty: the file
     *                     service's default
     * @since 1.2
     */
    public HostContent content(org.archivist.api.content.FileService files,
            org.archivist.api.content.DescriptionService descriptions, List<String> storageTypes) {
        HostContent c = new HostContent(this, files, descriptions, storageTypes);
        attached.add(c);
        return c;
    }

    /** This node controls the community of {@code privateKey}; {@code groupKey} non-null makes it encrypted. */
    public CommunityId own(byte[] privateKey, List<ContentTopic> topics, GroupKeyMaterial groupKey) {
        CommunityId id = communityIdOf(privateKey);
        host.directory().put(new CommunitySettings(id, Optional.of(privateKey), topics, groupKey != null, true, true,
                keys(groupKey)));
        return id;
    }

    /** This node is a member of the community; {@code groupKey} non-null makes it encrypted. */
    public void join(CommunityId id, List<ContentTopic> topics, GroupKeyMaterial groupKey) {
        host.directory().put(new CommunitySettings(id, Optional.empty(), topics, groupKey != null, false, true,
                keys(groupKey)));
    }

    /**
     * This node controls the community of {@code privateKey} (replacing what it knew of it), encrypted or not,
     * with the given group keys (none: an encrypted community whose key has not arrived yet).
     */
    public CommunityId own(byte[] privateKey, List<ContentTopic> topics, boolean encrypted,
            List<GroupKeyMaterial> groupKeys) {
        CommunityId id = communityIdOf(privateKey);
        host.directory().put(new CommunitySettings(id, Optional.of(privateKey), topics, encrypted, true, true,
                keys(groupKeys)));
        return id;
    }

    /** This node is a member of the community (replacing what it knew of it), with the given group keys. */
    public void join(CommunityId id, List<ContentTopic> topics, boolean encrypted, List<GroupKeyMaterial> groupKeys) {
        host.directory().put(new CommunitySettings(id, Optional.empty(), topics, encrypted, false, true,
                keys(groupKeys)));
    }

    /** The directory no longer knows the community. */
    public void forget(CommunityId id) {
        host.directory().remove(id);
    }

    private static List<GroupKey> keys(GroupKeyMaterial k) {
        return k == null ? List.of() : keys(List.of(k));
    }

    private static List<GroupKey> keys(List<GroupKeyMaterial> ks) {
        return ks.stream().map(k -> new GroupKey(k.timestampMillis(), k.key())).toList();
    }

    /** Stores messages as if the chat server had received them; returns how many were new. */
    public int addMessages(CommunityId id, Collection<ArchivedMessage> messages) throws IOException {
        return host.store().add(id, messages);
    }

    public int messageCount(CommunityId id) {
        return host.store().count(id);
    }

    /** The hex hashes of the community's stored messages. */
    public Set<String> messageHashes(CommunityId id) {
        return host.store().hashes(id);
    }

    /** How many messages the importer was handed (duplicates included). */
    public long importedMessages() {
        return host.importer().received();
    }

    /**
     * A hash-ratchet cipher holding one group key and nothing else (no state file), with a fresh installation
     * id status-go cannot misread: what an offline tool uses for a key given on its command line.
     */
    public static ArchiveCipher cipherWithKey(GroupKeyMaterial key) {
        return HashRatchetCipher.withKey(new GroupKey(key.timestampMillis(), key.key()), InstallationIds.generate());
    }

    /** A new secp256k1 community private key. */
    public static byte[] newCommunityKey(SecureRandom random) {
        return Secp256k1.newPrivateKey(random);
    }

    /** The community id (compressed public key) of a community private key. */
    public static CommunityId communityIdOf(byte[] privateKey) {
        return CommunityId.of(Secp256k1.compressedPublicKey(privateKey));
    }

    /** Topics from chat id suffixes (or 8 hex digits), as status-go derives them. */
    public static List<ContentTopic> topicsOf(CommunityId id, String... chats) {
        return CommunitySettings.topicsOf(id, chats);
    }

    /** The topic of one chat. */
    public static ContentTopic chatTopic(CommunityId id, String chat) {
        return CommunitySettings.chatTopic(id, chat);
    }

    @Override
    public void close() throws IOException {
        for (AutoCloseable a : attached) {
            try {
                a.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        host.close();
    }

    /** A community group key (hash-ratchet), as the owner distributes it to members. */
    public record GroupKeyMaterial(long timestampMillis, byte[] key) {
    }
}
