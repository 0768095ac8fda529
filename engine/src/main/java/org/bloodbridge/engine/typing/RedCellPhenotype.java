package org.bloodbridge.engine.typing;

import org.bloodbridge.engine.InvalidField;
import java.util.Map;

/**
 * A red-cell phenotype as two bit sets over {@link RedCellAntigens}: {@code typed} (typed + or -)
 * and {@code positive} (typed +). An antigen in neither is untyped.
 */
public record RedCellPhenotype(long typed, long positive) {
    public static final RedCellPhenotype UNTYPED = new RedCellPhenotype(0, 0);

    /**
     * @param phenotype ISBT antigen name -> {@code "+"} or {@code "-"}
     * @throws InvalidField with field {@code redCell.Fy(a)} and so on
     */
    public static RedCellPhenotype parse(Map<String, String> phenotype, RedCellAntigens antigens) {
        long typed = 0;
        long positive = 0;
        for (Map.Entry<String, String> entry : (phenotype == null ? Map.<String, String>of() : phenotype).entrySet()) {
            String field = "redCell." + entry.getKey();
            long bit = antigens.requireBit(entry.getKey(), field);
            String sign = entry.getValue() == null ? "" : entry.getValue();
            switch (sign) {
                case "+" -> positive |= bit;
                case "-" -> { }
                default -> throw new InvalidField(field, "red-cell antigen is typed '+' or '-', not '" + sign + "'");
            }
            typed |= bit;
        }
        return new RedCellPhenotype(typed, positive);
    }

    /** Whether every antigen in {@code mask} is typed negative (an untyped one is not). */
    public boolean negativeForAll(long mask) {
        return (mask & ~(typed & ~positive)) == 0;
    }
}
