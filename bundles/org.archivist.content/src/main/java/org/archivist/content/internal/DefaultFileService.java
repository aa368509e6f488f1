package org.archivist.content.internal;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.archivist.api.CommunityId;
import org.archivist.api.InvalidArchiveException;
import org.archivist.api.content.BlobStore;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.FileMetadata;
import org.archivist.api.content.FileService;
import org.archivist.api.content.InvalidLinkException;
import org.archivist.api.content.PublishHandle;
import org.archivist.api.content.Transfer;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.host.CipherException;
import org.archivist.api.host.Community;
import org.archivist.api.host.CommunityDirectory;
import org.archivist.api.host.StreamingEncryption;
import org.archivist.api.storage.BlobWriter;
import org.archivist.core.format.ArchiveEnvelope;
import org.archivist.core.format.DecodeLimits;
import org.archivist.core.format.SealedBlobReader;
import org.archivist.core.format.SealedBlobWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.inject.Inject;

/**
 * The file service: publishes are staged in an {@link Outbox} (encrypted with the community's cipher when the
 * host's directory says the community is encrypted, in the Status hash-ratchet envelope archives use), their link
 * computed by the blob store locally and handed out at once, then stored by a worker; a restart stores what a
 * crash left in the outbox. Fetches run on the workers, retry retryable failures with growing pauses, and hand
 * out a file only once the store verified it against the link and the cipher decrypted it; fetched files are
 * kept under {@code <dir>/files/}, so a second fetch of the same link is immediate.
 */
