package org.bloodbridge.engine.matching;

import static org.bloodbridge.engine.matching.Evaluation.ABO_SHIFT;
import static org.bloodbridge.engine.matching.Evaluation.HLA_C_UNTYPED;
import static org.bloodbridge.engine.matching.Evaluation.M_SHIFT;
import static org.bloodbridge.engine.matching.Evaluation.RHD_WARNING;
import static org.bloodbridge.engine.matching.Evaluation.U_SHIFT;
import static org.bloodbridge.engine.matching.Evaluation.X_SHIFT;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.Bw;
import org.bloodbridge.engine.typing.CrossReactiveGroups;
import org.bloodbridge.engine.typing.HlaAntigens;
import org.bloodbridge.engine.typing.HlaName;
import org.bloodbridge.engine.typing.HlaReference;
import org.bloodbridge.engine.typing.HlaTyping;
import org.bloodbridge.engine.typing.HpaAntigen;
import org.bloodbridge.engine.typing.HpaTyping;
import org.bloodbridge.engine.InvalidField;
import org.bloodbridge.engine.typing.Locus;
import org.bloodbridge.engine.typing.RhD;
import org.bloodbridge.engine.typing.SerologyName;
import org.bloodbridge.engine.typing.SlotTypes;

/**
 * A platelet match request compiled once into lookup tables (domain-rules.md section 4), so that
 * {@link #evaluate} grades and screens one donor with a few array reads and bit operations.
 * <p>
 * The central table has one int per {@link SlotTypes slot type}: the increment it adds to m, x or u
 * (at the bit positions of {@link Evaluation}) plus {@link #HIT} when an HLA antibody hits any of its
 * antigens. Summing the four HLA-A/-B entries gives (m, x, u) and the hit count in one int.
 * <p>
 * Antibodies given with an MFI below the exclusion cut-off (section 7) do not exclude; a second
 * table per slot type holds the summed MFI of those that hit it, so {@link #dsaMfi} is again a few
 * reads: one per slot, one for the Bw epitopes, and a correction, only when both slots of a locus are
 * hit, for an antibody hitting both (anti-B5 on a B51/B52 donor counts once).
 */
public final class PlateletRequest {
    private static final int IDENTICAL = 0;
    private static final int CROSS_REACTIVE = 1;
    private static final int MISMATCHED = 2;
    private static final int[] INCREMENT = {0, 1 << X_SHIFT, 1 << M_SHIFT};
    private static final int NOT_DETECTED = 1 << U_SHIFT;
    private static final int GRADE_MASK = (7 << M_SHIFT) | (7 << X_SHIFT) | (7 << U_SHIFT);
    /** An antibody hit; four slots can add up to 4, so the count gets three bits of its own. */
    private static final int HIT = 1 << 24;
    private static final int HIT_MASK = 7 << 24;

    private final HlaReference reference;
    private final AntibodyCutoffs cutoffs;
    private final int[] relation;
    private final List<Antibody> antibodies;
    /** The antibodies below the cut-off, their MFI, and per antibody the slot types it hits. */
    private final List<Antibody> weak;
    private final int[] weakMfi;
    private final BitSet[] weakSlots;
    /** Per slot type: the summed MFI of the below-cut-off antibodies hitting it (0 for HLA-C when none). */
    private final int[] dsaTable;
    /** Per Bw mask ({@link DonorMatchProfile#bw()}): the summed MFI of below-cut-off Bw4/Bw6 antibodies it carries. */
    private final int[] dsaBwTable = new int[4];
    private final BitSet hitAntigens = new BitSet();
    private final int[] slotTable;
    private final long antiHpaA;
    private final long antiHpaB;
    /** Per {@link DonorMatchProfile#traits()}: ABO class, RhD and HLA-C flags, and {@link #HIT} for a Bw antibody. */
    private final int[] traitTable = new int[DonorMatchProfile.TRAIT_VALUES];

    /**
     * One HLA antibody: a serological antigen (with every antigen it hits) or a Bw epitope, and its
     * MFI ({@code -1} when given by name only).
     */
    private record Antibody(String name, BitSet hits, int bw, int mfi) {}

