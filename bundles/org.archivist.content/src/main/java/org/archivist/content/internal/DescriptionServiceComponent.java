package org.archivist.content.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.content.CommunityDescription;
import org.archivist.api.content.ContentException;
import org.archivist.api.content.DescriptionListener;
import org.archivist.api.content.DescriptionService;
import org.archivist.api.content.FileLink;
import org.archivist.api.content.FileService;
import org.archivist.api.host.AnnouncementChannel;
import org.archivist.core.io.DataDirectories;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Registers the {@link DescriptionService} on the file service, subscribed to the host's announcement channel, and
 * hands each newest description to every {@link DescriptionListener} service (whiteboard).
 */
@Component(service = DescriptionService.class, immediate = true, configurationPid = DescriptionServiceComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DescriptionServiceComponent.Config.class)
public final class DescriptionServiceComponent implements DescriptionService {
    static final String PID = "org.archivist.content.descriptions";

    @ObjectClassDefinition(name = "Archivist community descriptions",
            description = "Descriptions published by control nodes and fetched by members through the file service.")
    public @interface Config {
        @AttributeDefinition(description = "The newest description per community; empty:"
                + " <karaf.data>/archivist/descriptions")
        String directory() default "";

        @AttributeDefinition(description = "First pause before a failed fetch is tried again, in seconds")
        int firstRetrySeconds() default 5;

        @AttributeDefinition(description = "Longest pause between fetch attempts, in seconds")
        int maxRetrySeconds() default 600;

        @AttributeDefinition(description = "Control node: the storage types each description is published on (one"
                + " announcement per link, so members on any of them fetch it); empty: the file service's default."
                + " In a .cfg file one line, comma-separated", required = false)
        String[] storageTypes() default {};
    }

    private final DescriptionKeeper keeper;

    @Activate
    public DescriptionServiceComponent(Config config, @Reference FileService files,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            AnnouncementChannel channel) throws IOException {
        this.keeper = new DescriptionKeeper(files, Optional.ofNullable(channel),
                DataDirectories.resolve(config.directory(), "descriptions"),
                Duration.ofSeconds(Math.max(1, config.firstRetrySeconds())),
                Duration.ofSeconds(Math.max(1, config.maxRetrySeconds())), types(config.storageTypes()));
    }

    /** The types as a list: a .cfg file gives one comma-separated string, the console's form one value each. */
    static java.util.List<String> types(String[] configured) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String value : configured == null ? new String[0] : configured) {
            for (String t : value.split(",")) {
                if (!t.isBlank()) {
                    out.add(t.trim());
                }
            }
        }
        return out;
    }

    @Activate
    void start() {
        keeper.start();
    }

    @Deactivate
    void stop() {
        keeper.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(DescriptionListener l) {
        keeper.addListener(l);
    }

    void removeListener(DescriptionListener l) {
        keeper.removeListener(l);
    }

    @Override
    public FileLink publish(CommunityId community, long clock, byte[] description) throws ContentException {
        return keeper.publish(community, clock, description);
    }

    @Override
    public void received(CommunityId community, long clock, FileLink link) {
        keeper.received(community, clock, link);
    }

    @Override
    public Optional<CommunityDescription> latest(CommunityId community) throws ContentException {
        return keeper.latest(community);
    }
}
