package org.bloodbridge.engine.pool;

import static org.bloodbridge.engine.pool.Summaries.CENTRE;
import static org.bloodbridge.engine.pool.Summaries.TABLES;
import static org.bloodbridge.engine.pool.Summaries.TODAY;
import static org.bloodbridge.engine.pool.Summaries.donor;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bloodbridge.engine.donor.DonorSummary;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.matching.AboClass;
import org.bloodbridge.engine.matching.PlateletCandidate;
import org.bloodbridge.engine.matching.PlateletPatient;
import org.bloodbridge.engine.matching.PlateletRequest;
import org.bloodbridge.engine.matching.RedCellCandidate;
import org.bloodbridge.engine.matching.RedCellRequest;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.CrossReactiveGroups;
import org.bloodbridge.engine.typing.Panel;
import org.bloodbridge.engine.typing.RhD;
import org.junit.jupiter.api.Test;

class PoolIndexTest {
    private static final String PATIENT_HLA = "A2 A24 B46 B60";
    private static final LocalDate NEEDED_BY = TODAY.plusDays(5);

    private final PoolIndex index = new PoolIndex(CENTRE, TABLES);

    private static PlateletRequest plateletRequest(List<String> hlaAntibodies, List<String> hpaAntibodies) {
        return PlateletRequest.compile(TABLES.hla(), CrossReactiveGroups.imgtFamilies(TABLES.hla().antigens()),
                new PlateletPatient(Summaries.hla(PATIENT_HLA), hlaAntibodies, hpaAntibodies, Abo.A, RhD.POS, Sex.M));
    }

    private static RedCellRequest redCellRequest(Abo abo, RhD rhD, List<String> antibodies, List<String> negative) {
        return RedCellRequest.compile(abo, rhD, antibodies, negative, TABLES.redCells());
    }

    private List<String> plateletIds(PlateletRequest request, int limit) {
        return index.findPlatelets(request, NEEDED_BY, TODAY, limit).stream().map(PlateletCandidate::donorId).toList();
    }

    private List<String> redCellIds(RedCellRequest request) {
        return index.findRedCells(request, NEEDED_BY, TODAY, 50).stream().map(RedCellCandidate::donorId).toList();
    }

    private List<String> search(RegistryFilter filter) {
        return index.search(filter, null, 500);
    }

    @Test
    void anOlderOrEqualSeqNrIsIgnored() {
        assertTrue(index.upsert(donor("d1").seqNr(5).abo("A").build()));
        assertFalse(index.upsert(donor("d1").seqNr(3).abo("B").build()));
        assertFalse(index.upsert(donor("d1").seqNr(5).abo("B").build()));
        assertEquals(List.of("d1"), search(new RegistryFilter(null, 0, Abo.A, null, null)));
        assertTrue(index.upsert(donor("d1").seqNr(6).abo("B").build()));
        assertEquals(List.of(), search(new RegistryFilter(null, 0, Abo.A, null, null)));
        assertEquals(List.of("d1"), search(new RegistryFilter(null, 0, Abo.B, null, null)));
        assertEquals(1, index.size());
    }

