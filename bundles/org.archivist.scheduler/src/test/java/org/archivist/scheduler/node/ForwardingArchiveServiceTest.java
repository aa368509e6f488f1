package org.archivist.scheduler.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.archivist.api.CommunityId;
import org.archivist.api.service.ArchiveService;
import org.archivist.api.storage.LinkKind;
import org.junit.jupiter.api.Test;

/**
 * The OSGi component and {@link SchedulerNode} expose the scheduler through {@link ForwardingArchiveService}:
 * every method of {@link ArchiveService}, defaults included, reaches the delegate (a default left to the
 * interface once made {@code downloadNow} throw in OSGi while it worked outside).
 */
class ForwardingArchiveServiceTest {
    private static final CommunityId ID = CommunityId.of("0x02" + "ef".repeat(32));

    @Test
    void everyMethodOfTheServiceIsForwardedNotLeftToItsDefault() throws Exception {
        for (Method m : ArchiveService.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Method impl = ForwardingArchiveService.class.getMethod(m.getName(), m.getParameterTypes());
            assertNotEquals(ArchiveService.class, impl.getDeclaringClass(), m + " is not forwarded");
        }
    }

    @Test
    void callsReachTheDelegate() throws Exception {
        List<String> calls = new ArrayList<>();
        ArchiveService recorder = (ArchiveService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ArchiveService.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return switch (method.getName()) {
                        case "communities" -> List.of();
                        case "community" -> Optional.empty();
                        case "acceptJoinResponseLink" -> true;
                        case "linkClocks" -> Map.of();
                        case "raiseLinkClock" -> 7L;
                        default -> null;
                    };
                });
        ForwardingArchiveService service = new ForwardingArchiveService() {
            @Override
            protected ArchiveService delegate() {
                return recorder;
            }
        };
        service.communities();
        service.community(ID);
        service.archiveNow(ID);
        service.downloadNow(ID);
        service.acceptJoinResponseLink(ID, "magnet:?xt=urn:btih:00");
        service.linkClocks(ID);
        assertEquals(7L, service.raiseLinkClock(ID, new LinkKind("MAGNET"), 5));
        assertEquals(List.of("communities", "community", "archiveNow", "downloadNow", "acceptJoinResponseLink",
                "linkClocks", "raiseLinkClock"), calls);
    }
}
