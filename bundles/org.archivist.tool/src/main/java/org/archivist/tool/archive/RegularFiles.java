package org.archivist.tool.archive;

import java.nio.file.Files;
import java.nio.file.Path;

import org.archivist.tool.UsageException;

/** Inputs are regular files: a FIFO or a device would hang a read or never end. */
final class RegularFiles {
    private RegularFiles() {
    }

    static void requireRegular(Path file, String what) throws UsageException {
        if (!Files.exists(file)) {
            throw new UsageException(what + ": " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException(what + ": " + file + " is not a regular file (a FIFO, device or directory is"
                    + " refused)");
        }
        if (!Files.isReadable(file)) {
            throw new UsageException(what + ": cannot read " + file);
        }
    }
}
