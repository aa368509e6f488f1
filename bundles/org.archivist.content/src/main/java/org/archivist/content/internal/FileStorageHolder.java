package org.archivist.content.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.archivist.api.service.ReleasableCopy;
import org.archivist.api.service.StorageHolder;

/**
 * The file service as the node's storage limit sees it: its directories and running transfers' reservations
 * counted, its fetched copies (never a staged publish) releasable, oldest first.
 */
final class FileStorageHolder implements StorageHolder {
    static final String NAME = "files";
    private final DiskBudget budget;

    FileStorageHolder(DiskBudget budget) {
        this.budget = budget;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long storedBytes() throws IOException {
        return budget.storedBytes();
    }

    @Override
    public List<ReleasableCopy> releasable() throws IOException {
        List<ReleasableCopy> out = new ArrayList<>();
        for (Path p : budget.releasable()) {
            try {
                out.add(new ReleasableCopy(ReleasableCopy.Kind.FILE, NAME, p.getFileName().toString(), Files.size(p),
                        Files.getLastModifiedTime(p).toInstant(), Optional.empty()));
            } catch (java.nio.file.NoSuchFileException e) {
                // released meanwhile
            }
        }
        return out;
    }

    @Override
    public long release(ReleasableCopy copy) throws IOException {
        if (copy.kind() != ReleasableCopy.Kind.FILE || !NAME.equals(copy.holder())) {
            return 0;
        }
        return budget.release(copy.id());
    }
}