    private PlateletRequest(HlaReference reference, CrossReactiveGroups groups, PlateletPatient patient,
                            AntibodyCutoffs cutoffs) {
        this.reference = reference;
        this.cutoffs = cutoffs;
        HlaAntigens antigens = reference.antigens();
        BitSet patientAntigens = antigenCodes(reference.interpret(patient.hla(), "patient.hla"), reference.slotTypes());
        relation = new int[antigens.count()];
        for (int code = 0; code < relation.length; code++) {
            relation[code] = relationTo(code, patientAntigens, antigens, groups);
        }
        List<Antibody> all = hlaAntibodies(patient);
        List<Antibody> excluding = new ArrayList<>();
        List<Antibody> below = new ArrayList<>();
        for (Antibody antibody : all) {
            (excludes(antibody) ? excluding : below).add(antibody);
        }
        antibodies = List.copyOf(excluding);
        weak = List.copyOf(below);
        int bw = 0;
        boolean cAntibody = false;
        for (Antibody antibody : antibodies) {
            hitAntigens.or(antibody.hits());
            bw |= antibody.bw();
            cAntibody |= antibody.hits().stream().anyMatch(code -> antigens.locus(code) == Locus.C);
        }
        slotTable = slotTable();
        weakMfi = weak.stream().mapToInt(Antibody::mfi).toArray();
        weakSlots = new BitSet[weak.size()];
        for (int i = 0; i < weakSlots.length; i++) {
            weakSlots[i] = slotsHit(weak.get(i).hits());
            for (int epitopes = 0; epitopes < dsaBwTable.length; epitopes++) {
                dsaBwTable[epitopes] += (epitopes & weak.get(i).bw()) != 0 ? weakMfi[i] : 0;
            }
        }
        dsaTable = dsaTable();
        long a = 0;
        long b = 0;
        for (int i = 0; i < patient.hpaAntibodies().size(); i++) {
            HpaAntigen antigen = HpaAntigen.parse(patient.hpaAntibodies().get(i), "patient.hpaAntibodies[" + i + "]");
            a |= antigen.allele() == 'a' ? antigen.systemBit() : 0;
            b |= antigen.allele() == 'b' ? antigen.systemBit() : 0;
        }
        antiHpaA = a;
        antiHpaB = b;
        fillTraitTable(patient, bw, cAntibody);
    }

    private void fillTraitTable(PlateletPatient patient, int antiBw, boolean cAntibody) {
        // RhD-positive (or untyped: the safe side) platelets for an RhD-negative woman are flagged.
        boolean rhdSensitive = patient.rhD() == RhD.NEG && patient.sex() == Sex.F;
        for (int traits = 0; traits < traitTable.length; traits++) {
            int abo = traits >> DonorMatchProfile.ABO_SHIFT;
            if (abo > DonorMatchProfile.ABO_UNTYPED) {
                continue; // no profile has these traits
            }
            AboClass aboClass = AboClass.of(abo == DonorMatchProfile.ABO_UNTYPED ? null : Abo.values()[abo], patient.abo());
            boolean rhdNegative = (traits & DonorMatchProfile.RHD_NEGATIVE) != 0;
            boolean cTyped = (traits & DonorMatchProfile.HLA_C_TYPED) != 0;
            traitTable[traits] = aboClass.ordinal() << ABO_SHIFT
                    | (rhdSensitive && !rhdNegative ? RHD_WARNING : 0)
                    | (cAntibody && !cTyped ? HLA_C_UNTYPED : 0)
                    | ((traits & antiBw) != 0 ? HIT : 0);
        }
    }

    /**
     * @param groups cross-reactive groups ({@link CrossReactiveGroups#imgtFamilies} by default)
     * @throws InvalidField naming the patient field at fault ({@code patient.hlaAntibodies[0]}, ...)
     */
    public static PlateletRequest compile(HlaReference reference, CrossReactiveGroups groups, PlateletPatient patient) {
        return compile(reference, groups, patient, AntibodyCutoffs.DEFAULT);
    }

