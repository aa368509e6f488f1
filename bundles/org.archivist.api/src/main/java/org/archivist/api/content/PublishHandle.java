package org.archivist.api.content;

import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A file being published: {@link #link()} completes once the content is hashed (the host can send its message
 * then), {@link #result()} once the storage holds it. Both carry the same link.
 */
@ProviderType
public interface PublishHandle extends Transfer<FileLink> {

    /** Completes as soon as the link is known, before the upload ends. */
    CompletableFuture<FileLink> link();
}
