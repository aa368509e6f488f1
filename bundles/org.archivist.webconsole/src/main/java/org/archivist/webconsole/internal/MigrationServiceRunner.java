package org.archivist.webconsole.internal;

import java.util.function.Consumer;

import org.archivist.api.ArchivistException;
import org.archivist.api.CommunityId;
import org.archivist.migration.MigrationProgress;
import org.archivist.migration.MigrationReport;
import org.archivist.migration.MigrationRequest;
import org.archivist.migration.MigrationService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The page's {@link MigrationRunner} over the migration bundle's {@link MigrationService}; a separate component,
 * so that the page works (without migration actions) where that bundle is not installed (its package is imported
 * optionally).
 */
@Component(service = MigrationRunner.class)
public final class MigrationServiceRunner implements MigrationRunner {
    private final MigrationService migrations;

    @Activate
    public MigrationServiceRunner(@Reference MigrationService migrations) {
        this.migrations = migrations;
    }

    @Override
    public String plan(CommunityId community, String source, String target) throws ArchivistException {
        MigrationReport r = migrations.migrate(community, new MigrationRequest(source, target, true),
                MigrationProgress.NONE);
        return r.archives() + " archive(s), " + Sizes.bytes(r.bytes()) + " on " + source + "; "
                + r.skipped() + " already on " + target + "; about " + Math.max(1, r.estimate().toSeconds())
                + " s of uploads";
    }

    @Override
    public MigrationState migrate(CommunityId community, String source, String target,
            Consumer<MigrationState> progress) throws ArchivistException {
        MigrationReport r = migrations.migrate(community, new MigrationRequest(source, target, false),
                step -> progress.accept(new MigrationState(source, target, MigrationState.Phase.RUNNING,
                        step.archive(), step.total(), step.bytesDone(), step.bytesTotal(),
                        step.step().name().toLowerCase(java.util.Locale.ROOT)
                                + (step.archive() > 0 ? " archive " + step.archive() + " of " + step.total() : ""))));
        return new MigrationState(source, target, r.complete() ? MigrationState.Phase.FINISHED
                : MigrationState.Phase.FAILED, r.archives(), r.archives(), r.bytes(), r.bytes(), r.summary());
    }
}