    /**
     * @param cutoffs where an antibody's MFI starts to exclude, and the {@code dsaMfi} that flags a candidate
     * @throws InvalidField naming the patient field at fault ({@code patient.hlaAntibodies[0].mfi}, ...)
     */
    public static PlateletRequest compile(HlaReference reference, CrossReactiveGroups groups, PlateletPatient patient,
                                          AntibodyCutoffs cutoffs) {
        return new PlateletRequest(reference, groups, patient, cutoffs);
    }

    public AntibodyCutoffs cutoffs() {
        return cutoffs;
    }

    /** Whether some antibody is below the cut-off, so that a donor's {@link #dsaMfi} may be other than 0. */
    public boolean countsDsaMfi() {
        return weakMfi.length > 0;
    }

    /** Whether a summed donor-specific MFI flags the candidate ({@code dsaWarning}). */
    public boolean dsaWarning(int dsaMfi) {
        return dsaMfi >= cutoffs.warningMfi();
    }

    /**
     * The summed MFI of the below-cut-off antibodies whose antigen or epitope the donor carries
     * (section 7); 0 when it carries none. Meaningful for a donor {@link #evaluate} does not exclude.
     */
    public int dsaMfi(DonorMatchProfile donor) {
        return dsaMfi(donor.a1(), donor.a2(), donor.b1(), donor.b2(), donor.c1(), donor.c2(), donor.traits());
    }

    /** {@link #dsaMfi(DonorMatchProfile)} over a profile's fields; allocates nothing. */
    int dsaMfi(int a1, int a2, int b1, int b2, int c1, int c2, int traits) {
        if (weakMfi.length == 0) {
            return 0;
        }
        int[] table = dsaTable;
        int ta1 = table[a1];
        int ta2 = table[a2];
        int tb1 = table[b1];
        int tb2 = table[b2];
        int tc1 = table[c1];
        int tc2 = table[c2];
        int sum = ta1 + ta2 + tb1 + tb2 + tc1 + tc2 + dsaBwTable[traits & 3];
        // Both slots of a locus hit (rare): an antibody hitting both counts once.
        if (ta1 != 0 && ta2 != 0) {
            sum -= shared(a1, a2);
        }
        if (tb1 != 0 && tb2 != 0) {
            sum -= shared(b1, b2);
        }
        if (tc1 != 0 && tc2 != 0) {
            sum -= shared(c1, c2);
        }
        return sum;
    }

    /** The summed MFI of the below-cut-off antibodies hitting both slot types. */
    private int shared(int slot1, int slot2) {
        int sum = 0;
        for (int i = 0; i < weakSlots.length; i++) {
            sum += weakSlots[i].get(slot1) && weakSlots[i].get(slot2) ? weakMfi[i] : 0;
        }
        return sum;
    }

    /**
     * Screens and grades one donor without allocating.
     *
     * @return {@link Evaluation#EXCLUDED}, or the packed grade, ABO class and flags ({@link Evaluation})
     */
    public int evaluate(DonorMatchProfile donor) {
        return evaluate(donor.a1(), donor.a2(), donor.b1(), donor.b2(), donor.c1(), donor.c2(), donor.traits(),
                donor.hpaA(), donor.hpaB());
    }

    /** The evaluation over a profile's fields, shared by {@link DonorMatchProfile} and {@link DonorMatchPool}. */
    int evaluate(int a1, int a2, int b1, int b2, int c1, int c2, int traits, long hpaA, long hpaB) {
        int[] table = slotTable;
        int ab = table[a1] + table[a2] + table[b1] + table[b2];
        int rest = table[c1] | table[c2] | traitTable[traits];
        // An HPA antibody excludes a carrier of its antigen and a donor untyped for its system.
        long hits = (hpaA & antiHpaA) | (hpaB & antiHpaB) | ((antiHpaA | antiHpaB) & ~(hpaA | hpaB))
                | ((ab | rest) & HIT_MASK);
        int evaluation = (ab & GRADE_MASK) | (traitTable[traits] & ~HIT_MASK);
        // A select rather than an early return: whether a donor is excluded is unpredictable.
        return hits == 0 ? evaluation : Evaluation.EXCLUDED;
    }