    @Test
    void plateletsRankByGradeThenAboClassThenEligibleFromThenDonorId() {
        List<DonorSummary> donors = new ArrayList<>(List.of(
                donor("pC").hla("A2 A24 B46 B27").abo("A").build(),                   // C: B27 mismatched
                donor("pB").hla("A2 B46 B60").abo("A").build(),                       // B1U: A blank
                donor("pA3").hla(PATIENT_HLA).abo("O").build(),                        // A, ABO minor
                donor("pA2").hla(PATIENT_HLA).abo("A").eligiblePlatelets(TODAY.plusDays(3)).build(),
                donor("pA1").hla(PATIENT_HLA).abo("A").eligiblePlatelets(TODAY.minusDays(10)).build(),
                donor("pA0").hla(PATIENT_HLA).abo("A").build()));
        Collections.shuffle(donors, new Random(7));
        donors.forEach(index::upsert);

        PlateletRequest request = plateletRequest(List.of(), List.of());
        List<PlateletCandidate> all = index.findPlatelets(request, NEEDED_BY, TODAY, 10);
        assertEquals(List.of("pA0", "pA1", "pA2", "pA3", "pB", "pC"), all.stream().map(PlateletCandidate::donorId).toList());
        assertEquals(List.of("A", "A", "A", "A", "B1U", "C"), all.stream().map(c -> c.grade().label()).toList());
        assertEquals(AboClass.MINOR, all.get(3).aboClass());
        // eligibleFrom shown is never before today
        assertEquals(List.of(TODAY, TODAY, TODAY.plusDays(3)), all.subList(0, 3).stream().map(PlateletCandidate::eligibleFrom).toList());
        assertEquals(CENTRE, all.get(0).homeCentre());
        assertEquals(List.of("pA0", "pA1", "pA2"), plateletIds(request, 3));
        assertEquals(List.of(), plateletIds(request, 0));
    }

    @Test
    void plateletExclusions() {
        index.upsert(donor("ok").hla(PATIENT_HLA).build());
        index.upsert(donor("reserved").hla(PATIENT_HLA).reservedFor("req-1").build());
        index.upsert(donor("late").hla(PATIENT_HLA).eligiblePlatelets(NEEDED_BY.plusDays(1)).build());
        index.upsert(donor("never").hla(PATIENT_HLA).eligiblePlatelets(null).build());
        index.upsert(donor("antibody").hla("A2 A24 B46 B7").build());
        index.upsert(donor("hpaUntyped").hla(PATIENT_HLA).hpa(Map.of()).build());
        index.upsert(donor("notOnPanel").hla("A2 A24").build());
        index.upsert(donor("left").seqNr(1).hla(PATIENT_HLA).build());
        index.upsert(donor("left").seqNr(2).hla("A2 A24").build());
        index.upsert(donor("released").seqNr(1).hla(PATIENT_HLA).reservedFor("req-1").build());
        index.upsert(donor("released").seqNr(2).hla(PATIENT_HLA).build());

        assertEquals(List.of("ok", "released"), plateletIds(plateletRequest(List.of("B7"), List.of("HPA-1b")), 25));
        // without antibodies the donors they excluded come back
        assertEquals(Set.of("ok", "released", "antibody", "hpaUntyped"),
                new HashSet<>(plateletIds(plateletRequest(List.of(), List.of()), 25)));
    }

    /** What a standing request hears of one donor agrees with the full search, for every exclusion. */
    @Test
    void oneDonorQualifiesExactlyWhenTheSearchWouldFindIt() {
        index.upsert(donor("ok").hla(PATIENT_HLA).build());
        index.upsert(donor("reserved").hla(PATIENT_HLA).reservedFor("req-1").build());
        index.upsert(donor("late").hla(PATIENT_HLA).eligiblePlatelets(NEEDED_BY.plusDays(1)).build());
        index.upsert(donor("antibody").hla("A2 A24 B46 B7").build());
        index.upsert(donor("notOnPanel").hla("A2 A24").build());
        index.upsert(donor("rare").rhD("NEG").redCell("Fy(a)- Jk(b)-").build());
        index.upsert(donor("late-rare").rhD("NEG").redCell("Fy(a)- Jk(b)-").eligibleWholeBlood(NEEDED_BY.plusDays(1)).build());
        PlateletRequest platelets = plateletRequest(List.of("B7"), List.of());
        RedCellRequest redCells = redCellRequest(Abo.A, RhD.NEG, List.of("Fy(a)"), List.of());
        Set<String> foundPlatelets = new HashSet<>(plateletIds(platelets, 50));
        Set<String> foundRedCells = new HashSet<>(redCellIds(redCells));
        assertEquals(Set.of("ok"), foundPlatelets);
        assertEquals(Set.of("rare"), foundRedCells);
        for (String donorId : List.of("ok", "reserved", "late", "antibody", "notOnPanel", "rare", "late-rare", "unknown")) {
            assertEquals(foundPlatelets.contains(donorId), index.qualifiesForPlatelets(platelets, donorId, NEEDED_BY), donorId);
            assertEquals(foundRedCells.contains(donorId), index.qualifiesForRedCells(redCells, donorId, NEEDED_BY), donorId);
        }
    }

