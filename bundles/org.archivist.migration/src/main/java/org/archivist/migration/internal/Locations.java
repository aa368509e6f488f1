package org.archivist.migration.internal;

import org.archivist.api.ArchiveLocation;
import org.archivist.api.ArchiveLocation.ContentAddress;
import org.archivist.api.ArchiveLocation.PieceRange;

/** The journal's text form of an archive location: {@code cid:<cid>} or {@code range:<offset>:<size>:<padding>}. */
final class Locations {
    private Locations() {
    }

    static String format(ArchiveLocation location) {
        if (location instanceof ContentAddress a) {
            return "cid:" + a.cid();
        }
        if (location instanceof PieceRange r) {
            return "range:" + r.offset() + ":" + r.size() + ":" + r.padding();
        }
        throw new IllegalArgumentException("the journal cannot record a location of type "
                + location.getClass().getName());
    }

    static ArchiveLocation parse(String text) {
        if (text.startsWith("cid:") && text.length() > 4 && text.indexOf(' ') < 0) {
            return new ContentAddress(text.substring(4));
        }
        if (text.startsWith("range:")) {
            String[] f = text.substring(6).split(":");
            if (f.length == 3) {
                return new PieceRange(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
            }
        }
        throw new IllegalArgumentException("bad location '" + text + "'");
    }

    /** Whether a location can be journaled (checked before anything is stored there). */
    static boolean recordable(ArchiveLocation location) {
        return location instanceof ContentAddress || location instanceof PieceRange;
    }
}
