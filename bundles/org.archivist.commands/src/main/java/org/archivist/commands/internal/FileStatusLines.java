package org.archivist.commands.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.archivist.api.content.StorageUsage;
import org.archivist.api.content.TransferInfo;

/** The lines of {@code file:status}: storage types, usage against the limit, one line per transfer. */
final class FileStatusLines {
    private FileStatusLines() {
    }

    static List<String> of(Collection<String> storageTypes, StorageUsage usage, List<TransferInfo> transfers) {
        List<String> out = new ArrayList<>();
        out.add("Storage types : " + (storageTypes.isEmpty() ? "- (no blob store runs: files cannot travel)"
                : String.join(", ", storageTypes)));
        String limit = usage.maxBytes() <= 0 ? "no limit" : "limit " + bytes(usage.maxBytes()) + String.format(
                Locale.ROOT, " (%.0f%% used)", 100.0 * usage.usedBytes() / usage.maxBytes());
        out.add("Storage used  : " + bytes(usage.usedBytes()) + ", " + limit);
        out.add("At limit      : " + (usage.atLimit() ? "YES: new transfers are refused until space is released"
                : "no"));
        if (transfers.isEmpty()) {
            out.add("Transfers     : -");
            return out;
        }
        out.add(String.format(Locale.ROOT, "%-8s %-12s %-22s %-20s %s", "Way", "State", "Progress", "Started",
                "File / link"));
        for (TransferInfo t : transfers) {
            String what = t.link().map(l -> l.encode()).orElse(t.name());
            if (t.direction() == TransferInfo.Direction.PUBLISH && !t.name().isEmpty()) {
                what = t.name() + (t.link().isPresent() ? " -> " + t.link().get().encode() : "");
            }
            out.add(String.format(Locale.ROOT, "%-8s %-12s %-22s %-20s %s", t.direction(), t.state(),
                    progress(t), TimeFormat.instant(java.util.Optional.of(t.started())), what));
            t.failure().ifPresent(f -> out.add("         failed: " + f));
        }
        return out;
    }

    static String progress(TransferInfo t) {
        if (t.totalBytes() <= 0) {
            return bytes(t.doneBytes());
        }
        return String.format(Locale.ROOT, "%s/%s %3.0f%%", bytes(t.doneBytes()), bytes(t.totalBytes()),
                100.0 * t.doneBytes() / t.totalBytes());
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
}
