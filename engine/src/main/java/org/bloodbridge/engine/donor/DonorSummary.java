package org.bloodbridge.engine.donor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import org.bloodbridge.engine.CborSerializable;
import org.bloodbridge.engine.donor.Donor;
import org.bloodbridge.engine.donor.Profile;
import org.bloodbridge.engine.donor.Typing;
import org.bloodbridge.engine.eligibility.Deferral;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;

/**
 * What a centre's pool index needs to know of one donor, derived from the DonorEntity's state after
 * its event number {@code seqNr}. A pool keeps the summary with the highest {@code seqNr}, so
 * summaries may arrive twice and out of order (direct update and projection).
 *
 * @param typing as reported; the pool reads it against its own reference tables
 * @param abo null when untyped; likewise {@code rhD}
 * @param eligiblePlatelets the earliest date the donor may give platelets, as the rules said on
 *     {@code asOf}; null when no date is foreseeable (permanent deferral, weight, age). The pool
 *     treats it as a pre-filter: a match request re-confirms eligibility with the entity.
 * @param hlaTypedOn since when HLA-A and -B are typed (null when they are not), for panel statistics;
 *     {@code redCellTypedOn} since when the red-cell phenotype or RhD was last reported
 * @param permanentlyDeferredOn the start of the earliest permanent deferral, or null
 * @param reservedFor the open match request the donor is allocated to, or null
 */
public record DonorSummary(
        String donorId,
        String homeCentre,
        long seqNr,
        LocalDate asOf,
        Typing typing,
        Abo abo,
        RhD rhD,
        LocalDate eligiblePlatelets,
        LocalDate eligibleWholeBlood,
        LocalDate registeredOn,
        LocalDate hlaTypedOn,
        LocalDate redCellTypedOn,
        LocalDate permanentlyDeferredOn,
        String reservedFor)
        implements CborSerializable {

    /** The summary of a donor's state after event {@code seqNr}, with eligibility as the rules say on {@code today}. */
    public static DonorSummary of(Donor donor, long seqNr, RuleSet rules, LocalDate today, ZoneId zone) {
        Profile profile = donor.profile();
        LocalDate permanentlyDeferredOn = donor.allDeferrals(rules).stream()
                .filter(Deferral::permanent)
                .map(Deferral::from)
                .min(Comparator.naturalOrder())
                .orElse(null);
        return new DonorSummary(donor.donorId(), donor.homeCentre(), seqNr, today, donor.typing(), profile.abo(),
                profile.rhD(), eligibleFrom(donor, rules, DonationType.PLATELETS_APHERESIS, today),
                eligibleFrom(donor, rules, DonationType.WHOLE_BLOOD, today), date(donor.registeredAt(), zone),
                date(donor.hlaTypedAt(), zone), date(donor.redCellTypedAt(), zone), permanentlyDeferredOn,
                donor.reservation() == null ? null : donor.reservation().requestId());
    }

    private static LocalDate eligibleFrom(Donor donor, RuleSet rules, DonationType type, LocalDate today) {
        return donor.eligibility(rules, type, today).nextEligibleDate();
    }

    private static LocalDate date(Instant at, ZoneId zone) {
        return at == null ? null : LocalDate.ofInstant(at, zone);
    }
}
