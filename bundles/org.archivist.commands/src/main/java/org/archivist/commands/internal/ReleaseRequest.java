package org.archivist.commands.internal;

import java.util.Locale;
import java.util.Set;

import org.archivist.api.service.ReleasableCopy.Kind;

/**
 * What {@code archive:release} was asked to free: a byte count ({@code 5000}, {@code 200K}, {@code 50M},
 * {@code 2G}; binary units) of fetched files then members' archive sets, or of files only; {@code all-files}: every
 * fetched file; {@code all}: everything releasable.
 *
 * @param bytes how many bytes to free; {@link Long#MAX_VALUE}: all of those kinds
 * @param kinds which kinds of copies may go
 */
record ReleaseRequest(long bytes, Set<Kind> kinds) {
    static final Set<Kind> EVERY_KIND = Set.of(Kind.FILE, Kind.ARCHIVE_SET);

    /**
     * @throws IllegalArgumentException with what is accepted, when {@code amount} is none of the forms
     */
    static ReleaseRequest parse(String amount, boolean filesOnly) {
        String a = amount == null ? "" : amount.strip().toLowerCase(Locale.ROOT);
        Set<Kind> kinds = filesOnly ? Set.of(Kind.FILE) : EVERY_KIND;
        if (a.equals("all-files")) {
            return new ReleaseRequest(Long.MAX_VALUE, Set.of(Kind.FILE));
        }
        if (a.equals("all")) {
            return new ReleaseRequest(Long.MAX_VALUE, kinds);
        }
        long unit = 1;
        if (!a.isEmpty() && "kmg".indexOf(a.charAt(a.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmg".indexOf(a.charAt(a.length() - 1)) + 1));
            a = a.substring(0, a.length() - 1);
        }
        try {
            long n = Long.parseLong(a);
            if (n <= 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return new ReleaseRequest(n * unit, kinds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + amount + "' is not an amount to release: give a positive byte"
                    + " count (with K, M or G for KiB, MiB, GiB), all-files or all");
        }
    }
}
