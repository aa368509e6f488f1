/**
 * The service API Archivist offers: archive runs on demand, per-community status, events.
 */
@Export
@Version("1.1.0")
package org.archivist.api.service;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
