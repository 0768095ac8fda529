package org.bloodbridge.engine.typing;

import org.bloodbridge.engine.InvalidField;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A donor's HPA genotypes as two bit sets over systems HPA-1 .. HPA-35 (bit n-1 for HPA-n):
 * {@code carriesA} has the bit when the genotype has an {@code a}, {@code carriesB} when it has a
 * {@code b}. A system is typed when it is in either.
 */
public record HpaTyping(long carriesA, long carriesB) {
    public static final int SYSTEMS = 35;
    // Compiled once: a pool rebuild reads every typed donor's HPA systems (String.matches compiles per call).
    private static final Pattern SYSTEM_NAME = Pattern.compile("HPA-[1-9][0-9]?");
    public static final HpaTyping UNTYPED = new HpaTyping(0, 0);

    /**
     * @param genotypes system ({@code HPA-1}) -> genotype ({@code aa}, {@code ab}, {@code bb})
     * @throws InvalidField with field {@code hpa.HPA-1} and so on
     */
    public static HpaTyping parse(Map<String, String> genotypes) {
        long a = 0;
        long b = 0;
        for (Map.Entry<String, String> entry : (genotypes == null ? Map.<String, String>of() : genotypes).entrySet()) {
            String field = "hpa." + entry.getKey();
            long bit = 1L << (system(entry.getKey(), field) - 1);
            String genotype = entry.getValue() == null ? "" : entry.getValue();
            switch (genotype) {
                case "aa" -> a |= bit;
                case "ab" -> {
                    a |= bit;
                    b |= bit;
                }
                case "bb" -> b |= bit;
                default -> throw new InvalidField(field, "HPA genotype '" + genotype + "' is not aa, ab or bb");
            }
        }
        return new HpaTyping(a, b);
    }

    /**
     * The system number of {@code HPA-n}, 1 to 35.
     *
     * @throws InvalidField naming {@code field}
     */
    static int system(String name, String field) {
        if (name != null && SYSTEM_NAME.matcher(name).matches()) {
            int system = Integer.parseInt(name.substring(4));
            if (system <= SYSTEMS) {
                return system;
            }
        }
        throw new InvalidField(field, "'" + name + "' is not an HPA system (HPA-1 .. HPA-" + SYSTEMS + ")");
    }

    public boolean typed(int system) {
        return ((carriesA | carriesB) & (1L << (system - 1))) != 0;
    }
}
