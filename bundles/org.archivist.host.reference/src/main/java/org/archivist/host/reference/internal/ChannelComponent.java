package org.archivist.host.reference.internal;

import java.io.IOException;
import java.util.List;

import org.archivist.api.host.AnnouncementChannel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Registers the reference host's announcement channel over loopback sockets. */
@Component(configurationPid = ChannelComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = AnnouncementChannel.class, immediate = true)
@Designate(ocd = ChannelComponent.Config.class)
public class ChannelComponent extends SignedAnnouncementChannel {
    public static final String PID = "org.archivist.host.reference.channel";

    @ObjectClassDefinition(name = "Archivist reference host: announcement channel")
    public @interface Config {
        @AttributeDefinition(name = "Port", description = "127.0.0.1 port to receive announcements on; 0: any, -1: none")
        int port() default 9026;

        @AttributeDefinition(name = "Peers", required = false,
                description = "Other hosts on this machine, as port or 127.0.0.1:port")
        String[] peers() default {};
    }

    @Activate
    public ChannelComponent(@Reference CommunityRegistry registry, Config config) throws IOException {
        super(registry, new LoopbackSocketTransport(config.port(), peers(config.peers())));
        start();
    }

    /**
     * The peers as a list: a {@code .cfg} file gives {@code peers = 9126,9226} as one string (Configuration
     * Admin does not split it), the console's form gives one value per entry; both are accepted.
     */
    static List<String> peers(String[] configured) {
        return ConfigLists.split(configured);
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
