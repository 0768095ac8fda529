package org.bloodbridge.bench.data;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.HlaReference;

/**
 * Generates the donors of a synthetic federation one at a time, in a sequence fixed by the
 * {@link FederationConfig}; only the ID and DIN counters are kept, never the donors.
 */
public final class FederationGenerator {
    private static final int MIN_AGE = 18;
    private static final int MAX_AGE = 60;
    /** A first donation is allowed up to 55 (repeat donors to 60), so registration happens before 56. */
    private static final int LAST_FIRST_DONATION_AGE = 55;
    private static final int HISTORY_YEARS = 6;
    /** Age bands at the as-of date (donors skew young), in percent. */
    private static final WeightedTable AGE_BANDS = WeightedTable.of(
            "18-25", 30, "26-35", 30, "36-45", 22, "46-55", 15, "56-60", 3);
    private static final double MALE = 0.57;
    /** Apheresis donors are mostly men (women with pregnancies carry HLA antibodies, a TRALI risk). */
    private static final double MALE_IN_PLATELET_PANEL = 0.75;
    private static final double RED_CELL_TYPED = 0.25;
    private static final double WEIGHT_NOT_RECORDED = 0.01;

    private final FederationConfig config;
    private final SplittableRandom random;
    private final ResidentIdIssuer ids;
    private final HlaTyper hla;
    private final HistoryGenerator histories;
    /** Null for centres of equal size, drawn as before weights existed so that earlier files stay reproducible. */
    private final WeightedTable centreSizes;
    private long generated;

    public FederationGenerator(FederationConfig config, HlaReference reference) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        LocalDate asOf = config.asOf();
        this.ids = new ResidentIdIssuer(config.centres(), asOf.minusYears(MAX_AGE + 1).plusDays(1), asOf.minusYears(MIN_AGE));
        this.hla = new HlaTyper(reference);
        this.histories = new HistoryGenerator(config.centres(), asOf);
        this.centreSizes = config.centreWeights().isEmpty() ? null : WeightedTable.of(config.centres(), config.centreWeights());
    }

    public boolean hasNext() {
        return generated < config.donors();
    }

    public SyntheticDonor next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + config.donors() + " donors generated");
        }
        generated++;
        String centre = centreSizes == null ? config.centres().get(random.nextInt(config.centres().size()))
                : centreSizes.draw(random);
        boolean panel = random.nextDouble() < config.plateletShare();
        Sex sex = random.nextDouble() < (panel ? MALE_IN_PLATELET_PANEL : MALE) ? Sex.M : Sex.F;
        ResidentIdIssuer.Issued id = ids.issue(centre, random.nextInt(ids.districts(centre)), birthDate(), sex);
        String abo = HanFrequencies.ABO.draw(random);
        boolean rhdNegative = random.nextDouble() < HanFrequencies.RHD_NEGATIVE;
        Map<String, List<String>> hlaTyping = panel ? hla.type(random) : Map.of();
        Map<String, String> hpa = panel ? BloodGroupTyper.hpa(random) : Map.of();
        Map<String, String> redCell = random.nextDouble() < RED_CELL_TYPED
                ? BloodGroupTyper.redCell(random, rhdNegative) : Map.of();
        LocalDate registeredOn = registeredOn(id.birthDate());
        HistoryGenerator.History history = histories.generate(random, centre, registeredOn, panel);
        return new SyntheticDonor(centre, id.nationalId(), sex, id.birthDate(), weight(sex), abo,
                rhdNegative ? "NEG" : "POS", hlaTyping, hpa, redCell, registeredOn,
                history.donations(), history.testResults(), history.deferrals());
    }

    private LocalDate birthDate() {
        String[] band = AGE_BANDS.draw(random).split("-");
        int youngest = Integer.parseInt(band[0]);
        int oldest = Integer.parseInt(band[1]);
        LocalDate latest = config.asOf().minusYears(youngest);
        LocalDate earliest = config.asOf().minusYears(oldest + 1).plusDays(1);
        return earliest.plusDays(random.nextLong(ChronoUnit.DAYS.between(earliest, latest) + 1));
    }

    /** Between the 18th birthday (or six years back) and the earlier of the as-of date and the 56th birthday. */
    private LocalDate registeredOn(LocalDate birthDate) {
        LocalDate earliest = max(birthDate.plusYears(MIN_AGE), config.asOf().minusYears(HISTORY_YEARS));
        LocalDate latest = min(config.asOf(), birthDate.plusYears(LAST_FIRST_DONATION_AGE + 1).minusDays(1));
        return earliest.plusDays(random.nextLong(ChronoUnit.DAYS.between(earliest, latest) + 1));
    }

    /** Men about N(68, 9) kg, women N(56, 7), never below the donation limits (50 / 45 kg). */
    private Integer weight(Sex sex) {
        if (random.nextDouble() < WEIGHT_NOT_RECORDED) {
            return null;
        }
        double gaussian = gaussian();
        return sex == Sex.M ? Math.max(50, (int) Math.round(68 + 9 * gaussian))
                : Math.max(45, (int) Math.round(56 + 7 * gaussian));
    }

    /** Box-Muller: SplittableRandom has no nextGaussian on Java 17. */
    private double gaussian() {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