public final class DefaultFileService implements FileService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultFileService.class);
    /** What encryption adds to a file at most (envelope, header, tag, nonce), for the size check of a fetch. */
    static final long ENVELOPE_ALLOWANCE = 64 * 1024;

    private final BlobStoreRegistry stores;
    private final Optional<ArchiveCipher> cipher;
    private final Optional<CommunityDirectory> directory;
    private final String defaultType;
    private final int fetchAttempts;
    private final Duration firstPause;
    private final Outbox outbox;
    private final Path files;
    private final Path incoming;
    private final ExecutorService workers;
    private final DiskBudget budget;
    private final FileStorageHolder holder;
    private final java.util.Set<String> active = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final TransferLog transfers = new TransferLog(20, java.time.Clock.systemUTC());

    /**
     * @param dir           the service's own files: {@code outbox/}, {@code incoming/}, {@code files/}
     * @param defaultType   the storage type of publishes whose metadata names none
     * @param threads       transfers running at the same time
     * @param fetchAttempts attempts of a fetch before it fails, with pauses from {@code firstPause}, doubled
     * @param maxBytes      the most bytes the service's directories may hold (0: no limit); see {@link DiskBudget}
     * @param limits        told when the maximum is hit and when transfers fit again
     */
    @Inject
    public DefaultFileService(BlobStoreRegistry stores, Path dir, Optional<ArchiveCipher> cipher,
            Optional<CommunityDirectory> directory, String defaultType, int threads, int fetchAttempts,
            Duration firstPause, long maxBytes, StorageLimitListener limits) throws IOException {
        if (threads < 1 || fetchAttempts < 1) {
            throw new IllegalArgumentException("threads and fetch attempts must be at least 1: " + threads + ", "
                    + fetchAttempts);
        }
        this.stores = stores;
        this.cipher = cipher;
        this.directory = directory;
        this.defaultType = defaultType;
        this.fetchAttempts = fetchAttempts;
        this.firstPause = firstPause;
        this.outbox = new Outbox(dir.resolve("outbox"));
        this.files = Files.createDirectories(dir.resolve("files"));
        this.incoming = Files.createDirectories(dir.resolve("incoming"));
        this.budget = new DiskBudget(maxBytes, List.of(dir.resolve("outbox"), files, incoming), files,
                limits);
        this.holder = new FileStorageHolder(budget);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "archivist-files-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Stores again, in the background, every publish a crash or a stop interrupted; returns their links' futures. */
    public java.util.List<PublishHandle> resumePending() throws IOException, ContentException {
        java.util.List<PublishHandle> handles = new java.util.ArrayList<>();
        for (Outbox.Pending p : outbox.pending(active)) {
            Optional<BlobStore> store = stores.get(p.storageType());
            if (store.isEmpty() || !active.add(p.id())) {
                LOG.warn("pending publish {} names storage '{}', which is not running; kept for later", p.id(),
                        p.storageType());
                continue;
            }
            PublishTransfer handle = new PublishTransfer();
            transfers.publishing("(resumed " + p.id() + ")", handle);
            Optional<CommunityId> community = p.encryptedFor().equals("-") ? Optional.empty()
                    : Optional.of(CommunityId.of(p.encryptedFor()));
            submit(handle, () -> { }, () -> {
                try {
                    store(handle, store.get(), p, community);
                } finally {
                    active.remove(p.id());
                }
            });
            handles.add(handle);
        }
        return handles;
    }

    @Override
    public PublishHandle publish(Path file, FileMetadata metadata) throws ContentException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ContentException("cannot read " + file + ": " + e, false, e);
        }
        checkSize(size);
        return start(metadata, size, blob -> Files.copy(file, blob, StandardCopyOption.REPLACE_EXISTING),
                out -> Files.copy(file, out));
    }

    @Override
    public PublishHandle publish(byte[] bytes, FileMetadata metadata) throws ContentException {
        checkSize(bytes.length);
        byte[] copy = bytes.clone();
        return start(metadata, copy.length, blob -> Files.write(blob, copy), out -> out.write(copy));
    }

    private static void checkSize(long size) throws ContentException {
        if (size > MAX_FILE_BYTES) {
            throw new ContentException("a file of " + size + " bytes is larger than the " + MAX_FILE_BYTES
                    + " accepted", false);
        }
        if (size == 0) {
            throw new ContentException("an empty file cannot be published", false);
        }
    }

    private interface Writer {
        void write(Path blob) throws IOException;
    }


    private PublishHandle start(FileMetadata metadata, long size, Writer plain, BlobWriter bytes) throws ContentException {
        String type = metadata.storageType().orElse(defaultType);
        BlobStore store = stores.get(type).orElseThrow(() -> new ContentException("storage '" + type
                + "' is not running here (running: " + stores.types() + ")", false));
        Optional<CommunityId> encryptFor = metadata.community().filter(this::encrypted);
        if (encryptFor.isPresent() && cipher.isEmpty()) {
            throw new ContentException("community " + encryptFor.get() + " is encrypted and no cipher is available",
                    false);
        }
        PublishTransfer handle = new PublishTransfer();
        DiskBudget.Reservation reservation = reserve(size + (encryptFor.isPresent() ? ENVELOPE_ALLOWANCE : 0),
                "publishing a file");
        transfers.publishing(metadata.filename(), handle);
        submit(handle, reservation, () -> {
            reservation.close(); // the staged copy is counted on disk from now on
            String[] id = new String[1];
            Path blob = outbox.newBlob(id);
            active.add(id[0]);
            try {
                if (encryptFor.isPresent()) {
                    seal(blob, encryptFor.get(), size, bytes);
                } else {
                    plain.write(blob);
                }
                if (handle.isCancelled()) {
                    outbox.discard(id[0]);
                    throw new CancellationException("cancelled before it was stored");
                }
                Outbox.Pending pending = outbox.record(id[0], type, encryptFor.map(CommunityId::toString)
                        .orElse("-"));
                store(handle, store, pending, encryptFor);
            } catch (IOException | CipherException | RuntimeException e) {
                outbox.discard(id[0]);
                throw e;
            } finally {
                active.remove(id[0]);
            }
        });
        return handle;
    }

    /**
     * Writes the file sealed for the community: as a stream when the host's cipher encrypts streams (memory stays
     * bounded whatever the size), else encrypted whole in memory.
     */
    private void seal(Path blob, CommunityId community, long size, BlobWriter plain)
            throws IOException, CipherException {
        Optional<StreamingEncryption> streaming = cipher.get().encryptStreaming(community);
        if (streaming.isPresent()) {
            SealedBlobWriter sealed = new SealedBlobWriter(streaming.get(), size, plain);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(blob), 1 << 16)) {
                sealed.writeTo(out);
            }
        } else {
            ByteArrayOutputStream whole = new ByteArrayOutputStream((int) size);
            plain.writeTo(whole);
            Files.write(blob, ArchiveEnvelope.seal(community, whole.toByteArray(), cipher.get()));
        }
    }

    private boolean encrypted(CommunityId id) {
        return directory.flatMap(d -> d.community(id)).map(Community::encrypted).orElse(false);
    }

    /** Computes the link (handing it out), stores the blob, then drops it from the outbox. */
    private void store(PublishTransfer handle, BlobStore store, Outbox.Pending pending,
            Optional<CommunityId> encryptedFor) throws Exception {
        long size = Files.size(pending.blob());
        FileLink link = new FileLink(pending.storageType(), store.linkOf(pending.blob()), size, encryptedFor);
        handle.linkKnown(link);
        handle.transferring();
        String stored = putWithRetries(store, pending, handle);
        if (!stored.equals(link.link())) {
            throw new ContentException("storage '" + pending.storageType() + "' stored the file as " + stored
                    + " although its link is " + link.link(), false);
        }
        outbox.done(pending);
        handle.succeed(link);
        LOG.info("published {} ({} bytes)", link.link(), size);
    }

    /** Stores the blob, retrying retryable failures like a fetch; after the last the publish stays in the outbox. */
    private String putWithRetries(BlobStore store, Outbox.Pending pending, PublishTransfer handle)
            throws ContentException, InterruptedException {
        long pause = firstPause.toMillis();
        for (int attempt = 1;; attempt++) {
            try {
                return store.put(pending.blob(), handle, handle);
            } catch (ContentException e) {
                if (!e.retryable() || attempt >= fetchAttempts || handle.isCancelled()) {
                    throw e;
                }
                LOG.info("storing {} failed ({}); attempt {} of {} in {} ms", pending.id(), e.getMessage(),
                        attempt + 1, fetchAttempts, pause);
                Thread.sleep(pause);
                pause *= 2;
            }
        }
    }

    @Override
    public Transfer<Path> fetch(FileLink link) throws ContentException {
        BlobStore store = stores.get(link.storageType()).orElseThrow(() -> new InvalidLinkException("storage '"
                + link.storageType() + "' is not running here (running: " + stores.types() + ")"));
        if (!store.recognizes(link.link())) {
            throw new InvalidLinkException("'" + link.link() + "' is not a link of storage " + link.storageType());
        }
        if (link.size() > MAX_FILE_BYTES + ENVELOPE_ALLOWANCE) {
            throw new ContentException("the link announces " + link.size() + " bytes, more than a file may have",
                    false);
        }
        if (link.encryptedFor().isPresent() && cipher.isEmpty()) {
            throw new ContentException("the file is encrypted for " + link.encryptedFor().get()
                    + " and no cipher is available", false);
        }
        Path target = files.resolve(key(link));
        BackgroundTransfer<Path> handle = new BackgroundTransfer<>();
        if (Files.isRegularFile(target)) {
            handle.succeed(target);
            return handle;
        }
        DiskBudget.Reservation reservation = reserve(link.size() * (link.encryptedFor().isPresent() ? 2 : 1),
                "fetching " + link.link());
        transfers.fetching(link, handle);
        submit(handle, reservation, () -> {
            Path fetched;
            try (reservation) {
                fetched = fetchInto(store, link, target, handle);
            }
            handle.succeed(fetched); // only now: whoever waits sees the copy counted on disk, not reserved too
        });
        return handle;
    }

    private DiskBudget.Reservation reserve(long bytes, String what) throws ContentException {
        try {
            return budget.reserve(bytes, what);
        } catch (IOException e) {
            throw new ContentException("cannot measure the storage in use: " + e, true, e);
        }
    }

    /** What the node's storage limit counts and may release of this service (its fetched copies). */
    public org.archivist.api.service.StorageHolder storageHolder() {
        return holder;
    }

    /**
     * The node's storage limit, asked before each transfer (files count against it with everything else Archivist
     * stores); {@code null}: only the service's own maximum applies.
     */
    public void nodeStorage(org.archivist.api.service.NodeStorage storage) {
        budget.nodeStorage(storage);
    }

    @Override
    public org.archivist.api.content.StorageUsage usage() throws ContentException {
        try {
            return budget.usage();
        } catch (IOException e) {
            throw new ContentException("cannot measure the storage in use: " + e, true, e);
        }
    }

    /**
     * Renews, on every store, the availability of what it keeps whose refresh is due (Codex: stored again before
     * the node's TTL ends), so that published files stay retrievable; a store's failure is logged and the others
     * still run. Returns how many stores failed.
     */
    public int refreshDue() {
        int failed = 0;
        for (String type : stores.types()) {
            Optional<BlobStore> store = stores.get(type);
            if (store.isEmpty()) {
                continue;
            }
            try {
                store.get().refreshDue();
            } catch (ContentException | RuntimeException e) {
                failed++;
                LOG.warn("refreshing what storage '{}' keeps failed: {}", type, e.getMessage());
            }
        }
        return failed;
    }

    @Override
    public java.util.Set<String> storageTypes() {
        return stores.types();
    }

    @Override
    public List<org.archivist.api.content.TransferInfo> transfers() {
        return transfers.snapshot();
    }

    private Path fetchInto(BlobStore store, FileLink link, Path target, BackgroundTransfer<Path> handle)
            throws Exception {
        {
            Path raw = incoming.resolve(key(link) + ".blob");
            handle.transferring();
            fetchWithRetries(store, link, raw, handle);
            long size = Files.size(raw);
            if (size != link.size()) {
                Files.deleteIfExists(raw);
                throw new ContentException("the content of " + link.link() + " has " + size + " bytes, the link says "
                        + link.size(), false);
            }
            if (link.encryptedFor().isPresent()) {
                Path temp = files.resolve(key(link) + ".part");
                decrypt(link.encryptedFor().get(), raw, temp);
                move(temp, target);
                Files.deleteIfExists(raw);
            } else {
                move(raw, target);
            }
            return target;
        }
    }

    private void fetchWithRetries(BlobStore store, FileLink link, Path raw, BackgroundTransfer<Path> handle)
            throws ContentException, InterruptedException {
        long pause = firstPause.toMillis();
        for (int attempt = 1;; attempt++) {
            try {
                store.fetch(link.link(), raw, handle, handle);
                return;
            } catch (ContentException e) {
                if (!e.retryable() || attempt >= fetchAttempts || handle.isCancelled()) {
                    throw e;
                }
                LOG.info("fetch of {} failed ({}); attempt {} of {} in {} ms", link.link(), e.getMessage(),
                        attempt + 1, fetchAttempts, pause);
                Thread.sleep(pause);
                pause *= 2;
            }
        }
    }

    /**
     * Decrypts the sealed file {@code raw} into {@code plain} as a stream (bounded memory, whatever the file's size):
     * the host's cipher authenticates the whole payload before the first plaintext byte is written.
     */
    private void decrypt(CommunityId community, Path raw, Path plain) throws ContentException {
        try (FileChannel sealed = FileChannel.open(raw, StandardOpenOption.READ)) {
            if (!SealedBlobReader.isSealed(sealed, 0, sealed.size())) {
                throw new ContentException("the file is announced as encrypted for " + community
                        + " but is not in the encryption envelope", false);
            }
            try (InputStream in = SealedBlobReader.plaintext(community, sealed, 0, sealed.size(), cipher,
                    DecodeLimits.DEFAULT)) {
                Files.copy(in, plain, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (InvalidArchiveException e) {
            throw new ContentException("the encrypted file's envelope is malformed: " + e.getMessage(), false, e);
        } catch (org.archivist.api.host.MissingKeyException e) {
            throw new ContentException("the key of the file is not known here (yet): " + e.getMessage(), true, e);
        } catch (CipherException e) {
            throw new ContentException("the file cannot be decrypted: " + e.getMessage(), false, e);
        } catch (IOException e) {
            deleteQuietly(plain);
            throw new ContentException("the file cannot be decrypted: " + e.getMessage(), true, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover .part is replaced by the next attempt
        }
    }

    @Override
    public void release(FileLink link) throws ContentException {
        BlobStore store = stores.get(link.storageType()).orElseThrow(() -> new InvalidLinkException("storage '"
                + link.storageType() + "' is not running here"));
        store.release(link.link());
        try {
            Files.deleteIfExists(files.resolve(key(link)));
        } catch (IOException e) {
            throw new ContentException("cannot delete the local copy of " + link.link() + ": " + e, true, e);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs the work in the background; the reservation is closed when it ends, however it ends. */
    private void submit(BackgroundTransfer<?> handle, DiskBudget.Reservation reservation, Work work)
            throws ContentException {
        try {
            workers.execute(() -> {
                try (reservation) {
                    if (handle.isCancelled()) {
                        return;
                    }
                    work.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    handle.fail(new ContentException("interrupted", true, e));
                } catch (ContentException | CancellationException e) {
                    handle.fail(e);
                } catch (Exception | Error e) {
                    handle.fail(new ContentException(e.toString(), !(e instanceof Error), e));
                }
            });
        } catch (RejectedExecutionException e) {
            reservation.close();
            throw new ContentException("the file service is stopped", false, e);
        }
    }

    /** The name of a link's local file: the hash of everything that makes it the same file. */
    static String key(FileLink link) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest(link.encode().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Stops the workers (transfers in flight are interrupted; the outbox keeps unstored publishes). */
    @Override
    public void close() {
        workers.shutdownNow();
    }
}