    @Test
    void panelDonorsAreThoseOnThePlateletOrRarePanelNow() {
        index.upsert(donor("platelet").hla(PATIENT_HLA).build());
        index.upsert(donor("rare").rhD("NEG").build());
        index.upsert(donor("common").redCell("Fy(a)+ Jk(b)-").build());
        index.upsert(donor("left").seqNr(1).hla(PATIENT_HLA).build());
        index.upsert(donor("left").seqNr(2).hla("A2 A24").build());
        assertEquals(Set.of("platelet", "rare"), new HashSet<>(index.panelDonors()));
    }

    @Test
    void aDonorBackOnThePanelIsListedOnce() {
        index.upsert(donor("d").seqNr(1).hla(PATIENT_HLA).build());
        index.upsert(donor("d").seqNr(2).hla("A2").build());
        index.upsert(donor("d").seqNr(3).hla(PATIENT_HLA).build());
        assertEquals(List.of("d"), plateletIds(plateletRequest(List.of(), List.of()), 25));
    }

    @Test
    void redCellsCompatibleTypedNegativeAndRanked() {
        index.upsert(donor("r1").abo("O").redCell("Fy(a)- Jk(b)-").build());
        index.upsert(donor("r2").abo("A").redCell("Fy(a)- Jk(b)-").build());
        index.upsert(donor("r3").abo("B").redCell("Fy(a)- Jk(b)-").build());              // ABO incompatible
        index.upsert(donor("r4").abo("A").redCell("Fy(a)-").build());                     // Jk(b) untyped
        index.upsert(donor("r5").abo("A").redCell("Fy(a)- Jk(b)-").eligibleWholeBlood(NEEDED_BY.plusDays(1)).build());
        index.upsert(donor("r6").abo("AB").redCell("Fy(a)- Jk(b)-").build());             // ABO incompatible
        index.upsert(donor("r7").abo("A").redCell("Fy(a)- Jk(b)-").reservedFor("req-9").build());
        index.upsert(donor("r8").abo(null).redCell("Fy(a)- Jk(b)-").build());             // ABO untyped
        // Many donors on the Fy(a)- list only, so the scan takes the shorter Jk(b)- list.
        for (int i = 0; i < 30; i++) {
            index.upsert(donor("f" + i).abo("A").redCell("Fy(a)- Jk(b)+").build());
        }
        List<RedCellCandidate> found = index.findRedCells(
                redCellRequest(Abo.A, RhD.POS, List.of("Fy(a)"), List.of("Jk(b)")), NEEDED_BY, TODAY, 10);
        assertEquals(List.of("r2", "r1"), found.stream().map(RedCellCandidate::donorId).toList());
        assertTrue(found.get(0).aboIdentical());
        assertFalse(found.get(1).aboIdentical());
        // and the other way round: the Jk(b) list is now the longer one
        for (int i = 0; i < 60; i++) {
            index.upsert(donor("g" + i).abo("A").redCell("Fy(a)+ Jk(b)-").build());
        }
        assertEquals(List.of("r2", "r1"), redCellIds(redCellRequest(Abo.A, RhD.POS, List.of("Fy(a)"), List.of("Jk(b)"))));
        // Fy(a) alone: r4 (Jk(b) untyped) now qualifies, with the 30 Fy(a)- Jk(b)+ donors
        assertEquals(3 + 30, redCellIds(redCellRequest(Abo.A, RhD.POS, List.of("Fy(a)"), List.of())).size());
    }

