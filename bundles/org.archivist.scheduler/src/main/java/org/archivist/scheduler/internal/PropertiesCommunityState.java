package org.archivist.scheduler.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

import org.archivist.api.ArchivistException;
import org.archivist.api.TimeRange;
import org.archivist.api.storage.LinkKind;

/**
 * A community's state as one properties file, rewritten atomically (temp file, fsync, rename) on every
 * change. Archives are kept as {@code archive.<id> = <seq>,<from>,<to>,<imported>}.
 */
final class PropertiesCommunityState implements CommunityState {
    private final Path file;
    private final Properties p = new Properties();
    private long nextSeq;

    PropertiesCommunityState(Path file) throws ArchivistException {
        this.file = file;
        if (Files.exists(file)) {
            try {
                p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException | IllegalArgumentException e) {
                throw new ArchivistException("cannot read community state " + file + ": " + e.getMessage(), e);
            }
        }
        List<HeldArchive> held = all();
        nextSeq = held.isEmpty() ? 0 : seqOf(p.getProperty("archive." + held.get(held.size() - 1).archiveId())) + 1;
    }

    @Override
    public synchronized OptionalLong lastArchiveEnd(String backendType) {
        String v = p.getProperty("lastArchiveEnd." + backendType);
        return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
    }

    @Override
    public synchronized void setLastArchiveEnd(String backendType, long seconds) throws ArchivistException {
        p.setProperty("lastArchiveEnd." + backendType, Long.toString(seconds));
        save();
    }

    @Override
    public synchronized long clock(LinkKind kind) {
        return Long.parseLong(p.getProperty("clock." + kind, "0"));
    }

    @Override
    public synchronized void setClock(LinkKind kind, long clock) throws ArchivistException {
        p.setProperty("clock." + kind, Long.toString(clock));
        save();
    }

    @Override
    public synchronized Optional<String> lastLink(LinkKind kind) {
        return Optional.ofNullable(p.getProperty("lastLink." + kind));
    }

    @Override
    public synchronized Optional<String> pendingLink(LinkKind kind) {
        return Optional.ofNullable(p.getProperty("pendingLink." + kind));
    }

    @Override
    public synchronized void setPendingLink(LinkKind kind, Optional<String> link) throws ArchivistException {
        if (link.isPresent()) {
            p.setProperty("pendingLink." + kind, link.get());
        } else {
            p.remove("pendingLink." + kind);
        }
        save();
    }

    @Override
    public synchronized void completeLink(LinkKind kind, String link) throws ArchivistException {
        p.setProperty("lastLink." + kind, link);
        if (link.equals(p.getProperty("pendingLink." + kind))) {
            p.remove("pendingLink." + kind);
        }
        save();
    }

    @Override
    public synchronized boolean holds(String archiveId) {
        return p.containsKey("archive." + archiveId);
    }

    @Override
    public synchronized void addDownloaded(String archiveId, TimeRange range) throws ArchivistException {
        if (holds(archiveId)) {
            return;
        }
        p.setProperty("archive." + archiveId, (nextSeq++) + "," + range.from() + "," + range.to() + ",0");
        save();
    }

    @Override
    public synchronized List<HeldArchive> unimported() {
        return all().stream().filter(a -> !a.imported()).toList();
    }

    @Override
    public synchronized void markImported(String archiveId) throws ArchivistException {
        String v = p.getProperty("archive." + archiveId);
        if (v == null) {
            throw new ArchivistException("archive " + archiveId + " is not held, it cannot be marked imported");
        }
        p.setProperty("archive." + archiveId, v.substring(0, v.lastIndexOf(',')) + ",1");
        save();
    }

    @Override
    public synchronized void forget(String archiveId) throws ArchivistException {
        if (p.remove("archive." + archiveId) != null) {
            save();
        }
    }

    @Override
    public synchronized int archiveCount() {
        return all().size();
    }

    @Override
    public synchronized int importedCount() {
        return (int) all().stream().filter(HeldArchive::imported).count();
    }

    private List<HeldArchive> all() {
        List<String[]> rows = new ArrayList<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("archive.")) {
                String[] f = p.getProperty(name).split(",");
                rows.add(new String[] {name.substring("archive.".length()), f[0], f[1], f[2], f[3]});
            }
        }
        rows.sort(Comparator.comparingLong(r -> Long.parseLong(r[1])));
        List<HeldArchive> out = new ArrayList<>();
        for (String[] r : rows) {
            out.add(new HeldArchive(r[0], TimeRange.of(Long.parseLong(r[2]), Long.parseLong(r[3])), r[4].equals("1")));
        }
        return out;
    }

    private static long seqOf(String value) {
        return Long.parseLong(value.substring(0, value.indexOf(',')));
    }

    private void save() throws ArchivistException {
        try {
            StringWriter out = new StringWriter();
            p.store(out, "Archivist community state");
            AtomicWrite.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ArchivistException("cannot persist community state to " + file + ": " + e.getMessage(), e);
        }
    }
}