    /**
     * The human-readable result for one donor: grade label, the donor antigens by relation, ABO
     * class, RhD warning, and why it is excluded when it is.
     */
    public PlateletMatch explain(HlaTyping donorHla, DonorMatchProfile donor) {
        int evaluation = evaluate(donor);
        if (Evaluation.excluded(evaluation)) {
            return PlateletMatch.excluded(exclusionReasons(donorHla, donor));
        }
        List<Set<String>> byRelation = List.of(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
        for (Locus locus : List.of(Locus.A, Locus.B)) {
            for (int index = 0; index < 2; index++) {
                int slot = donorHla.slot(locus, index);
                for (int code : reference.slotTypes().antigens(slot)) {
                    byRelation.get(relation[code]).add(reference.antigens().name(code));
                }
                if (reference.slotTypes().unknown(slot)) { // typed, antigen unknown: "B?"
                    byRelation.get(MISMATCHED).add(locus + "?");
                }
            }
        }
        BitSet donorAntigens = antigenCodes(donorHla, reference.slotTypes());
        List<String> dsaAntibodies = new ArrayList<>();
        for (Antibody antibody : weak) {
            if (antibody.hits().intersects(donorAntigens) || (antibody.bw() & donor.bw()) != 0) {
                dsaAntibodies.add(antibody.name());
            }
        }
        int dsaMfi = dsaMfi(donor);
        return new PlateletMatch(false, List.of(), Evaluation.grade(evaluation).label(),
                List.copyOf(byRelation.get(IDENTICAL)), List.copyOf(byRelation.get(CROSS_REACTIVE)),
                List.copyOf(byRelation.get(MISMATCHED)), Evaluation.aboClass(evaluation),
                Evaluation.rhdWarning(evaluation), Evaluation.hlaCUntyped(evaluation), dsaMfi, dsaWarning(dsaMfi),
                List.copyOf(dsaAntibodies));
    }

    private List<String> exclusionReasons(HlaTyping donorHla, DonorMatchProfile donor) {
        BitSet donorAntigens = antigenCodes(donorHla, reference.slotTypes());
        List<String> reasons = new ArrayList<>();
        for (Antibody antibody : antibodies) {
            BitSet hit = (BitSet) antibody.hits().clone();
            hit.and(donorAntigens);
            hit.stream().forEach(code -> reasons.add(
                    "HLA antibody anti-" + antibody.name() + " hits donor antigen " + reference.antigens().name(code)));
            if ((antibody.bw() & donor.bw()) != 0) {
                reasons.add("HLA antibody anti-" + antibody.name() + " hits donor epitope " + antibody.name());
            }
        }
        for (int system = 1; system <= HpaTyping.SYSTEMS; system++) {
            long bit = 1L << (system - 1);
            if (((antiHpaA | antiHpaB) & bit) != 0 && ((donor.hpaA() | donor.hpaB()) & bit) == 0) {
                reasons.add("HPA antibody against HPA-" + system + ": donor untyped for HPA-" + system);
            }
            if ((antiHpaA & donor.hpaA() & bit) != 0) {
                reasons.add("HPA antibody anti-HPA-" + system + "a: donor carries HPA-" + system + "a");
            }
            if ((antiHpaB & donor.hpaB() & bit) != 0) {
                reasons.add("HPA antibody anti-HPA-" + system + "b: donor carries HPA-" + system + "b");
            }
        }
        return List.copyOf(reasons);
    }

    /** Every antigen of a typing, ambiguous slots included. */
    private static BitSet antigenCodes(HlaTyping typing, SlotTypes types) {
        BitSet codes = new BitSet();
        for (Locus locus : Locus.values()) {
            for (int index = 0; index < 2; index++) {
                for (int code : types.antigens(typing.slot(locus, index))) {
                    codes.set(code);
                }
            }
        }
        return codes;
    }

    /** The best relation of a donor antigen to any patient antigen; mismatched when the patient has none. */
    private static int relationTo(int donor, BitSet patient, HlaAntigens antigens, CrossReactiveGroups groups) {
        int best = MISMATCHED;
        for (int p = patient.nextSetBit(0); p >= 0; p = patient.nextSetBit(p + 1)) {
            if (antigens.identical(donor, p)) {
                return IDENTICAL;
            }
            if (groups.crossReactive(donor, p)) {
                best = CROSS_REACTIVE;
            }
        }
        return best;
    }

    private boolean excludes(Antibody antibody) {
        return antibody.mfi() < 0 || antibody.mfi() >= cutoffs.excludeMfi();
    }

    private List<Antibody> hlaAntibodies(PlateletPatient patient) {
        List<String> names = patient.hlaAntibodies();
        List<Antibody> parsed = new ArrayList<>();
        long weakTotal = 0;
        for (int i = 0; i < names.size(); i++) {
            String field = "patient.hlaAntibodies[" + i + "]";
            Integer given = patient.mfi(i);
            if (given != null && given < 0) {
                throw new InvalidField(field + ".mfi", "an MFI is a whole number >= 0, not " + given);
            }
            int mfi = given == null ? -1 : given;
            weakTotal += mfi >= 0 && mfi < cutoffs.excludeMfi() ? mfi : 0;
            if (weakTotal > Integer.MAX_VALUE / 8) {
                throw new InvalidField(field + ".mfi", "the MFI of the antibodies below the exclusion cut-off add up to "
                        + "more than " + Integer.MAX_VALUE / 8);
            }
            if (names.get(i) == null) {
                throw new InvalidField(field + (given == null ? "" : ".specificity"), "an HLA antibody names its specificity");
            }
            try {
                HlaName name = HlaName.parse(names.get(i));
                if (name instanceof Bw bw) {
                    parsed.add(new Antibody(bw.toString(), new BitSet(), bw.bit(), mfi));
                } else if (name instanceof SerologyName antigen) {
                    int code = reference.antigenCode(antigen);
                    parsed.add(new Antibody(antigen.toString(), reference.antigens().hitByAntibodyAgainst(code), 0, mfi));
                } else {
                    throw new IllegalArgumentException("HLA antibodies are named by serological antigen (A2, B7, Cw1, Bw4), not by allele ("
                            + name + ")");
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidField(given == null ? field : field + ".specificity", e.getMessage());
            }
        }
        return List.copyOf(parsed);
    }

    /** The slot types with an antigen among {@code antigenCodes}. */
    private BitSet slotsHit(BitSet antigenCodes) {
        SlotTypes types = reference.slotTypes();
        BitSet slots = new BitSet();
        for (int id = 1; id < types.count(); id++) {
            for (int code : types.antigens(id)) {
                if (antigenCodes.get(code)) {
                    slots.set(id);
                    break;
                }
            }
        }
        return slots;
    }

    /** One entry per slot type: the summed MFI of the below-cut-off antibodies hitting it. */
    private int[] dsaTable() {
        int[] table = new int[reference.slotTypes().count()];
        for (int i = 0; i < weakSlots.length; i++) {
            for (int id = weakSlots[i].nextSetBit(0); id >= 0; id = weakSlots[i].nextSetBit(id + 1)) {
                table[id] += weakMfi[i];
            }
        }
        return table;
    }

    /** One entry per slot type: (m, x, u) increment for HLA-A/-B slots, plus {@link #HIT}. */
    private int[] slotTable() {
        SlotTypes types = reference.slotTypes();
        int[] table = new int[types.count()];
        table[SlotTypes.BLANK] = NOT_DETECTED;
        for (int id = 1; id < table.length; id++) {
            int worst = types.unknown(id) ? MISMATCHED : IDENTICAL;
            boolean hit = false;
            for (int code : types.antigens(id)) {
                worst = Math.max(worst, relation[code]);
                hit |= hitAntigens.get(code);
            }
            // HLA-C slots are screened for antibodies but not graded.
            int grade = types.locus(id) == Locus.C ? 0 : INCREMENT[worst];
            table[id] = grade | (hit ? HIT : 0);
        }
        return table;
    }
}
