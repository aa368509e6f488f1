package org.archivist.content;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.archivist.api.content.DescriptionListener;
import org.archivist.api.content.DescriptionService;
import org.archivist.api.content.FileService;
import org.archivist.api.host.AnnouncementChannel;
import org.archivist.content.internal.DescriptionKeeper;

/**
 * The supported way to build a {@link DescriptionService} outside OSGi, on a {@link FileService} and the host's
 * announcement channel: {@code DescriptionServices.builder(files, channel, dir).storageTypes(...).start()}.
 *
 * @since 1.1
 */
public final class DescriptionServices {
    private DescriptionServices() {
    }

    /** A builder for a service keeping the newest description per community under {@code dir}. */
    public static Builder builder(FileService files, AnnouncementChannel channel, Path dir) {
        return new Builder(files, channel, dir);
    }

    /** Options of a description service; {@link #start()} starts it. */
    public static final class Builder {
        private final FileService files;
        private final AnnouncementChannel channel;
        private final Path dir;
        private Duration firstRetry = Duration.ofSeconds(5);
        private Duration maxRetry = Duration.ofMinutes(10);
        private List<String> storageTypes = List.of();

        private Builder(FileService files, AnnouncementChannel channel, Path dir) {
            this.files = Objects.requireNonNull(files, "files");
            this.channel = Objects.requireNonNull(channel, "channel");
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /** The first pause before a failed fetch is tried again, and the longest. */
        public Builder retries(Duration first, Duration max) {
            this.firstRetry = first;
            this.maxRetry = max;
            return this;
        }

        /** Control node: each description is published and announced on each of these (default: the files'). */
        public Builder storageTypes(List<String> types) {
            this.storageTypes = List.copyOf(types);
            return this;
        }

        /** Starts taking announcements from the channel. */
        public RunningDescriptionService start() throws IOException {
            DescriptionKeeper keeper = new DescriptionKeeper(files, Optional.of(channel), dir, firstRetry, maxRetry,
                    storageTypes);
            keeper.start();
            return new RunningDescriptionService(keeper);
        }
    }

    /** A started service; close it to stop taking announcements and fetching. */
    public static final class RunningDescriptionService implements AutoCloseable {
        private final DescriptionKeeper keeper;

        private RunningDescriptionService(DescriptionKeeper keeper) {
            this.keeper = keeper;
        }

        public DescriptionService service() {
            return keeper;
        }

        /** Hands each newest description to {@code listener} (what a DescriptionListener service is in OSGi). */
        public void addListener(DescriptionListener listener) {
            keeper.addListener(listener);
        }

        @Override
        public void close() {
            keeper.close();
        }
    }
}
