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
    private final int[] relation;
    private final List<Antibody> antibodies;
    private final BitSet hitAntigens = new BitSet();
    private final int[] slotTable;
    private final long antiHpaA;
    private final long antiHpaB;
    /** Per {@link DonorMatchProfile#traits()}: ABO class, RhD and HLA-C flags, and {@link #HIT} for a Bw antibody. */
    private final int[] traitTable = new int[DonorMatchProfile.TRAIT_VALUES];

    /** One HLA antibody: a serological antigen (with every antigen it hits) or a Bw epitope. */
    private record Antibody(String name, BitSet hits, int bw) {}

    private PlateletRequest(HlaReference reference, CrossReactiveGroups groups, PlateletPatient patient) {
        this.reference = reference;
        HlaAntigens antigens = reference.antigens();
        BitSet patientAntigens = antigenCodes(reference.interpret(patient.hla(), "patient.hla"), reference.slotTypes());
        relation = new int[antigens.count()];
        for (int code = 0; code < relation.length; code++) {
            relation[code] = relationTo(code, patientAntigens, antigens, groups);
        }
        antibodies = hlaAntibodies(patient.hlaAntibodies());
        int bw = 0;
        boolean cAntibody = false;
        for (Antibody antibody : antibodies) {
            hitAntigens.or(antibody.hits());
            bw |= antibody.bw();
            cAntibody |= antibody.hits().stream().anyMatch(code -> antigens.locus(code) == Locus.C);
        }
        slotTable = slotTable();
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
        return new PlateletRequest(reference, groups, patient);
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
        return new PlateletMatch(false, List.of(), Evaluation.grade(evaluation).label(),
                List.copyOf(byRelation.get(IDENTICAL)), List.copyOf(byRelation.get(CROSS_REACTIVE)),
                List.copyOf(byRelation.get(MISMATCHED)), Evaluation.aboClass(evaluation),
                Evaluation.rhdWarning(evaluation), Evaluation.hlaCUntyped(evaluation));
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

    private List<Antibody> hlaAntibodies(List<String> names) {
        List<Antibody> parsed = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String field = "patient.hlaAntibodies[" + i + "]";
            try {
                HlaName name = HlaName.parse(names.get(i));
                if (name instanceof Bw bw) {
                    parsed.add(new Antibody(bw.toString(), new BitSet(), bw.bit()));
                } else if (name instanceof SerologyName antigen) {
                    int code = reference.antigenCode(antigen);
                    parsed.add(new Antibody(antigen.toString(), reference.antigens().hitByAntibodyAgainst(code), 0));
                } else {
                    throw new IllegalArgumentException("HLA antibodies are named by serological antigen (A2, B7, Cw1, Bw4), not by allele ("
                            + name + ")");
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidField(field, e.getMessage());
            }
        }
        return List.copyOf(parsed);
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
