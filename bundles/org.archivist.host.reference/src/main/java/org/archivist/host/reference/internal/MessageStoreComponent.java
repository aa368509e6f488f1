package org.archivist.host.reference.internal;

import java.io.IOException;
import java.util.List;

import org.archivist.api.ArchivedMessage;
import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.api.host.MessageImporter;
import org.archivist.api.host.MessageStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Registers the reference host's message store, and the importer that stores archived messages into it. */
@Component(configurationPid = MessageStoreComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {MessageStore.class, MessageImporter.class})
@Designate(ocd = MessageStoreComponent.Config.class)
public class MessageStoreComponent extends LogMessageStore implements MessageImporter {
    public static final String PID = "org.archivist.host.reference.store";

    @ObjectClassDefinition(name = "Archivist reference host: message store")
    public @interface Config {
        @AttributeDefinition(name = "Directory", required = false,
                description = "Where the message logs live; empty: ${karaf.data}/archivist/host/messages")
        String directory() default "";
    }

    private final StoringImporter importer = new StoringImporter(this);

    @Activate
    public MessageStoreComponent(Config config) throws IOException {
        super(HostPaths.resolve(config.directory(), "messages"));
    }

    @Override
    public void importMessages(CommunityId community, List<ArchivedMessage> batch) throws ArchivistException {
        importer.importMessages(community, batch);
    }

    @Deactivate
    void deactivate() throws IOException {
        close();
    }
}
