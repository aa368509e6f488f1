package org.archivist.host.reference.internal;

import org.archivist.api.content.CommunityDescription;
import org.archivist.api.content.DescriptionListener;
import org.archivist.api.content.FileService;
import org.archivist.api.host.AnnouncementChannel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference host's receive paths for content in OSGi: file messages on its channel are fetched through the
 * {@link FileService}, and the newest community descriptions are taken as a {@link DescriptionListener}. Without
 * the content feature (no file service) it takes nothing; the file service's arrival restarts it (greedy).
 */
@Component(configurationPid = HostContentComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = DescriptionListener.class, immediate = true)
@Designate(ocd = HostContentComponent.Config.class)
public class HostContentComponent implements DescriptionListener {
    public static final String PID = "org.archivist.host.reference.content";
    private static final Logger LOG = LoggerFactory.getLogger(HostContentComponent.class);

    @ObjectClassDefinition(name = "Archivist reference host: files and descriptions")
    public @interface Config {
        @AttributeDefinition(name = "Storage types", required = false, description = "Where files sent from this"
                + " host are published (one link each); empty: the file service's default")
        String[] storageTypes() default {};
    }

    private final DescriptionInbox inbox = new DescriptionInbox();
    private final AutoCloseable subscription;

    @Activate
    public HostContentComponent(
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            FileService files, @Reference AnnouncementChannel channel, Config config) {
        this.subscription = files == null ? () -> { }
                : new ChatFiles(files, channel, ConfigLists.split(config.storageTypes())).start();
    }

    @Override
    public void newest(CommunityDescription description) {
        inbox.newest(description);
    }

    @Deactivate
    void deactivate() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("closing the subscription: {}", e.toString());
        }
    }
}
