package org.archivist.commands.internal;

import java.time.Instant;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.archivist.api.ArchivistException;
import org.archivist.api.IndexEntry;
import org.archivist.api.host.ArchiveCipher;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.service.CommunityArchiveStatus;
import org.archivist.api.storage.StorageBackend;
import org.archivist.core.member.ArchiveReader;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * {@code archive:verify <community>}: every archive of every link checked against its index and its storage,
 * fetched through the backends as a member fetches them. (On the BitTorrent owner the engine already seeds the
 * torrent and refuses to fetch it again: verify on a member.)
 */
@Service
@Command(scope = "archive", name = "verify", description = "Checks every archive of the community's links against"
        + " its index and its storage: archive ids, piece hashes or content ids, decoding, time ranges")
public class VerifyCommand implements Action {
    @Reference
    private ArchiveService archives;

    @Reference
    private BundleContext context;

    @Reference(optional = true)
    private ArchiveCipher cipher;

    @Argument(index = 0, name = "community", required = true, description = "The community id (0x + 66 hex digits)")
    @Completion(CommunityCompleter.class)
    private String community;

    @Option(name = "--backend", description = "Only the links of this backend: bittorrent or codex")
    private String backend;

    @Override
    public Object execute() throws Exception {
        CommunityArchiveStatus status = Communities.configured(archives, community);
        if (status.links().isEmpty()) {
            throw new IllegalArgumentException("community " + status.community() + " has no link yet: nothing to verify");
        }
        Map<String, StorageBackend> byType = new TreeMap<>();
        for (ServiceReference<StorageBackend> ref : context.getServiceReferences(StorageBackend.class, null)) {
            Object type = ref.getProperty(StorageBackend.TYPE_PROPERTY);
            StorageBackend b = context.getService(ref);
            if (type != null && b != null && (backend == null || backend.trim().equalsIgnoreCase(type.toString()))) {
                byType.put(type.toString(), b);
            }
        }
        if (byType.isEmpty()) {
            throw new IllegalArgumentException("no " + (backend == null ? "" : backend + " ") + "backend is running");
        }
        ArchiveVerifier verifier = new ArchiveVerifier(byType, Optional.ofNullable(cipher), new ArchiveReader());
        int bad = 0;
        int total = 0;
        int badLinks = 0;
        java.util.Set<String> links = new java.util.TreeSet<>(status.links());
        for (String link : links) {
            System.out.println("Link " + link);
            if (backend != null && !takes(byType.values().iterator().next(), status, link)) {
                System.out.println("  skipped: not a " + backend + " link");
                continue;
            }
            try {
                List<ArchiveCheck> checks = verifier.verify(status.community(), link, new Printer());
                total += checks.size();
                bad += (int) checks.stream().filter(c -> !c.ok()).count();
            } catch (ArchivistException e) {
                badLinks++;
                System.out.println("  FAILED: the index cannot be had or is unsound: " + e.getMessage());
            }
        }
        System.out.println(bad == 0 && badLinks == 0 ? "OK: " + total + " archives verified"
                : "FAILED: " + bad + " of " + total + " archives are not sound, " + badLinks + " of "
                        + links.size() + " links could not be checked");
        if (bad > 0 || badLinks > 0) {
            throw new IllegalStateException("verification of " + status.community() + " failed");
        }
        return null;
    }

    /** Whether the backend accepts the link (a backend refuses another's links without fetching anything). */
    private static boolean takes(StorageBackend b, CommunityArchiveStatus status, String link) {
        try (org.archivist.api.storage.ArchiveDownload d = b.download(status.community(), link)) {
            return true;
        } catch (org.archivist.api.storage.StorageException e) {
            return e.retryable();
        }
    }

    /** Prints each archive's verdict, and the transfer of large ones as it goes. */
    private static final class Printer implements ArchiveVerifier.Listener {
        private long lastPrint;

        @Override
        public void index(String link, String backend, int entries) {
            System.out.println("  index (" + backend + "): " + entries + " archives");
        }

        @Override
        public void progress(IndexEntry entry, long done, long total) {
            long now = System.nanoTime();
            if (total > 0 && done < total && now - lastPrint > 1_000_000_000L) {
                lastPrint = now;
                System.out.printf("  %s %3d%% (%d of %d bytes)%n", shortId(entry), 100 * done / total, done, total);
            }
        }

        @Override
        public void checked(ArchiveCheck c) {
            String range = Instant.ofEpochSecond(c.entry().range().from()) + " .. "
                    + Instant.ofEpochSecond(c.entry().range().to());
            System.out.println(c.ok()
                    ? "  " + shortId(c.entry()) + " " + range + ": OK, " + c.messages() + " messages, " + c.bytes()
                            + " bytes"
                    : "  " + shortId(c.entry()) + " " + range + ": FAILED, " + c.problem().orElse(""));
        }

        private static String shortId(IndexEntry e) {
            String id = e.archiveId();
            return id.length() > 14 ? id.substring(0, 14) : id;
        }
    }
}
