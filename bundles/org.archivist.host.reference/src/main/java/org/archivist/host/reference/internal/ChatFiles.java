package org.archivist.host.reference.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.FileMetadata;
import org.archivist.api.content.FileService;
import org.archivist.api.content.PublishHandle;
import org.archivist.api.content.Transfer;
import org.archivist.api.host.AnnouncementChannel;
import org.archivist.api.host.AnnouncementChat;
import org.archivist.api.host.AnnouncementListener;
import org.archivist.api.host.ChannelException;
import org.archivist.api.host.ReceivedAnnouncement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.inject.Inject;

/**
 * The reference host's send and receive paths for files in chat messages. Sending publishes the file through the
 * {@link FileService} on each configured storage type (the upload goes on in the background), and sends a
 * {@link FileMessage} with the links as soon as they are known. Receiving takes file messages signed by the
 * community (the reference host's channel carries only messages the control node signs), and fetches the first
 * link of a storage type this node runs, in the background: the file is verified, decrypted and kept by the file
 * service, and the host hears of it when it is there.
 */
public final class ChatFiles implements AnnouncementListener {
    private static final Logger LOG = LoggerFactory.getLogger(ChatFiles.class);

    private final FileService files;
    private final AnnouncementChannel channel;
    private final List<String> storageTypes;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Consumer<Received>> listeners = new CopyOnWriteArrayList<>();

    /** A file message sent: its links and the uploads still running in the background. */
    public record Sent(FileMessage message, List<PublishHandle> uploads) {
    }

    /** A file message received and its fetch (empty when no link is of a storage type running here). */
    public record Received(CommunityId community, FileMessage message, Optional<FileLink> link,
            Optional<Transfer<Path>> fetch) {
    }

    /** @param storageTypes where sent files are published; empty: the file service's default */
    @Inject
    public ChatFiles(FileService files, AnnouncementChannel channel, List<String> storageTypes) {
        this.files = files;
        this.channel = channel;
        this.storageTypes = List.copyOf(storageTypes);
    }

    /** Starts taking file messages from the channel; close the result to stop. */
    public AutoCloseable start() {
        return channel.subscribe(this);
    }

    /** Tells {@code listener} of each file message received (its fetch may still run). */
    public void onReceived(Consumer<Received> listener) {
        listeners.add(listener);
    }

    /**
     * Sends {@code file} in a chat message of {@code community}: published on each storage type, the message sent
     * once the links are known (hashing, not the upload).
     */
    public Sent send(CommunityId community, Path file) throws ContentException, ChannelException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new ContentException("no such file: " + file, false);
        }
        List<PublishHandle> uploads = new ArrayList<>();
        List<FileLink> links = new ArrayList<>();
        for (FileMetadata m : metadata(community, name)) {
            PublishHandle h = files.publish(file, m);
            uploads.add(h);
            links.add(linkOf(h));
        }
        FileMessage message = new FileMessage(name, links);
        channel.publish(community, AnnouncementChat.UNIVERSAL, FileMessage.TYPE, message.encode());
        LOG.info("{}: file message sent: {} ({} links)", community, name, links.size());
        return new Sent(message, uploads);
    }

    private List<FileMetadata> metadata(CommunityId community, String name) {
        FileMetadata m = FileMetadata.in(community, name);
        return storageTypes.isEmpty() ? List.of(m) : storageTypes.stream().map(m::on).toList();
    }

    private static FileLink linkOf(PublishHandle h) throws ContentException {
        try {
            return h.link().get(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContentException("interrupted while hashing the file", true, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ContentException c) {
                throw c;
            }
            throw new ContentException("the file could not be prepared: " + e.getCause(), false, e.getCause());
        } catch (TimeoutException e) {
            h.cancel();
            throw new ContentException("the file's link was not known within 2 minutes", true, e);
        }
    }

    @Override
    public void received(ReceivedAnnouncement a) {
        if (a.applicationMessageType() != FileMessage.TYPE) {
            return;
        }
        if (!a.signer().equals(a.community())) {
            LOG.warn("{}: a file message signed by {} is ignored", a.community(), a.signer());
            return;
        }
        FileMessage message;
        try {
            message = FileMessage.decode(a.payload());
        } catch (InvalidArchiveException e) {
            LOG.warn("{}: malformed file message ignored: {}", a.community(), e.getMessage());
            return;
        }
        Optional<FileLink> link = message.links().stream()
                .filter(l -> files.storageTypes().contains(l.storageType())).findFirst();
        Optional<Transfer<Path>> fetch = Optional.empty();
        if (link.isEmpty()) {
            LOG.warn("{}: file {} is on {}, none of which runs here ({})", a.community(), message.filename(),
                    message.links().stream().map(FileLink::storageType).toList(), files.storageTypes());
        } else {
            try {
                fetch = Optional.of(files.fetch(link.get()));
                LOG.info("{}: fetching file {} from {}", a.community(), message.filename(), link.get().link());
            } catch (ContentException e) {
                LOG.warn("{}: file {} cannot be fetched: {}", a.community(), message.filename(), e.getMessage());
            }
        }
        Received r = new Received(a.community(), message, link, fetch);
        received.add(r);
        for (Consumer<Received> l : listeners) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                LOG.warn("a file listener failed: {}", e.toString());
            }
        }
    }

    /** Every file message received so far, oldest first. */
    public List<Received> received() {
        return List.copyOf(received);
    }
}
