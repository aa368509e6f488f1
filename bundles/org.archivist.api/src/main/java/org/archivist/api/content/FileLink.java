package org.archivist.api.content;

import java.util.Objects;
import java.util.Optional;

import org.archivist.api.CommunityId;

/**
 * What a receiver needs to fetch a published file: the backend, the blob's link on it (CID or magnet), the
 * size of the stored blob, and the community whose cipher encrypted it (empty for plain content). Travels in the
 * host's chat message, as {@link #encode()} or field by field.
 */
public record FileLink(String storageType, String link, long size, Optional<CommunityId> encryptedFor) {
    private static final String SCHEME = "archivist-file:";

    public FileLink {
        Objects.requireNonNull(storageType, "storageType");
        Objects.requireNonNull(link, "link");
        encryptedFor = encryptedFor == null ? Optional.empty() : encryptedFor;
        if (storageType.isBlank() || storageType.contains(";")) {
            throw new IllegalArgumentException("bad storage type '" + storageType + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }

    /** {@code archivist-file:<type>;<size>;<community id or ->;<link>}: one line, the link last and verbatim. */
    public String encode() {
        return SCHEME + storageType + ";" + size + ";" + encryptedFor.map(CommunityId::toString).orElse("-") + ";"
                + link;
    }

    /** Parses {@link #encode()}'s form. */
    public static FileLink parse(String text) throws InvalidLinkException {
        if (text == null || !text.startsWith(SCHEME)) {
            throw new InvalidLinkException("not a file link (" + SCHEME + "...): " + text);
        }
        String[] parts = text.substring(SCHEME.length()).split(";", 4);
        if (parts.length != 4 || parts[3].isEmpty()) {
            throw new InvalidLinkException("a file link has four ';'-separated parts: " + text);
        }
        try {
            Optional<CommunityId> community = parts[2].equals("-") ? Optional.empty()
                    : Optional.of(CommunityId.of(parts[2]));
            return new FileLink(parts[0], parts[3], Long.parseLong(parts[1]), community);
        } catch (IllegalArgumentException e) {
            throw new InvalidLinkException("malformed file link " + text + ": " + e.getMessage(), e);
        }
    }
}
