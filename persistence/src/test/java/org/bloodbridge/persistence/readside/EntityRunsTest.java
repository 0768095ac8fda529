package org.bloodbridge.persistence.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityRunsTest {
    private record Event(String entity, int seqNr) {}

    @Test
    void oneRunPerEntityInTheOrderOfItsFirstEventEachKeepingItsOwnOrder() {
        var a1 = new Event("a", 1);
        var b1 = new Event("b", 1);
        var a2 = new Event("a", 2);
        var c7 = new Event("c", 7);
        var b2 = new Event("b", 2);
        var a3 = new Event("a", 3);

        assertEquals(List.of(List.of(a1, a2, a3), List.of(b1, b2), List.of(c7)),
                EntityRuns.byEntity(List.of(a1, b1, a2, c7, b2, a3), Event::entity));
    }

    @Test
    void distinctEntitiesStayOneEventEachAndNothingIsEmpty() {
        var a = new Event("a", 1);
        var b = new Event("b", 1);
        assertEquals(List.of(List.of(a), List.of(b)), EntityRuns.byEntity(List.of(a, b), Event::entity));
        assertEquals(List.of(), EntityRuns.byEntity(List.<Event>of(), Event::entity));
    }
}
