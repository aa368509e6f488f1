package org.archivist.scheduler.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.archivist.api.CommunityId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One community's archive configuration (a factory configuration per community). Creating it starts the
 * community's tasks, changing it applies at run time, deleting it stops them and unseeds.
 */
@Component(configurationPid = CommunityArchiveComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = CommunityArchiveComponent.Config.class, factory = true)
public class CommunityArchiveComponent {
    public static final String PID = "org.archivist.scheduler.community";
    /**
     * {@code ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED} (DS 1.1+): 4. (3 is
     * CONFIGURATION_MODIFIED; with 3 here a deleted configuration only detached the community and
     * nothing was unseeded.)
     */
    static final int CONFIGURATION_DELETED = 4;

    @ObjectClassDefinition(name = "Archivist community archives",
            description = "History archives of one community: as its control node, what to archive where and how"
                    + " often; as a member, which announced links to follow and how fast to import.")
    public @interface Config {
        @AttributeDefinition(name = "Community id", description = "0x + 66 hex digits of the compressed public key")
        String communityId();

        @AttributeDefinition(name = "Enabled", description = "Off: tasks stop and archives are no longer offered")
        boolean enabled() default true;

        @AttributeDefinition(name = "Backend", description = "Where the control node publishes archives: the"
                + " storage.type of any registered backend (bittorrent, codex, ...), or several separated by commas;"
                + " both = bittorrent,codex (the migration window)")
        String backend() default "bittorrent";

        @AttributeDefinition(name = "Interval", description = "Time between archive runs, ISO-8601 (P7D) or seconds")
        String interval() default "P7D";

        @AttributeDefinition(name = "Partition", required = false,
                description = "Time span of one archive, ISO-8601 or seconds; empty: the interval")
        String partition() default "";

        @AttributeDefinition(name = "Import rate", description = "Messages per second a member imports (status-go: 10)")
        double importRate() default 10;

        @AttributeDefinition(name = "Distribution preference", description = "Which announced links a member acts"
                + " on: any (every backend's), or backend names separated by commas (bittorrent: magnet links,"
                + " codex: index CIDs)")
        String distribution() default "any";

        @AttributeDefinition(name = "Download order", options = {
                    @Option(value = "OLDEST_FIRST", label = "Oldest first (status-go)"),
                    @Option(value = "NEWEST_FIRST", label = "Newest first") })
        String downloadOrder() default "OLDEST_FIRST";

        @AttributeDefinition(name = "History window (days)", min = "0", description = "Member: fetch only the"
                + " archives overlapping the last N days; the older ones stay listed (OUTSIDE_WINDOW in"
                + " archive:list <community>) and are fetched when the window widens or on demand"
                + " (archive:download --from/--to). 0: every archive (status-go)")
        int historyWindowDays() default 0;
    }

    private final CommunityConfigurations scheduler;
    private CommunityId id;

    @Activate
    public CommunityArchiveComponent(@Reference CommunityConfigurations scheduler, Config config) {
        this.scheduler = scheduler;
        ArchiveSettings settings = settings(config);
        id = settings.community();
        scheduler.configure(settings);
    }

    @Modified
    void modified(Config config) {
        ArchiveSettings settings = settings(config);
        if (!settings.community().equals(id)) {
            scheduler.remove(id);
            id = settings.community();
        }
        scheduler.configure(settings);
    }

    @Deactivate
    void deactivate(int reason) {
        if (reason == CONFIGURATION_DELETED) {
            scheduler.remove(id);
        } else {
            scheduler.detach(id);
        }
    }

    static ArchiveSettings settings(Config c) {
        Duration interval = duration("interval", c.interval());
        Duration partition = c.partition() == null || c.partition().isBlank() ? interval
                : duration("partition", c.partition());
        return new ArchiveSettings(CommunityId.of(c.communityId().trim()), c.enabled(),
                ArchiveSettings.parseBackends(c.backend()), interval, partition, c.importRate(),
                ArchiveSettings.parseDistribution(c.distribution()),
                ArchiveSettings.DownloadOrder.valueOf(c.downloadOrder().trim().toUpperCase(Locale.ROOT)),
                historyWindow(c.historyWindowDays()));
    }

    static Duration historyWindow(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("historyWindowDays cannot be negative (0: every archive), got " + days);
        }
        return Duration.ofDays(days);
    }

    static Duration duration(String name, String value) {
        String v = value.trim();
        try {
            return v.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(v)) : Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration (P7D, PT12H) or seconds, got '"
                    + value + "'", e);
        }
    }
}
