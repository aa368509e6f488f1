package org.archivist.content.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.content.CommunityDescription;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.InvalidLinkException;

/**
 * The newest description per community on disk, {@code <dir>/<community>.description}: the clock (8 bytes), the
 * link's length and UTF-8 text, then the description bytes; replaced atomically, so a crash leaves the old one.
 */
final class DescriptionFiles {
    private final Path dir;

    DescriptionFiles(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    synchronized Optional<CommunityDescription> load(CommunityId community) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file(community));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(all);
            long clock = b.getLong();
            byte[] link = new byte[b.getInt()];
            b.get(link);
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return Optional.of(new CommunityDescription(community, clock, bytes,
                    FileLink.parse(new String(link, StandardCharsets.UTF_8))));
        } catch (RuntimeException | InvalidLinkException e) {
            throw new IOException("the stored description of " + community + " is unreadable: " + e, e);
        }
    }

    /** Stores the description when it is newer than the stored one; returns whether it was. */
    synchronized boolean storeIfNewer(CommunityDescription d) throws IOException {
        Optional<CommunityDescription> old = load(d.community());
        if (old.isPresent() && old.get().clock() >= d.clock()) {
            return false;
        }
        byte[] link = d.link().encode().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(12 + link.length + d.bytes().length);
        b.putLong(d.clock()).putInt(link.length).put(link).put(d.bytes());
        Path temp = dir.resolve(d.community() + ".part");
        Files.write(temp, b.array());
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temp, file(d.community()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file(d.community()), StandardCopyOption.REPLACE_EXISTING);
        }
        return true;
    }

    private Path file(CommunityId community) {
        return dir.resolve(community + ".description");
    }
}
