package org.bloodbridge.bench.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Phenotype and allele frequencies for a Han Chinese donor population like Sichuan / Chongqing.
 * Every figure is a rounded approximation for synthetic data, not a reference value; sources are
 * named per table. Loci are drawn independently, so haplotypes in linkage disequilibrium
 * (A*33:03-B*58:01, A*30:01-B*13:02, A*02:07-B*46:01) are under-represented.
 */
final class HanFrequencies {
    private HanFrequencies() {}

    /** ABO in percent: an approximation for Sichuan / Chongqing blood donors (B and O about equal, AB about 11%). */
    static final WeightedTable ABO = WeightedTable.of("O", 30, "A", 28, "B", 31, "AB", 11);

    /** RhD negative: about 0.3-0.4% of Han Chinese, the figure Chinese blood services commonly cite. */
    static final double RHD_NEGATIVE = 0.0035;

    /*
     * HLA allele frequencies in percent (2-field), set by hand to follow the orders and magnitudes
     * reported for Chinese Han registry donors: the CMDP Jiangsu branch (3,238 donors: A*11:01 16.5%,
     * A*24:02 15.1%, A*02:01 13.0%; B*13:02 11.6%, B*46:01 8.9%, B*58:01 7.1%), Zhou et al., PLoS ONE
     * 2015;10(9):e0139485 (169,995 China Marrow Donor Program volunteers, with South / Southwest
     * regional differences) and northern Han antigen surveys (A2, A24, A11, A30, A33 leading; B13, B62,
     * B61, B46, B35). A*11:01 and B*46:01 are set higher, as in southern and southwestern China.
     * Rounded approximations, not one survey's table; the weights are normalised and the rare
     * remainder is left out.
     */
    static final WeightedTable HLA_A = WeightedTable.of(
            "A*11:01", 24, "A*24:02", 15, "A*02:01", 11, "A*02:07", 11, "A*33:03", 8, "A*02:03", 5,
            "A*30:01", 4, "A*02:06", 3, "A*31:01", 2.5, "A*26:01", 2, "A*01:01", 1.5, "A*11:02", 1,
            "A*02:11", 1, "A*03:01", 1, "A*32:01", 1, "A*68:01", 0.5, "A*29:01", 0.5);

    static final WeightedTable HLA_B = WeightedTable.of(
            "B*46:01", 13, "B*40:01", 9, "B*58:01", 7, "B*13:01", 5, "B*15:01", 5, "B*51:01", 5,
            "B*13:02", 4, "B*15:02", 4, "B*38:02", 4, "B*54:01", 3, "B*35:01", 3, "B*44:03", 3,
            "B*40:06", 2.5, "B*40:02", 2, "B*52:01", 2, "B*55:02", 2, "B*48:01", 2, "B*39:01", 2,
            "B*27:04", 1.5, "B*07:02", 1.5, "B*37:01", 1, "B*15:11", 0.5, "B*57:01", 0.5,
            "B*56:01", 0.5, "B*67:01", 0.5, "B*35:03", 0.5, "B*18:01", 0.5, "B*08:01", 0.5);

    static final WeightedTable HLA_C = WeightedTable.of(
            "C*01:02", 18, "C*07:02", 17, "C*03:04", 9, "C*08:01", 9, "C*03:02", 7, "C*06:02", 6,
            "C*03:03", 5, "C*14:02", 4, "C*04:01", 4, "C*12:02", 3, "C*15:02", 3, "C*07:01", 2,
            "C*12:03", 2, "C*07:04", 1, "C*05:01", 1, "C*16:02", 1, "C*14:03", 1);

    /**
     * HPA b-allele frequencies from Feng et al., Transfusion Medicine 2006;16(5):369-374 (1,000 Han
     * donors, north and south China): 1b 0.0060, 2b 0.0485, 3b 0.4055, 4b 0.0045, 5b 0.0140,
     * 6b 0.0135, 15b 0.4680. Genotypes follow Hardy-Weinberg.
     */
    static final Map<String, Double> HPA_B_ALLELE = ordered(
            "HPA-1", 0.0060, "HPA-2", 0.0485, "HPA-3", 0.4055, "HPA-4", 0.0045, "HPA-5", 0.0140,
            "HPA-6", 0.0135, "HPA-15", 0.4680);

    /*
     * Red-cell phenotypes: rounded approximations of the figures usually given for Han Chinese, not
     * one survey's table: Fy(a-b+) about 0.5% (Fya dominates); Jk(a-b-) about 0.02-0.05%, more in some
     * southern populations; Jka and Jkb about equal; Di(a+) a few percent, so Di(b-) (Di(a+b-)) is
     * very rare.
     */
    static final WeightedTable DUFFY = WeightedTable.of("a+b-", 90.5, "a+b+", 9, "a-b+", 0.5);
    static final WeightedTable KIDD = WeightedTable.of("a+b-", 25, "a+b+", 50, "a-b+", 25, "a-b-", 0.03);
    static final WeightedTable DIEGO = WeightedTable.of("a-b+", 96, "a+b+", 4, "a+b-", 0.02);

    /** Rh C/c/E/e of RhD-positive Han Chinese (CCee most common, then CcEe), rounded. */
    static final WeightedTable RH_CE_D_POSITIVE = WeightedTable.of(
            "CCee", 45, "CcEe", 32, "Ccee", 9, "ccEE", 7, "ccEe", 5, "CCEe", 1, "ccee", 1);

    /** RhD-negative Han Chinese more often carry C than RhD-negative Europeans (many are DEL). */
    static final WeightedTable RH_CE_D_NEGATIVE = WeightedTable.of("ccee", 40, "Ccee", 45, "CCee", 10, "ccEe", 5);

    /*
     * Screening markers reactive at the latest donation, per donor. Order-of-magnitude figures for
     * repeat donors at Chinese blood centres, where raised ALT is the most frequent cause of discard
     * and HBsAg and syphilis the most frequent infectious markers.
     */
    static final Map<String, Double> REACTIVE = ordered(
            "HIV", 0.0001, "HBV", 0.0015, "HCV", 0.0006, "SYPHILIS", 0.0020, "ALT", 0.010);

    /** Name, value pairs in a fixed iteration order (Map.of would reorder them from run to run). */
    private static Map<String, Double> ordered(Object... nameValuePairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            map.put((String) nameValuePairs[i], ((Number) nameValuePairs[i + 1]).doubleValue());
        }
        return Collections.unmodifiableMap(map);
    }
}
