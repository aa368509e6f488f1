package org.archivist.host.reference.internal;

import java.util.Optional;

import org.archivist.api.host.ArchiveCipher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Registers the reference host's hash-ratchet cipher over the configured communities' group keys. */
@Component(configurationPid = CipherComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = ArchiveCipher.class)
@Designate(ocd = CipherComponent.Config.class)
public class CipherComponent extends HashRatchetCipher {
    public static final String PID = "org.archivist.host.reference.cipher";

    @ObjectClassDefinition(name = "Archivist reference host: hash-ratchet cipher")
    public @interface Config {
        @AttributeDefinition(name = "Installation id", description = "Written into encrypted envelopes; refused when"
                + " status-go would read envelopes under it as plain archives (empty, or bytes that parse as protobuf)")
        String installationId() default "archivist-reference-host";

        @AttributeDefinition(name = "Ratchet state file", required = false,
                description = "Where the last ratchet step per key survives restarts;"
                        + " empty: ${karaf.data}/archivist/host/hash-ratchet.properties")
        String stateFile() default "";
    }

    @Activate
    public CipherComponent(@Reference CommunityRegistry registry, Config config) {
        super(registry, config.installationId(), Optional.of(HostPaths.resolve(config.stateFile(),
                "hash-ratchet.properties")));
    }
}
