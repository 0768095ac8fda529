package org.bloodbridge.engine.matching;

import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.HlaTyping;
import org.bloodbridge.engine.typing.HpaTyping;
import org.bloodbridge.engine.typing.Locus;
import org.bloodbridge.engine.typing.RhD;
import org.bloodbridge.engine.typing.SlotTypes;

/**
 * What a platelet scan needs of one donor, in primitives: built once per donor (when its typing
 * changes) and read by {@link PlateletRequest#evaluate} with a few table lookups. For a pool, keep
 * the profiles in a {@link DonorMatchPool} (or allocate them in one pass): a scan's speed depends on
 * reading them in memory order.
 *
 * @param a1 slot type ids ({@link SlotTypes}) of the HLA-A, -B, -C slots; {@link SlotTypes#BLANK} =
 *     blank or homozygous
 * @param traits the small rest in one byte, so that one table read covers it: Bw4/Bw6 mask (bits 0-1),
 *     {@link #HLA_C_TYPED}, {@link #RHD_NEGATIVE}, ABO (bits 4-6: {@link Abo} ordinal, or 4 untyped)
 * @param hpaA HPA systems whose genotype has an {@code a}; {@code hpaB} likewise for {@code b}
 */
public record DonorMatchProfile(char a1, char a2, char b1, char b2, char c1, char c2, byte traits,
                                long hpaA, long hpaB) {
    public static final int HLA_C_TYPED = 1 << 2;
    public static final int RHD_NEGATIVE = 1 << 3;
    static final int ABO_SHIFT = 4;
    static final int ABO_UNTYPED = Abo.values().length;
    /** How many distinct {@code traits} values there are: the size of a table indexed by them. */
    static final int TRAIT_VALUES = 1 << 7;

    /** {@code abo} and {@code rhD} may be null (untyped). */
    public static DonorMatchProfile of(HlaTyping hla, HpaTyping hpa, Abo abo, RhD rhD) {
        int traits = hla.bwMask()
                | (hla.typed(Locus.C) ? HLA_C_TYPED : 0)
                | (rhD == RhD.NEG ? RHD_NEGATIVE : 0)
                | (abo == null ? ABO_UNTYPED : abo.ordinal()) << ABO_SHIFT;
        return new DonorMatchProfile(slot(hla, Locus.A, 0), slot(hla, Locus.A, 1), slot(hla, Locus.B, 0),
                slot(hla, Locus.B, 1), slot(hla, Locus.C, 0), slot(hla, Locus.C, 1), (byte) traits,
                hpa.carriesA(), hpa.carriesB());
    }

    private static char slot(HlaTyping hla, Locus locus, int index) {
        int id = hla.slot(locus, index);
        if (id > Character.MAX_VALUE) {
            throw new IllegalStateException("slot type id " + id + " does not fit a char");
        }
        return (char) id;
    }

    /** The Bw4/Bw6 epitopes, as a {@link org.bloodbridge.engine.typing.Bw#bit()} mask. */
    public int bw() {
        return traits & 3;
    }

    /** The donor's ABO, or null when untyped. */
    public Abo abo() {
        int abo = traits >> ABO_SHIFT;
        return abo == ABO_UNTYPED ? null : Abo.values()[abo];
    }
}
