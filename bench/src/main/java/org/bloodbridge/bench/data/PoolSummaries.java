package org.bloodbridge.bench.data;

import java.time.LocalDate;
import java.util.Map;
import java.util.SplittableRandom;
import org.bloodbridge.engine.donor.DonorSummary;
import org.bloodbridge.engine.donor.Typing;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.HlaReference;
import org.bloodbridge.engine.typing.RhD;

/**
 * Synthetic {@link DonorSummary summaries} for pool-index benchmarks, drawn from the Han frequency
 * tables: about 10% of donors HLA (and HPA) typed, 30% red-cell typed, RhD negative 0.35%; donorIds
 * of 24 base32 characters like real ones (their size matters to memory figures).
 */
public final class PoolSummaries {
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final double HLA_TYPED = 0.10;
    private static final double RED_CELL_TYPED = 0.30;
    private static final LocalDate FIRST_REGISTRATION = LocalDate.of(2010, 1, 1);

    private final HlaTyper hlaTyper;
    private final LocalDate asOf;

    public PoolSummaries(HlaReference reference, LocalDate asOf) {
        this.hlaTyper = new HlaTyper(reference);
        this.asOf = asOf;
    }

    public DonorSummary next(String centre, SplittableRandom random) {
        int span = (int) (asOf.toEpochDay() - FIRST_REGISTRATION.toEpochDay());
        LocalDate registeredOn = FIRST_REGISTRATION.plusDays(random.nextInt(span));
        boolean hlaTyped = random.nextDouble() < HLA_TYPED;
        boolean redCellTyped = random.nextDouble() < RED_CELL_TYPED;
        boolean rhdNegative = random.nextDouble() < HanFrequencies.RHD_NEGATIVE;
        Typing typing = new Typing(hlaTyped ? hlaTyper.type(random) : Map.of(),
                hlaTyped ? BloodGroupTyper.hpa(random) : Map.of(),
                redCellTyped ? BloodGroupTyper.redCell(random, rhdNegative) : Map.of());
        boolean deferred = random.nextDouble() < 0.03;
        LocalDate eligiblePlatelets = deferred ? null : asOf.plusDays(random.nextInt(120) - 60);
        LocalDate eligibleWholeBlood = deferred ? null : asOf.plusDays(random.nextInt(360) - 180);
        return new DonorSummary(donorId(random), centre, 1 + random.nextInt(40), asOf, typing,
                Abo.parse(HanFrequencies.ABO.draw(random)), rhdNegative ? RhD.NEG : RhD.POS, eligiblePlatelets, eligibleWholeBlood,
                registeredOn, hlaTyped ? between(registeredOn, random) : null,
                redCellTyped ? between(registeredOn, random) : null,
                deferred ? between(registeredOn, random) : null,
                random.nextDouble() < 0.001 ? "req-" + random.nextInt(1000) : null);
    }

    private LocalDate between(LocalDate from, SplittableRandom random) {
        long days = asOf.toEpochDay() - from.toEpochDay();
        return from.plusDays(days <= 0 ? 0 : random.nextLong(days + 1));
    }

    private static String donorId(SplittableRandom random) {
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32[random.nextInt(BASE32.length)];
        }
        return new String(id);
    }
}
