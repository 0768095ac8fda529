package org.bloodbridge.engine.matching;

import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.HlaTyping;
import org.bloodbridge.engine.typing.HpaTyping;
import org.bloodbridge.engine.typing.Locus;
import org.bloodbridge.engine.typing.RhD;
import org.bloodbridge.engine.typing.SlotTypes;

/**
 * What a platelet scan needs of one donor, in primitives: built once per donor (when its typing
 * changes) and read by {@link PlateletRequest#evaluate} with a few table lookups.
 *
 * @param a1 slot type ids ({@link SlotTypes}) of HLA-A, -B, -C slots; {@link SlotTypes#BLANK} = blank/homozygous
 * @param bw Bw4/Bw6 mask
 * @param flags {@link #HLA_C_TYPED} | {@link #RHD_NEGATIVE}
 * @param abo {@link Abo} ordinal, or {@link #ABO_UNTYPED}
 * @param hpaA HPA systems whose genotype has an {@code a}; {@code hpaB} likewise for {@code b}
 */
public record DonorMatchProfile(char a1, char a2, char b1, char b2, char c1, char c2,
                                byte bw, byte flags, byte abo, long hpaA, long hpaB) {
    public static final int HLA_C_TYPED = 1;
    public static final int RHD_NEGATIVE = 2;
    public static final int ABO_UNTYPED = Abo.values().length;

    /** {@code abo} and {@code rhD} may be null (untyped). */
    public static DonorMatchProfile of(HlaTyping hla, HpaTyping hpa, Abo abo, RhD rhD) {
        int flags = (hla.typed(Locus.C) ? HLA_C_TYPED : 0) | (rhD == RhD.NEG ? RHD_NEGATIVE : 0);
        return new DonorMatchProfile(slot(hla, Locus.A, 0), slot(hla, Locus.A, 1), slot(hla, Locus.B, 0),
                slot(hla, Locus.B, 1), slot(hla, Locus.C, 0), slot(hla, Locus.C, 1), (byte) hla.bwMask(),
                (byte) flags, (byte) (abo == null ? ABO_UNTYPED : abo.ordinal()), hpa.carriesA(), hpa.carriesB());
    }

    private static char slot(HlaTyping hla, Locus locus, int index) {
        int id = hla.slot(locus, index);
        if (id > Character.MAX_VALUE) {
            throw new IllegalStateException("slot type id " + id + " does not fit a char");
        }
        return (char) id;
    }
}
