package org.archivist.core.state;

import java.nio.file.Path;

import org.archivist.api.CommunityId;
import org.archivist.api.storage.LinkKind;

/**
 * The child process of {@link StateCrashSafetyTest}: continues from the stored state, then forever adds
 * archive {@code n}, marks {@code n-1} imported, sets the end date and clock to {@code n}, and prints
 * {@code n} once the update returned (so the parent knows it was durable).
 */
public final class StateWriterChild {
    public static void main(String[] args) throws Exception {
        CommunityStateStore store = new CommunityStateStore(Path.of(args[0]));
        CommunityId community = CommunityId.of(args[1]);
        long n = store.load(community).archives().size();
        while (true) {
            long i = n;
            store.update(community, s -> {
                CommunityState next = s.withArchive("0x" + i).withLastArchiveEnd(i)
                        .withLink(org.archivist.core.link.MagnetLinkFormat.KIND, new LinkState(i, java.util.Optional.of("magnet:" + i)));
                return i > 0 ? next.withImported("0x" + (i - 1)) : next;
            });
            System.out.println(i);
            System.out.flush();
            n++;
        }
    }
}
