package org.bloodbridge.engine.donor;

import java.util.ArrayList;
import java.util.List;

/**
 * How donor events are tagged, {@code donor-<homeCentre>-<slice>}, and so how the read side
 * partitions its donor summaries. Part of the stored data (journal tags, table partitions): never
 * change it.
 */
public final class DonorTags {
    /** A donor's events fall into one of this many slices per home centre. */
    public static final int SLICES = 8;

    private DonorTags() {}

    /** The slice of a donor, {@code 0} to {@code SLICES - 1}. */
    public static int slice(String donorId) {
        return Math.floorMod(donorId.hashCode(), SLICES);
    }

    public static String tag(String homeCentre, int slice) {
        return "donor-" + homeCentre + "-" + slice;
    }

    /** The tag of every event of a donor with this home centre. */
    public static String tagFor(String homeCentre, String donorId) {
        return tag(homeCentre, slice(donorId));
    }

    /** Every tag the events of donors of these home centres carry. */
    public static List<String> tags(List<String> homeCentres) {
        List<String> tags = new ArrayList<>();
        for (String centre : homeCentres) {
            for (int slice = 0; slice < SLICES; slice++) {
                tags.add(tag(centre, slice));
            }
        }
        return tags;
    }
}
