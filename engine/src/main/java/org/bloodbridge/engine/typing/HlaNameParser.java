package org.bloodbridge.engine.typing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The grammar behind {@link HlaName#parse}; every rejection names the part that is wrong. */
final class HlaNameParser {
    private static final Pattern SEROLOGY = Pattern.compile("(A|B|Cw)([1-9][0-9]{0,3})");
    private static final Pattern LOCUS_LIKE = Pattern.compile("[A-Z][A-Z0-9]*");
    // Compiled once: a pool rebuild parses every typed donor's names (String.matches compiles per call).
    private static final Pattern FIRST_FIELD = Pattern.compile("[0-9]{2,3}");
    private static final Pattern LATER_FIELD = Pattern.compile("[0-9]{2,4}");
    private static final Pattern BW_LIKE = Pattern.compile("Bw[0-9]+");
    private static final Pattern C_WITHOUT_W = Pattern.compile("C[0-9]+");
    private static final Pattern LEADING_ZERO = Pattern.compile("(A|B|Cw)0[0-9]*");
    private static final String SUFFIXES = "NLSCAQ";

    private HlaNameParser() {}

    static HlaName parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("empty HLA name");
        }
        String text = raw.strip();
        String name = text.startsWith("HLA-") ? text.substring(4) : text;
        int star = name.indexOf('*');
        return star >= 0 ? allele(text, name.substring(0, star), name.substring(star + 1)) : serology(text, name);
    }

    private static AlleleName allele(String text, String locusPart, String rest) {
        Locus locus = Locus.ofKey(locusPart);
        if (locus == null) {
            throw new IllegalArgumentException(LOCUS_LIKE.matcher(locusPart).matches()
                    ? "locus " + locusPart + " of " + text + " is not supported (A, B or C)"
                    : "'" + locusPart + "' before '*' in " + text + " is not an HLA locus");
        }
        String suffix = "";
        if (!rest.isEmpty() && Character.isLetter(rest.charAt(rest.length() - 1))) {
            suffix = rest.substring(rest.length() - 1);
            if (!SUFFIXES.contains(suffix)) {
                throw new IllegalArgumentException("expression suffix '" + suffix + "' of " + text
                        + " is not one of N, L, S, C, A, Q");
            }
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] fields = rest.split(":", -1);
        if (fields.length > 4) {
            throw new IllegalArgumentException(text + " has " + fields.length + " fields; an allele name has 1 to 4");
        }
        for (int i = 0; i < fields.length; i++) {
            if (!(i == 0 ? FIRST_FIELD : LATER_FIELD).matcher(fields[i]).matches()) {
                throw new IllegalArgumentException("field " + (i + 1) + " ('" + fields[i] + "') of " + text
                        + " must be 2 to " + (i == 0 ? 3 : 4) + " digits");
            }
        }
        return new AlleleName(locus, rest, suffix);
    }

    private static HlaName serology(String text, String name) {
        Bw bw = Bw.ofLabel(name);
        if (bw != null) {
            return bw;
        }
        if (BW_LIKE.matcher(name).matches()) {
            throw new IllegalArgumentException(text + " is not a public epitope (Bw4 or Bw6)");
        }
        Matcher m = SEROLOGY.matcher(name);
        if (m.matches()) {
            return new SerologyName(Locus.ofKey(m.group(1).substring(0, 1)), m.group(2));
        }
        if (C_WITHOUT_W.matcher(name).matches()) {
            throw new IllegalArgumentException("HLA-C antigens are written Cw" + name.substring(1) + ", not " + name);
        }
        if (LEADING_ZERO.matcher(name).matches()) {
            throw new IllegalArgumentException("antigen number of " + text + " must not start with 0");
        }
        throw new IllegalArgumentException("'" + text
                + "' is neither a WHO allele name (A*02:01) nor a serological antigen (A2, B46, Cw1, Bw4)");
    }
}
