package org.bloodbridge.persistence.readside;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One group of a projection's events cut into each entity's events. A read-side handler that reads
 * the entity's current state writes the same row for every event of an entity, so a group needs one
 * write per entity, not one per event (an import line's Registered and HistoryImported, a match's
 * Created and Ranked).
 */
final class EntityRuns {
    private EntityRuns() {}

    /**
     * The events of each entity ({@code entityOf}), each entity's in their order, the entities in the
     * order of their first event; nothing dropped.
     */
    static <E> List<List<E>> byEntity(List<E> events, Function<? super E, String> entityOf) {
        Map<String, List<E>> runs = new LinkedHashMap<>();
        for (E event : events) {
            runs.computeIfAbsent(entityOf.apply(event), entity -> new ArrayList<>()).add(event);
        }
        return List.copyOf(runs.values());
    }
}
