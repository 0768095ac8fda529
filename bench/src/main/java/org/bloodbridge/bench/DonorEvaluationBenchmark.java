package org.bloodbridge.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.matching.AntibodyCutoffs;
import org.bloodbridge.engine.matching.DonorMatchPool;
import org.bloodbridge.engine.matching.DonorMatchProfile;
import org.bloodbridge.engine.matching.PlateletPatient;
import org.bloodbridge.engine.matching.PlateletRequest;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.CrossReactiveGroups;
import org.bloodbridge.engine.typing.HlaReference;
import org.bloodbridge.engine.typing.HpaTyping;
import org.bloodbridge.engine.typing.RhD;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The inner loop of a platelet match: exclusions + HLA grade + ABO class of every donor of a
 * 100,000-donor pool against one compiled request. Reports donor evaluations per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DonorEvaluationBenchmark {
    private static final int DONORS = 100_000;

    /** Common antigens (alleles and serology mixed, as centres send them), weighted roughly like Han Chinese frequencies. */
    private static final Object[][] A = {{"A*11:01", 24}, {"A*02:01", 12}, {"A2", 10}, {"A*24:02", 14}, {"A24", 3},
            {"A*33:03", 9}, {"A*02:07", 5}, {"A30", 4}, {"A1", 2}, {"A26", 3}, {"A31", 2}, {"A3", 2}, {"A29", 2},
            {"A32", 1}, {"A68", 1}, {"A9", 1}};
    private static final Object[][] B = {{"B*46:01", 12}, {"B*40:01", 10}, {"B60", 2}, {"B*58:01", 7}, {"B*13:01", 5},
            {"B13", 2}, {"B*15:01", 5}, {"B62", 3}, {"B*51:01", 6}, {"B*40:02", 4}, {"B61", 2}, {"B*35:01", 4},
            {"B75", 3}, {"B*54:01", 3}, {"B*55:02", 2}, {"B*52:01", 2}, {"B48", 2}, {"B*38:02", 3}, {"B39", 2},
            {"B7", 2}, {"B27", 2}, {"B44", 3}, {"B57", 1}, {"B71", 1}, {"B*83:01", 1}, {"B*15", 1}};
    private static final Object[][] C = {{"C*01:02", 18}, {"C*07:02", 16}, {"C*03:04", 10}, {"Cw3", 3}, {"C*08:01", 10},
            {"C*03:02", 8}, {"Cw4", 5}, {"Cw6", 6}, {"C*14:02", 4}, {"C*15:02", 3}, {"C*12:02", 4}};
    private static final Object[][] ABO = {{Abo.O, 30}, {Abo.A, 28}, {Abo.B, 30}, {Abo.AB, 12}};

    private DonorMatchProfile[] scattered;
    private DonorMatchProfile[] contiguous;
    private final DonorMatchPool pool = new DonorMatchPool();
    private PlateletRequest request;
    private PlateletRequest requestWithMfi;

    @Setup
    public void setUp() {
        HlaReference reference = HlaReference.loadDefault();
        request = PlateletRequest.compile(reference, CrossReactiveGroups.imgtFamilies(reference.antigens()),
                new PlateletPatient(Map.of("A", List.of("A2", "A24"), "B", List.of("B46", "B60")),
                        List.of("B7", "B13", "A1", "Cw6"), List.of("HPA-5b"), Abo.A, RhD.NEG, Sex.F));
        // The same antibodies with a bead-test strength, plus weak ones that count on many donors.
        requestWithMfi = PlateletRequest.compile(reference, CrossReactiveGroups.imgtFamilies(reference.antigens()),
                new PlateletPatient(Map.of("A", List.of("A2", "A24"), "B", List.of("B46", "B60")),
                        List.of("B7", "B13", "A1", "Cw6", "B51", "B62", "Bw4", "A11"),
                        List.of(6400, 5000, 3000, 2500, 900, 1200, 700, 300), List.of("HPA-5b"), Abo.A, RhD.NEG, Sex.F),
                AntibodyCutoffs.DEFAULT);
        Random random = new Random(20261125L);
        scattered = new DonorMatchProfile[DONORS];
        for (int i = 0; i < DONORS; i++) {
            Map<String, List<String>> hla = new HashMap<>();
            hla.put("A", List.of(pick(A, random), pick(A, random)));
            hla.put("B", List.of(pick(B, random), pick(B, random)));
            if (random.nextInt(10) < 7) {
                hla.put("C", List.of(pick(C, random), pick(C, random)));
            }
            Map<String, String> hpa = new HashMap<>();
            if (random.nextInt(10) < 8) {
                hpa.put("HPA-1", "aa");
                hpa.put("HPA-5", random.nextInt(100) < 3 ? "ab" : "aa");
                hpa.put("HPA-15", List.of("aa", "ab", "bb").get(random.nextInt(3)));
            }
            RhD rhD = random.nextInt(1000) < 4 ? RhD.NEG : RhD.POS;
            scattered[i] = DonorMatchProfile.of(reference.interpret(hla), HpaTyping.parse(hpa), pick(ABO, random), rhD);
        }
        // A pool (re)built in one pass keeps its profiles next to each other in the heap, which the
        // scan's speed depends on; the one-by-one profiles above are interleaved with their typings.
        contiguous = new DonorMatchProfile[DONORS];
        for (int i = 0; i < DONORS; i++) {
            DonorMatchProfile d = scattered[i];
            contiguous[i] = new DonorMatchProfile(d.a1(), d.a2(), d.b1(), d.b2(), d.c1(), d.c2(), d.traits(),
                    d.hpaA(), d.hpaB());
            pool.add(d);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T pick(Object[][] weighted, Random random) {
        int total = 0;
        for (Object[] entry : weighted) {
            total += (Integer) entry[1];
        }
        int r = random.nextInt(total);
        for (Object[] entry : weighted) {
            r -= (Integer) entry[1];
            if (r < 0) {
                return (T) entry[0];
            }
        }
        throw new AssertionError();
    }

    /** One scan of a pool whose profiles lie next to each other in memory. */
    @Benchmark
    @OperationsPerInvocation(DONORS)
    public int evaluateContiguousPool() {
        return scan(contiguous);
    }

    /** The same pool with each profile allocated among the garbage of interpreting its typing. */
    @Benchmark
    @OperationsPerInvocation(DONORS)
    public int evaluateScatteredPool() {
        return scan(scattered);
    }

    /** The same pool stored in columns ({@link DonorMatchPool}): in-order reads whatever the allocation. */
    @Benchmark
    @OperationsPerInvocation(DONORS)
    public int evaluateColumnarPool() {
        PlateletRequest compiled = request;
        DonorMatchPool donors = pool;
        int sum = 0;
        for (int i = 0; i < donors.size(); i++) {
            sum += donors.evaluate(compiled, i);
        }
        return sum;
    }

    /**
     * {@link #evaluateColumnarPool} as a match scans (PoolIndex.findPlatelets): every donor evaluated,
     * and the dsaMfi of every donor not excluded, against a request with below-cut-off antibodies.
     */
    @Benchmark
    @OperationsPerInvocation(DONORS)
    public int evaluateColumnarPoolWithDsaMfi() {
        PlateletRequest compiled = requestWithMfi;
        DonorMatchPool donors = pool;
        int sum = 0;
        for (int i = 0; i < donors.size(); i++) {
            int evaluation = donors.evaluate(compiled, i);
            if (evaluation != org.bloodbridge.engine.matching.Evaluation.EXCLUDED) {
                sum += evaluation + donors.dsaMfi(compiled, i);
            }
        }
        return sum;
    }

    /** The sum keeps the JIT from discarding the evaluations. */
    private int scan(DonorMatchProfile[] donors) {
        PlateletRequest compiled = request;
        int sum = 0;
        for (DonorMatchProfile donor : donors) {
            sum += compiled.evaluate(donor);
        }
        return sum;
    }
}
