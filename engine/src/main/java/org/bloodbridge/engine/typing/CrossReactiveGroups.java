package org.bloodbridge.engine.typing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Which antigens are cross-reactive. By default the IMGT broad families: antigens with the same
 * {@link HlaAntigens#familyRoot family root} (sibling splits A23/A24, an antigen and its associated
 * antigens A2/A203). An operator CREG file widens it (no authoritative machine-readable CREG table
 * exists). Its format, one group a line, {@code #} starting a comment:
 * <pre>
 * # name: antigens of the group, comma-separated
 * 1C: A1, A3, A11, A29, A30, A31, A36, A80
 * 2C: A2, A9, A23, A24, A28, A68, A69, B17, B57, B58
 * </pre>
 * Two antigens are cross-reactive when they share a family or a group. A broad and its own split
 * are identical, not cross-reactive ({@link HlaAntigens#identical}); identity takes precedence.
 */
public final class CrossReactiveGroups {
    private final BitSet[] partners;

    private CrossReactiveGroups(BitSet[] partners) {
        this.partners = partners;
    }

    /** The default: IMGT broad families only. */
    public static CrossReactiveGroups imgtFamilies(HlaAntigens antigens) {
        return widened(antigens, Map.of(), "");
    }

    /**
     * The IMGT families widened by an operator CREG file.
     *
     * @throws IllegalArgumentException for a malformed line or an antigen the reference does not know
     */
    public static CrossReactiveGroups withCregFile(HlaAntigens antigens, Path cregFile) {
        return widened(antigens, NamedGroups.parse(Resources.lines(cregFile), cregFile.toString()), cregFile.toString());
    }

    private static CrossReactiveGroups widened(HlaAntigens antigens, Map<String, List<String>> groups, String source) {
        BitSet[] partners = new BitSet[antigens.count()];
        for (int a = 0; a < partners.length; a++) {
            partners[a] = new BitSet(partners.length);
            for (int b = 0; b < partners.length; b++) {
                if (antigens.familyRoot(a) == antigens.familyRoot(b)) {
                    partners[a].set(b);
                }
            }
        }
        groups.forEach((name, members) -> {
            List<Integer> codes = new ArrayList<>();
            for (String member : members) {
                int code = antigens.code(member);
                if (code < 0) {
                    throw new IllegalArgumentException(source + ": group " + name + " names unknown antigen " + member);
                }
                codes.add(code);
            }
            codes.forEach(a -> codes.forEach(b -> partners[a].set(b)));
        });
        return new CrossReactiveGroups(partners);
    }

    /** Whether two antigens share an IMGT family or a CREG group (true for an antigen and itself). */
    public boolean crossReactive(int a, int b) {
        return partners[a].get(b);
    }
}
