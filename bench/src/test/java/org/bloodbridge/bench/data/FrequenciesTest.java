package org.bloodbridge.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Predicate;
import org.bloodbridge.engine.typing.HlaReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Observed shares over 50,000 donors against the configured frequencies. The tolerance is four
 * binomial standard errors of the observed sample; the seed is fixed, so the test is not flaky.
 */
class FrequenciesTest {
    private static final int DONORS = 50_000;
    private static List<SyntheticDonor> donors;
    private static List<SyntheticDonor> panel;

    @BeforeAll
    static void generate() {
        donors = Generated.donors(Generated.config(DONORS, 2026));
        panel = donors.stream().filter(SyntheticDonor::plateletTyped).toList();
    }

    @Test
    void plateletShare() {
        assertShare(FederationConfig.DEFAULT_PLATELET_SHARE, donors, SyntheticDonor::plateletTyped);
    }

    @Test
    void rhdNegativeAndAbo() {
        assertShare(HanFrequencies.RHD_NEGATIVE, donors, d -> d.rhD().equals("NEG"));
        assertShare(HanFrequencies.ABO.shareStartingWith("O"), donors, d -> d.abo().equals("O"));
        assertShare(HanFrequencies.ABO.shareStartingWith("AB"), donors, d -> d.abo().equals("AB"));
    }

    @Test
    void hlaACarrierRatesOfA2A11A24() {
        HlaReference reference = HlaReference.loadDefault();
        List<List<String>> antigens = panel.stream()
                .map(d -> reference.interpret(d.hla()).antigens().get("A")).toList();
        // A*02:03 is serologically A203, an antigen associated with A2: the A2 family is A2 plus A2nn.
        assertCarriers("A*02:", antigens, a -> a.equals("A2") || a.matches("A2\\d\\d"));
        assertCarriers("A*11:", antigens, a -> a.equals("A11"));
        assertCarriers("A*24:", antigens, a -> a.equals("A24"));
    }

    @Test
    void hpa1bAndHpa3bCarrierRates() {
        assertShare(carrier(HanFrequencies.HPA_B_ALLELE.get("HPA-1")), panel, d -> d.hpa().get("HPA-1").contains("b"));
        assertShare(carrier(HanFrequencies.HPA_B_ALLELE.get("HPA-3")), panel, d -> d.hpa().get("HPA-3").contains("b"));
    }

    @Test
    void duffyANegativeAmongRedCellTyped() {
        List<SyntheticDonor> typed = donors.stream().filter(d -> !d.redCell().isEmpty()).toList();
        assertShare(HanFrequencies.DUFFY.shareStartingWith("a-"), typed, d -> d.redCell().get("Fy(a)").equals("-"));
    }

    private static void assertCarriers(String allelePrefix, List<List<String>> antigens, Predicate<String> family) {
        double expected = carrier(HanFrequencies.HLA_A.shareStartingWith(allelePrefix));
        long observed = antigens.stream().filter(list -> list.stream().anyMatch(family)).count();
        assertWithin(expected, observed, antigens.size(), allelePrefix);
    }

    /** Hardy-Weinberg: the share of people carrying an allele of frequency q at least once. */
    private static double carrier(double q) {
        return 1 - (1 - q) * (1 - q);
    }

    /** Uneven centres (--centre-weights): CD three times CQ's size. */
    @Test
    void weightedCentreSizes() {
        var config = new FederationConfig(20_000, 7, List.of("CD", "CQ"), List.of(3.0, 1.0),
                FederationConfig.DEFAULT_PLATELET_SHARE, Generated.AS_OF);
        assertShare(0.75, Generated.donors(config), d -> d.centre().equals("CD"));
    }

    private static void assertShare(double expected, List<SyntheticDonor> sample, Predicate<SyntheticDonor> test) {
        assertWithin(expected, sample.stream().filter(test).count(), sample.size(), "share");
    }

    private static void assertWithin(double expected, long observed, int n, String what) {
        double tolerance = 4 * Math.sqrt(expected * (1 - expected) / n);
        assertEquals(expected, (double) observed / n, tolerance, what + " over " + n);
    }
}
