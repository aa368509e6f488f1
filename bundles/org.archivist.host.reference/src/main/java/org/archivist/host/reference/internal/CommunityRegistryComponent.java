package org.archivist.host.reference.internal;

import org.archivist.api.host.CommunityDirectory;
import org.osgi.service.component.annotations.Component;

/** Registers the reference host's community directory; the communities come from {@link CommunityComponent}s. */
@Component(service = {CommunityDirectory.class, CommunityRegistry.class})
public class CommunityRegistryComponent extends CommunityRegistry {
}
