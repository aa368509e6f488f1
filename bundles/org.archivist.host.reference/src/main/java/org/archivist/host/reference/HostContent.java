package org.archivist.host.reference;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.archivist.api.CommunityId;
import org.archivist.api.content.CommunityDescription;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.DescriptionListener;
import org.archivist.api.content.DescriptionService;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.FileService;
import org.archivist.api.content.PublishHandle;
import org.archivist.api.content.Transfer;
import org.archivist.api.host.ChannelException;
import org.archivist.host.reference.internal.ChatFiles;
import org.archivist.host.reference.internal.DescriptionInbox;

/**
 * The reference host's file and description paths on Archivist's {@link FileService} and
 * {@link DescriptionService}, as a chat server would wire them: a file sent in a chat message carries its links
 * and uploads in the background; a member receiving the message fetches it; the control node publishes each new
 * community description; members (and joiners, through {@link #joined}) get the newest by clock. Obtained from
 * {@link ReferenceNode#content}; closed with the node.
 *
 * @since 1.2
 */
public final class HostContent implements AutoCloseable {
    private final ChatFiles files;
    private final DescriptionService descriptions;
    private final DescriptionInbox inbox = new DescriptionInbox();
    private final AutoCloseable subscription;

    /** A file sent in a chat message: its name, its links (one per storage type), its background uploads. */
    public record SentFile(String filename, List<FileLink> links, List<PublishHandle> uploads) {
    }

    /** A file received in a chat message; {@code fetch} is empty when no link is of a storage type running here. */
    public record ReceivedFile(CommunityId community, String filename, Optional<FileLink> link,
            Optional<Transfer<Path>> fetch) {
    }

    HostContent(ReferenceNode node, FileService files, DescriptionService descriptions, List<String> storageTypes) {
        this.files = new ChatFiles(files, node.channel(), storageTypes);
        this.descriptions = descriptions;
        this.subscription = this.files.start();
    }

    /** Sends a file in a chat message of the community (only its control node signs on the reference channel). */
    public SentFile sendFile(CommunityId community, Path file) throws ContentException, ChannelException {
        ChatFiles.Sent s = files.send(community, file);
        return new SentFile(s.message().filename(), s.message().links(), s.uploads());
    }

    /** Every file received in a chat message so far, oldest first. */
    public List<ReceivedFile> receivedFiles() {
        return files.received().stream().map(HostContent::view).toList();
    }

    /** Tells {@code listener} of each file message as it arrives (its fetch then runs in the background). */
    public void onFileReceived(Consumer<ReceivedFile> listener) {
        files.onReceived(r -> listener.accept(view(r)));
    }

    private static ReceivedFile view(ChatFiles.Received r) {
        return new ReceivedFile(r.community(), r.message().filename(), r.link(), r.fetch());
    }

    /** Control node: publishes a new version of the community description (stored in the background). */
    public FileLink publishDescription(CommunityId community, long clock, byte[] description)
            throws ContentException {
        return descriptions.publish(community, clock, description);
    }

    /** A joiner got a description link in the answer to its join request: fetched in the background. */
    public void joined(CommunityId community, long clock, FileLink link) {
        descriptions.received(community, clock, link);
    }

    /** The listener to register with the description service (in OSGi, a whiteboard service). */
    public DescriptionListener descriptionListener() {
        return inbox;
    }

    /** The newest description the description service handed to this host. */
    public Optional<CommunityDescription> newestDescription(CommunityId community) {
        return inbox.newest(community);
    }

    /** Stops taking file messages. */
    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
