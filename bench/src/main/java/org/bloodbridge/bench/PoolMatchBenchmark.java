package org.bloodbridge.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bloodbridge.bench.data.PoolSummaries;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.matching.PlateletCandidate;
import org.bloodbridge.engine.matching.AntibodyCutoffs;
import org.bloodbridge.engine.matching.PlateletPatient;
import org.bloodbridge.engine.matching.PlateletRequest;
import org.bloodbridge.engine.matching.RedCellCandidate;
import org.bloodbridge.engine.matching.RedCellRequest;
import org.bloodbridge.engine.pool.PoolIndex;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.CrossReactiveGroups;
import org.bloodbridge.engine.typing.RarePattern;
import org.bloodbridge.engine.typing.RhD;
import org.bloodbridge.engine.typing.TypingTables;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Match requests against one centre's {@link PoolIndex} of 125,000 synthetic donors (1,000,000
 * donors over 8 centres): about 12,500 on the PLATELET panel, 37,500 red-cell typed. Reports the
 * time per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PoolMatchBenchmark {
    static final int DONORS = 125_000;
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private PoolIndex index;
    private PlateletRequest platelets;
    private PlateletRequest plateletsWithMfi;
    private RedCellRequest redCellsCommon;
    private RedCellRequest redCellsRare;
    private RedCellRequest redCellsRhdOnly;

    @Setup
    public void setUp() {
        TypingTables tables = TypingTables.load(null, RarePattern.DEFAULTS);
        index = build(tables, "CD", DONORS, new SplittableRandom(20261125L));
        platelets = PlateletRequest.compile(tables.hla(), CrossReactiveGroups.imgtFamilies(tables.hla().antigens()),
                new PlateletPatient(Map.of("A", List.of("A2", "A11"), "B", List.of("B46", "B60")),
                        List.of("B7", "A1"), List.of("HPA-5b"), Abo.A, RhD.POS, Sex.F));
        // the same patient with a bead-test strength for every antibody, plus weak ones that count on
        // many donors (B13, B51, B62, Bw4, Cw1): dsaMfi is computed for every candidate and ranks
        plateletsWithMfi = PlateletRequest.compile(tables.hla(), CrossReactiveGroups.imgtFamilies(tables.hla().antigens()),
                new PlateletPatient(Map.of("A", List.of("A2", "A11"), "B", List.of("B46", "B60")),
                        List.of("B7", "A1", "B13", "B51", "B62", "Bw4", "Cw1"),
                        List.of(6400, 4000, 1500, 900, 1200, 700, 1800), List.of("HPA-5b"), Abo.A, RhD.POS, Sex.F),
                AntibodyCutoffs.DEFAULT);
        // anti-E and anti-Jk(b): common antibodies, long lists (E- and Jk(b)- are frequent)
        redCellsCommon = RedCellRequest.compile(Abo.O, RhD.POS, List.of("E", "Jk(b)"), List.of(), tables.redCells());
        // anti-Fy(a): Fy(a-) is rare among Han donors, a short list
        redCellsRare = RedCellRequest.compile(Abo.B, RhD.POS, List.of("Fy(a)"), List.of(), tables.redCells());
        // an RhD-negative patient with no other requirement: the RhD-negative list
        redCellsRhdOnly = RedCellRequest.compile(Abo.A, RhD.NEG, List.of(), List.of(), tables.redCells());
    }

    static PoolIndex build(TypingTables tables, String centre, int donors, SplittableRandom random) {
        PoolSummaries summaries = new PoolSummaries(tables.hla(), TODAY);
        PoolIndex index = new PoolIndex(centre, tables);
        while (index.size() < donors) {
            index.upsert(summaries.next(centre, random));
        }
        return index;
    }

    @Benchmark
    public List<PlateletCandidate> findPlatelets25() {
        return index.findPlatelets(platelets, TODAY.plusDays(2), TODAY, 25);
    }

    /** {@link #findPlatelets25} with antibodies given with an MFI, five of them below the cut-off. */
    @Benchmark
    public List<PlateletCandidate> findPlatelets25WithMfi() {
        return index.findPlatelets(plateletsWithMfi, TODAY.plusDays(2), TODAY, 25);
    }

    @Benchmark
    public List<RedCellCandidate> findRedCellsAntiEJkb() {
        return index.findRedCells(redCellsCommon, TODAY.plusDays(2), TODAY, 25);
    }

    @Benchmark
    public List<RedCellCandidate> findRedCellsAntiFya() {
        return index.findRedCells(redCellsRare, TODAY.plusDays(2), TODAY, 25);
    }

    @Benchmark
    public List<RedCellCandidate> findRedCellsRhdNegative() {
        return index.findRedCells(redCellsRhdOnly, TODAY.plusDays(2), TODAY, 25);
    }
}
