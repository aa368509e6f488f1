package org.archivist.api.storage;

import java.io.IOException;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes one blob into the stream a backend hands over, so that the core can stream an archive straight
 * into the backend's storage instead of building it in memory first. It must write exactly the number of
 * bytes announced to {@link PublishSession#append(long, BlobWriter)}; it must not close the stream.
 */
@FunctionalInterface
@ConsumerType
public interface BlobWriter {
    void writeTo(OutputStream out) throws IOException;
}
