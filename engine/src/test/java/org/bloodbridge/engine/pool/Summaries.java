package org.bloodbridge.engine.pool;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.donor.DonorSummary;
import org.bloodbridge.engine.donor.Typing;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RarePattern;
import org.bloodbridge.engine.typing.RhD;
import org.bloodbridge.engine.typing.TypingTables;

/** Test summaries written the short way: {@code donor("d1").hla("A2 A24 B46 B60").abo("A").build()}. */
final class Summaries {
    static final TypingTables TABLES = TypingTables.load(null, RarePattern.DEFAULTS);
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final String CENTRE = "CD";

    private Summaries() {}

    static Builder donor(String donorId) {
        return new Builder(donorId);
    }

    /** HLA names with the locus taken from each name's first letter. */
    static Map<String, List<String>> hla(String names) {
        Map<String, List<String>> hla = new LinkedHashMap<>();
        for (String name : names.split(" ")) {
            if (!name.isEmpty()) {
                hla.computeIfAbsent(name.substring(0, 1), k -> new ArrayList<>()).add(name);
            }
        }
        return hla;
    }

    /** Red-cell phenotype written {@code "Fy(a)- Jk(b)+"}. */
    static Map<String, String> redCell(String phenotype) {
        Map<String, String> red = new LinkedHashMap<>();
        for (String antigen : phenotype.split(" ")) {
            if (!antigen.isEmpty()) {
                red.put(antigen.substring(0, antigen.length() - 1), antigen.substring(antigen.length() - 1));
            }
        }
        return red;
    }

    /** Defaults: seqNr 1, untyped, ABO O, RhD POS, eligible today for both, registered 2020-01-01. */
    static final class Builder {
        private final String donorId;
        private long seqNr = 1;
        private Map<String, List<String>> hla = Map.of();
        private Map<String, String> hpa = Map.of("HPA-1", "aa");
        private Map<String, String> redCell = Map.of();
        private String abo = "O";
        private String rhD = "POS";
        private LocalDate eligiblePlatelets = TODAY;
        private LocalDate eligibleWholeBlood = TODAY;
        private LocalDate registeredOn = LocalDate.of(2020, 1, 1);
        private LocalDate hlaTypedOn;
        private LocalDate redCellTypedOn;
        private LocalDate permanentlyDeferredOn;
        private String reservedFor;

        private Builder(String donorId) {
            this.donorId = donorId;
        }

        Builder seqNr(long seqNr) {
            this.seqNr = seqNr;
            return this;
        }

        /** Also sets hlaTypedOn to 2021-01-01 unless already set. */
        Builder hla(String names) {
            this.hla = Summaries.hla(names);
            this.hlaTypedOn = hlaTypedOn == null ? LocalDate.of(2021, 1, 1) : hlaTypedOn;
            return this;
        }

        Builder rawHla(Map<String, List<String>> hla) {
            this.hla = hla;
            return this;
        }

        Builder hpa(Map<String, String> hpa) {
            this.hpa = hpa;
            return this;
        }

        Builder redCell(String phenotype) {
            this.redCell = Summaries.redCell(phenotype);
            return this;
        }

        Builder rawRedCell(Map<String, String> redCell) {
            this.redCell = redCell;
            return this;
        }

        Builder abo(String abo) {
            this.abo = abo;
            return this;
        }

        Builder rhD(String rhD) {
            this.rhD = rhD;
            return this;
        }

        Builder eligiblePlatelets(LocalDate date) {
            this.eligiblePlatelets = date;
            return this;
        }

        Builder eligibleWholeBlood(LocalDate date) {
            this.eligibleWholeBlood = date;
            return this;
        }

        Builder registeredOn(LocalDate date) {
            this.registeredOn = date;
            return this;
        }

        Builder hlaTypedOn(LocalDate date) {
            this.hlaTypedOn = date;
            return this;
        }

        Builder redCellTypedOn(LocalDate date) {
            this.redCellTypedOn = date;
            return this;
        }

        Builder permanentlyDeferredOn(LocalDate date) {
            this.permanentlyDeferredOn = date;
            return this;
        }

        Builder reservedFor(String requestId) {
            this.reservedFor = requestId;
            return this;
        }

        DonorSummary build() {
            return new DonorSummary(donorId, CENTRE, seqNr, TODAY, new Typing(hla, hpa, redCell), orNull(Abo::parse, abo),
                    orNull(RhD::parse, rhD),
                    eligiblePlatelets, eligibleWholeBlood, registeredOn, hlaTypedOn, redCellTypedOn,
                    permanentlyDeferredOn, reservedFor);
        }
    }

    /**
     * ABO and RhD are types in a summary, so nonsense can no longer reach a pool index: a test's
     * nonsense ({@code "Q"}) becomes untyped, as the index and the read-side table read it.
     */
    private static <E> E orNull(java.util.function.Function<String, E> parse, String text) {
        try {
            return text == null ? null : parse.apply(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
