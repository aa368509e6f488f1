package org.archivist.host.reference.internal;

import java.util.HexFormat;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One community of the reference host, from a factory configuration; changes apply at run time. */
@Component(configurationPid = CommunityComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = CommunityComponent.Config.class, factory = true)
public class CommunityComponent {
    public static final String PID = "org.archivist.host.reference.community";

    @ObjectClassDefinition(name = "Archivist reference host: community",
            description = "A community the reference host knows (one configuration per community).")
    public @interface Config {
        @AttributeDefinition(name = "Community id", description = "0x + 66 hex digits of the compressed public key")
        String communityId();

        @AttributeDefinition(name = "Private key", type = AttributeType.PASSWORD, required = false,
                description = "64 hex digits; only on the community's control node, to sign announcements")
        String privateKey() default "";

        @AttributeDefinition(name = "Topics", description = "8-hex-digit content topics, or chat id suffixes"
                + " (the topic is keccak256(community id + suffix)[:4]); in a .cfg file one line, comma-separated")
        String[] topics() default {"-memberUpdate"};

        @AttributeDefinition(name = "Control node", description = "This node owns the community")
        boolean controlNode() default false;

        @AttributeDefinition(name = "Joined", description = "This node is a member of the community")
        boolean joined() default true;

        @AttributeDefinition(name = "Encrypted", description = "Token-gated: archives are hash-ratchet encrypted")
        boolean encrypted() default false;

        @AttributeDefinition(name = "Group keys", required = false, type = AttributeType.PASSWORD,
                description = "Hash-ratchet keys as <timestamp>:<64 hex digits>; the newest encrypts; in a .cfg file"
                        + " one line, comma-separated")
        String[] groupKeys() default {};
    }

    private final CommunityRegistry registry;
    private CommunityId id;

    @Activate
    public CommunityComponent(@Reference CommunityRegistry registry, Config config) {
        this.registry = registry;
        apply(config);
    }

    @Modified
    void modified(Config config) {
        CommunityId previous = id;
        apply(config);
        if (!previous.equals(id)) {
            registry.remove(previous);
        }
    }

    @Deactivate
    void deactivate() {
        registry.remove(id);
    }

    private void apply(Config config) {
        CommunitySettings settings = settings(config);
        registry.put(settings);
        id = settings.id();
    }

    static CommunitySettings settings(Config config) {
        CommunityId id = CommunityId.of(config.communityId().trim());
        Optional<byte[]> key = config.privateKey().isBlank() ? Optional.empty()
                : Optional.of(HexFormat.of().parseHex(config.privateKey().trim()));
        return new CommunitySettings(id, key,
                CommunitySettings.topicsOf(id, ConfigLists.split(config.topics()).toArray(String[]::new)),
                config.encrypted(), config.controlNode(), config.joined(),
                ConfigLists.split(config.groupKeys()).stream().map(GroupKey::parse).toList());
    }
}
