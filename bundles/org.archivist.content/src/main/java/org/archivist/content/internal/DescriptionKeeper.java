package org.archivist.content.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.archivist.api.CommunityId;
import org.archivist.api.content.CommunityDescription;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.DescriptionListener;
import org.archivist.api.content.DescriptionService;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.FileMetadata;
import org.archivist.api.content.FileService;
import org.archivist.api.content.InvalidLinkException;
import org.archivist.api.host.AnnouncementChannel;
import org.archivist.api.host.AnnouncementChat;
import org.archivist.api.host.ChannelException;
import org.archivist.api.host.ReceivedAnnouncement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.inject.Inject;

/**
 * Community descriptions on the file service. The control node publishes a description as a plain file (its link
 * known at once, the upload in the background) and announces {@code <clock>\n<link>} signed by the host. A member
 * takes announcements signed by the community itself, ignores any not newer than what it holds or is fetching, and
 * fetches the newest in the background: a failed fetch is tried again after a growing pause (from
 * {@code firstRetry}, doubled up to {@code maxRetry}) until it succeeds or a newer link supersedes it; the bytes
 * are verified against the link by the blob store, stored if still the newest, and handed to the listeners.
 */
public final class DescriptionKeeper implements DescriptionService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DescriptionKeeper.class);
    /** The largest description accepted (status-go's are a few hundred KiB at most). */
    static final int MAX_DESCRIPTION_BYTES = 8 * 1024 * 1024;

    private final FileService files;
    private final Optional<AnnouncementChannel> channel;
    private final DescriptionFiles stored;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final List<String> storageTypes;
    private final List<DescriptionListener> listeners = new CopyOnWriteArrayList<>();
    /** The clock of the newest link being fetched per community (a newer one supersedes it). */
    private final Map<CommunityId, Long> wanted = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile AutoCloseable subscription;

    /**
     * @param storageTypes where the control node publishes each description (one announcement per link, same
     *                     clock, so that members on either backend fetch it); empty: the file service's default
     */
    @Inject
    public DescriptionKeeper(FileService files, Optional<AnnouncementChannel> channel, Path dir, Duration firstRetry,
            Duration maxRetry, List<String> storageTypes) throws IOException {
        this.files = files;
        this.storageTypes = List.copyOf(storageTypes);
        this.channel = channel;
        this.stored = new DescriptionFiles(dir);
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "archivist-descriptions");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts taking announcements from the channel. */
    public void start() {
        channel.ifPresent(c -> subscription = c.subscribe(this::onAnnouncement));
    }

    public void addListener(DescriptionListener l) {
        listeners.add(l);
    }

    public void removeListener(DescriptionListener l) {
        listeners.remove(l);
    }

    @Override
    public FileLink publish(CommunityId community, long clock, byte[] description) throws ContentException {
        if (description.length == 0 || description.length > MAX_DESCRIPTION_BYTES) {
            throw new ContentException("a description has 1 to " + MAX_DESCRIPTION_BYTES + " bytes, not "
                    + description.length, false);
        }
        long newest = newestClock(community);
        if (clock <= newest) {
            throw new ContentException("clock " + clock + " is not newer than " + newest + ", the newest description"
                    + " of " + community + " known here", false);
        }
        List<FileLink> links = new java.util.ArrayList<>();
        for (FileMetadata metadata : metadata()) {
            try {
                links.add(files.publish(description, metadata).link().get(1, TimeUnit.MINUTES));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContentException("interrupted while publishing the description", true, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new ContentException("the description of " + community + " could not be published: " + e, true,
                        e);
            }
        }
        if (channel.isPresent()) {
            for (FileLink link : links) {
                try {
                    channel.get().publish(community, AnnouncementChat.MAGNETLINKS, ANNOUNCEMENT_TYPE,
                            (clock + "\n" + link.encode()).getBytes(StandardCharsets.UTF_8));
                } catch (ChannelException e) {
                    // not kept: the same clock may be published again once the channel can announce it
                    throw new ContentException("the description link could not be announced: " + e.getMessage(),
                            true, e);
                }
            }
        }
        keep(new CommunityDescription(community, clock, description.clone(), links.get(0)));
        return links.get(0);
    }

    private List<FileMetadata> metadata() {
        FileMetadata plain = FileMetadata.plain("description");
        return storageTypes.isEmpty() ? List.of(plain) : storageTypes.stream().map(plain::on).toList();
    }

    void onAnnouncement(ReceivedAnnouncement a) {
        if (a.applicationMessageType() != ANNOUNCEMENT_TYPE) {
            return;
        }
        if (!a.signer().equals(a.community())) {
            LOG.warn("a description link for {} signed by {} is ignored: only the community's key signs them",
                    a.community(), a.signer());
            return;
        }
        String[] parts = new String(a.payload(), StandardCharsets.UTF_8).split("\n", 2);
        try {
            received(a.community(), Long.parseLong(parts[0]), FileLink.parse(parts.length > 1 ? parts[1] : ""));
        } catch (NumberFormatException | InvalidLinkException e) {
            LOG.warn("a malformed description link for {} is ignored: {}", a.community(), e.getMessage());
        }
    }

    @Override
    public void received(CommunityId community, long clock, FileLink link) {
        if (clock <= newestClock(community)) {
            LOG.debug("description {} of {} is not newer than the one held; ignored", clock, community);
            return;
        }
        if (!files.storageTypes().contains(link.storageType())) {
            LOG.debug("description {} of {} on storage '{}', which does not run here; ignored", clock, community,
                    link.storageType());
            return;
        }
        boolean[] newer = {false};
        wanted.compute(community, (c, old) -> {
            newer[0] = old == null || old < clock; // the same clock on another backend: already being fetched
            return newer[0] ? clock : old;
        });
        if (newer[0]) {
            timer.execute(() -> attempt(community, clock, link, firstRetry));
        }
    }

    private void attempt(CommunityId community, long clock, FileLink link, Duration pause) {
        if (wanted.getOrDefault(community, Long.MIN_VALUE) != clock) {
            return; // superseded by a newer link
        }
        Thread worker = new Thread(() -> {
            try {
                Path file = files.fetch(link).result().get(10, TimeUnit.MINUTES);
                if (Files.size(file) > MAX_DESCRIPTION_BYTES) {
                    LOG.warn("description {} of {} has {} bytes, more than accepted; ignored", clock, community,
                            Files.size(file));
                    wanted.remove(community, clock);
                    return;
                }
                keep(new CommunityDescription(community, clock, Files.readAllBytes(file), link));
                wanted.remove(community, clock);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ContentException c && !c.retryable()) {
                    LOG.warn("description {} of {} cannot be fetched, given up: {}", clock, community, c.getMessage());
                    wanted.remove(community, clock);
                    return;
                }
                retryLater(community, clock, link, pause, String.valueOf(cause));
            } catch (ContentException e) {
                if (!e.retryable()) {
                    LOG.warn("description {} of {}: {}", clock, community, e.getMessage());
                    wanted.remove(community, clock);
                    return;
                }
                retryLater(community, clock, link, pause, e.getMessage());
            } catch (IOException | TimeoutException | RuntimeException e) {
                retryLater(community, clock, link, pause, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "archivist-description-fetch");
        worker.setDaemon(true);
        worker.start();
    }

    private void retryLater(CommunityId community, long clock, FileLink link, Duration pause, String why) {
        LOG.info("description {} of {} not fetched ({}); next attempt in {}", clock, community, why, pause);
        Duration next = pause.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : pause.multipliedBy(2);
        try {
            timer.schedule(() -> attempt(community, clock, link, next), pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("stopped; description {} of {} not retried", clock, community);
        }
    }

    private void keep(CommunityDescription d) throws ContentException {
        try {
            if (stored.storeIfNewer(d)) {
                LOG.info("newest description of {}: clock {}, {} bytes", d.community(), d.clock(), d.bytes().length);
                for (DescriptionListener l : listeners) {
                    try {
                        l.newest(d);
                    } catch (RuntimeException e) {
                        LOG.warn("a description listener failed: {}", e.toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new ContentException("cannot store the description of " + d.community() + ": " + e, true, e);
        }
    }

    private long newestClock(CommunityId community) {
        try {
            return stored.load(community).map(CommunityDescription::clock).orElse(Long.MIN_VALUE);
        } catch (IOException e) {
            LOG.warn("{}", e.getMessage());
            return Long.MIN_VALUE;
        }
    }

    @Override
    public Optional<CommunityDescription> latest(CommunityId community) throws ContentException {
        try {
            return stored.load(community);
        } catch (IOException e) {
            throw new ContentException(e.getMessage(), false, e);
        }
    }

    @Override
    public void close() {
        AutoCloseable s = subscription;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.debug("closing the subscription: {}", e.toString());
            }
        }
        timer.shutdownNow();
    }
}
