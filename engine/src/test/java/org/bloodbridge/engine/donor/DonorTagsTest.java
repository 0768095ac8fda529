package org.bloodbridge.engine.donor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tags are in the journal and the slices partition the read side: pinned, never to change. */
class DonorTagsTest {

    @Test
    void aDonorsEventsAreTaggedByHomeCentreAndSlice() {
        assertEquals(4, DonorTags.slice("abcdefghijklmnopqrstuvwx"));
        assertEquals(3, DonorTags.slice("donor-b"));
        assertEquals("donor-CD-4", DonorTags.tagFor("CD", "abcdefghijklmnopqrstuvwx"));
        assertEquals("donor-CQ-0", DonorTags.tag("CQ", 0));
    }

    @Test
    void everyTagOfSomeCentres() {
        List<String> tags = DonorTags.tags(List.of("CD", "CQ"));
        assertEquals(16, tags.size());
        assertEquals(List.of("donor-CD-0", "donor-CD-7", "donor-CQ-0", "donor-CQ-7"),
                List.of(tags.get(0), tags.get(7), tags.get(8), tags.get(15)));
    }
}