    @Test
    void rhdNegativePatients() {
        index.upsert(donor("n1").abo("O").rhD("NEG").redCell("Fy(a)-").build());
        index.upsert(donor("n2").abo("O").rhD("POS").redCell("Fy(a)-").build());
        index.upsert(donor("n3").abo("O").rhD(null).redCell("Fy(a)-").build());
        index.upsert(donor("n4").abo("A").rhD("NEG").build());
        assertEquals(List.of("n1"), redCellIds(redCellRequest(Abo.O, RhD.NEG, List.of("Fy(a)"), List.of())));
        assertEquals(List.of("n1", "n2", "n3"), redCellIds(redCellRequest(Abo.O, RhD.POS, List.of("Fy(a)"), List.of())));
        // no antigen named: the RhD-negative list, or nothing at all
        assertEquals(List.of("n4", "n1"), redCellIds(redCellRequest(Abo.A, RhD.NEG, List.of(), List.of())));
        assertEquals(List.of(), redCellIds(redCellRequest(Abo.A, RhD.POS, List.of(), List.of())));
        // a donor no longer RhD negative stays on the list but is not returned
        index.upsert(donor("n4").seqNr(2).abo("A").rhD("POS").build());
        assertEquals(List.of("n1"), redCellIds(redCellRequest(Abo.A, RhD.NEG, List.of(), List.of())));
    }

    @Test
    void aPhenotypeChangedToPositiveIsNotReturnedAndNeverListedTwice() {
        RedCellRequest request = redCellRequest(Abo.O, RhD.POS, List.of("K"), List.of());
        index.upsert(donor("k").seqNr(1).redCell("K-").build());
        assertEquals(List.of("k"), redCellIds(request));
        index.upsert(donor("k").seqNr(2).redCell("K+").build());
        assertEquals(List.of(), redCellIds(request));
        index.upsert(donor("k").seqNr(3).redCell("K-").build());
        assertEquals(List.of("k"), redCellIds(request));
        index.upsert(donor("k").seqNr(4).build()); // untyped now
        assertEquals(List.of(), redCellIds(request));
    }

    @Test
    void searchFilters() {
        index.upsert(donor("s1").hla(PATIENT_HLA).abo("A").build());
        index.upsert(donor("s2").abo("O").redCell("Fy(a)- Fy(b)-").build());               // RARE: Fy(a-)
        index.upsert(donor("s3").abo("O").rhD("NEG").build());                             // RARE: RhD-
        index.upsert(donor("s4").abo("B").redCell("Fy(a)- Fy(b)+").eligibleWholeBlood(TODAY.plusDays(30)).build());
        index.upsert(donor("s5").abo("O").redCell("Fy(a)+").eligiblePlatelets(null).build());

        long fyA = TABLES.redCells().bit("Fy(a)");
        long fyB = TABLES.redCells().bit("Fy(b)");
        assertEquals(List.of("s1", "s2", "s3", "s4", "s5"), search(RegistryFilter.NONE));
        assertEquals(List.of("s1"), search(new RegistryFilter(Panel.PLATELET, 0, null, null, null)));
        assertEquals(List.of("s2", "s3", "s4"), search(new RegistryFilter(Panel.RARE, 0, null, null, null)));
        assertEquals(List.of("s2", "s4"), search(new RegistryFilter(null, fyA, null, null, null)));
        assertEquals(List.of("s2"), search(new RegistryFilter(Panel.RARE, fyA | fyB, Abo.O, null, null)));
        assertEquals(List.of("s2", "s3", "s5"), search(new RegistryFilter(null, 0, Abo.O, null, null)));
        assertEquals(List.of("s1", "s2", "s3", "s5"), search(new RegistryFilter(null, 0, null, TODAY, null)));
        assertEquals(List.of("s1", "s2", "s3", "s4", "s5"),
                search(new RegistryFilter(null, 0, null, TODAY.plusDays(30), DonationType.WHOLE_BLOOD)));
        assertEquals(List.of("s1", "s2", "s3", "s4"),
                search(new RegistryFilter(null, 0, null, TODAY, DonationType.PLATELETS_APHERESIS)));
        assertEquals(List.of(), search(new RegistryFilter(null, TABLES.redCells().bit("K"), null, null, null)));
    }

