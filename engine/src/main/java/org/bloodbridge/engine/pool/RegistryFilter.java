package org.bloodbridge.engine.pool;

import java.time.LocalDate;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.Panel;

/**
 * The filters of a registry search (api-v1.md, "Registry"); a donor must match every one given.
 *
 * @param panel the donor's current panel, or null for any
 * @param negativeMask red-cell antigens ({@link org.bloodbridge.engine.typing.RedCellAntigens} bits)
 *     the donor must be typed negative for; 0 for none
 * @param abo or null for any
 * @param eligibleOn or null: the donor's earliest date for {@code type} must be on or before it
 * @param type the donation {@code eligibleOn} is about; null means {@link DonationType#WHOLE_BLOOD}
 */
public record RegistryFilter(Panel panel, long negativeMask, Abo abo, LocalDate eligibleOn, DonationType type) {
    public static final RegistryFilter NONE = new RegistryFilter(null, 0, null, null, null);

    public RegistryFilter {
        type = type == null ? DonationType.WHOLE_BLOOD : type;
    }
}
