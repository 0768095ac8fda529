package org.bloodbridge.engine.pool;

import java.time.LocalDate;
import org.bloodbridge.engine.CborSerializable;
import org.bloodbridge.engine.donor.Typing;

/**
 * What a centre's pool index needs to know of one donor, derived from the DonorEntity's state after
 * its event number {@code seqNr}. A pool keeps the summary with the highest {@code seqNr}, so
 * summaries may arrive twice and out of order (direct update and projection).
 *
 * @param typing as reported; the pool reads it against its own reference tables
 * @param abo {@code O}, {@code A}, {@code B}, {@code AB}, or null (untyped); likewise {@code rhD}
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
        String abo,
        String rhD,
        LocalDate eligiblePlatelets,
        LocalDate eligibleWholeBlood,
        LocalDate registeredOn,
        LocalDate hlaTypedOn,
        LocalDate redCellTypedOn,
        LocalDate permanentlyDeferredOn,
        String reservedFor)
        implements CborSerializable {}
