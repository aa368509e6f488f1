/**
 * Messages as JSON lines, the offline format of {@code archivist build} and the shell's {@code host:load}: one
 * {@code {"sig","timestamp","topic","payload","padding","hash"}} object a line, hex byte fields, read strictly
 * and streamed ({@link org.archivist.core.jsonl.JsonlMessages}). Needs Jackson (imported optionally: only a
 * user of this package needs it installed).
 */
@Export
@Version("1.0.0")
package org.archivist.core.jsonl;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