    @Test
    void cursorPagingReturnsEveryMatchExactlyOnce() {
        Random random = new Random(42);
        List<String> allO = new ArrayList<>();
        for (int i = 0; i < 137; i++) {
            String id = Long.toString(random.nextLong() & Long.MAX_VALUE, 32);
            String abo = List.of("O", "A", "B", "AB").get(random.nextInt(4));
            index.upsert(donor(id).abo(abo).build());
            if (abo.equals("O")) {
                allO.add(id);
            }
        }
        Collections.sort(allO);
        RegistryFilter filter = new RegistryFilter(null, 0, Abo.O, null, null);
        List<String> paged = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            List<String> page = index.search(filter, cursor, 7);
            if (page.isEmpty()) {
                break;
            }
            assertTrue(page.size() <= 7);
            paged.addAll(page);
            cursor = page.get(page.size() - 1);
        }
        assertEquals(allO, paged);
        assertEquals(137, index.search(RegistryFilter.NONE, null, 500).size());
    }

    @Test
    void countsAsOfADate() {
        LocalDate y2020 = LocalDate.of(2020, 1, 1);
        LocalDate y2022 = LocalDate.of(2022, 1, 1);
        LocalDate y2024 = LocalDate.of(2024, 1, 1);
        index.upsert(donor("c1").registeredOn(y2020).hla(PATIENT_HLA).hlaTypedOn(y2022).build());
        index.upsert(donor("c2").registeredOn(y2022).rhD("NEG").build());                      // RARE since registration
        index.upsert(donor("c3").registeredOn(y2020).redCell("Fy(a)-").redCellTypedOn(y2024).build());
        index.upsert(donor("c4").registeredOn(y2024).permanentlyDeferredOn(y2024.plusDays(10)).build());
        index.upsert(donor("c5").registeredOn(y2020).hla("A2").hlaTypedOn(y2020).build());     // A only: no panel

        assertEquals(new PoolCounts(0, 0, 0, 0), index.countsOn(y2020.minusDays(1)));
        assertEquals(new PoolCounts(3, 0, 0, 0), index.countsOn(y2020));
        assertEquals(new PoolCounts(4, 1, 1, 0), index.countsOn(y2022));
        assertEquals(new PoolCounts(5, 1, 2, 0), index.countsOn(y2024));
        assertEquals(new PoolCounts(5, 1, 2, 1), index.countsOn(y2024.plusDays(10)));
        PoolCounts last = index.countsOn(y2024.plusDays(10));
        assertEquals(new PoolCounts(10, 2, 4, 2), last.plus(last).plus(PoolCounts.ZERO));
    }

    @Test
    void aTypingTheTablesDoNotReadDoesNotThrowAndKeepsWhatReads() {
        assertDoesNotThrow(() -> {
            // HLA-C and one red-cell antigen unreadable: A and B still put the donor on the platelet panel, K- still reads
            assertTrue(index.upsert(donor("bad1").hla(PATIENT_HLA + " Cw99").rawRedCell(Map.of("Zz(q)", "-", "K", "-")).build()));
            // everything unreadable, ABO and RhD nonsense
            assertTrue(index.upsert(donor("bad2").rawHla(Map.of("D", List.of("D1"), "A", List.of("A*99:99:99")))
                    .hpa(Map.of("HPA-99", "zz")).rawRedCell(Map.of("K", "?")).abo("Q").rhD("maybe").build()));
            // a far-away year
            assertTrue(index.upsert(donor("bad3").registeredOn(LocalDate.of(999_999, 1, 1)).build()));
        });
        assertEquals(3, index.size());
        assertEquals(List.of("bad1"), plateletIds(plateletRequest(List.of(), List.of()), 25));
        assertEquals(List.of("bad1", "bad2", "bad3"), search(RegistryFilter.NONE));
        assertEquals(List.of("bad1", "bad3"), search(new RegistryFilter(null, 0, Abo.O, null, null)));
        assertEquals(List.of("bad1"), redCellIds(redCellRequest(Abo.O, RhD.POS, List.of("K"), List.of())));
    }
}
