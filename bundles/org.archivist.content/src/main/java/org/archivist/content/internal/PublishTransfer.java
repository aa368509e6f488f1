package org.archivist.content.internal;

import java.util.concurrent.CompletableFuture;

import org.archivist.api.content.FileLink;
import org.archivist.api.content.PublishHandle;

/** A publish: a background transfer whose link is known before it ends. */
final class PublishTransfer extends BackgroundTransfer<FileLink> implements PublishHandle {
    @Override
    public CompletableFuture<FileLink> link() {
        return linkFuture();
    }
}
