package org.bloodbridge.engine.typing;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rare-phenotype pattern such as {@code RhD-}, {@code Fy(a-)}, {@code Jk(a-b-)} or {@code K+}:
 * a donor matches when every antigen the pattern names is typed with the sign it gives (an untyped
 * antigen never matches).
 *
 * @param rhD the RhD type the pattern requires, or null when it says nothing about RhD
 * @param negative red-cell antigens (bits of {@link RedCellAntigens}) that must be typed -
 * @param positive red-cell antigens that must be typed +
 */
public record RarePattern(String text, RhD rhD, long negative, long positive) {
    /** The default rare panel: RhD negative, Fy(a-), Jk(a-b-), Di(b-). */
    public static final List<String> DEFAULTS = List.of("RhD-", "Fy(a-)", "Jk(a-b-)", "Di(b-)");

    /** {@code Jk(a-b-)}: a system and the signs of several of its antigens. */
    private static final Pattern SYSTEM = Pattern.compile("([A-Za-z]+)\\(((?:[a-z0-9]+[+-])+)\\)");
    private static final Pattern ALLELE_SIGN = Pattern.compile("([a-z0-9]+)([+-])");

    /**
     * @throws IllegalArgumentException naming the pattern and the antigen that is not known
     */
    public static RarePattern parse(String text, RedCellAntigens antigens) {
        String pattern = text == null ? "" : text.strip();
        if (pattern.equals("RhD-") || pattern.equals("RhD+")) {
            return new RarePattern(pattern, pattern.endsWith("-") ? RhD.NEG : RhD.POS, 0, 0);
        }
        long negative = 0;
        long positive = 0;
        Matcher system = SYSTEM.matcher(pattern);
        if (system.matches()) {
            Matcher sign = ALLELE_SIGN.matcher(system.group(2));
            while (sign.find()) {
                long bit = bitOf(system.group(1) + "(" + sign.group(1) + ")", pattern, antigens);
                negative |= sign.group(2).equals("-") ? bit : 0;
                positive |= sign.group(2).equals("+") ? bit : 0;
            }
        } else if (pattern.length() > 1 && (pattern.endsWith("-") || pattern.endsWith("+"))) {
            long bit = bitOf(pattern.substring(0, pattern.length() - 1), pattern, antigens);
            negative = pattern.endsWith("-") ? bit : 0;
            positive = pattern.endsWith("+") ? bit : 0;
        } else {
            throw new IllegalArgumentException("rare pattern '" + pattern
                    + "' is not of the form RhD-, K-, Fy(a-) or Jk(a-b-)");
        }
        return new RarePattern(pattern, null, negative, positive);
    }

    /** Parses every pattern of an operator's list. */
    public static List<RarePattern> parseAll(List<String> patterns, RedCellAntigens antigens) {
        return patterns.stream().map(p -> parse(p, antigens)).toList();
    }

    private static long bitOf(String antigen, String pattern, RedCellAntigens antigens) {
        long bit = antigens.bit(antigen);
        if (bit == 0) {
            throw new IllegalArgumentException("rare pattern '" + pattern + "' names " + antigen
                    + ", which is not a known red-cell antigen");
        }
        return bit;
    }

    /** {@code rhD} may be null (untyped). */
    public boolean matches(RhD donorRhD, RedCellPhenotype phenotype) {
        if (this.rhD != null && this.rhD != donorRhD) {
            return false;
        }
        long typedNegative = phenotype.typed() & ~phenotype.positive();
        return (negative & ~typedNegative) == 0 && (positive & ~phenotype.positive()) == 0;
    }
}
