package org.bloodbridge.engine.typing;

import java.util.List;

/**
 * One allele line of rel_dna_ser.txt: {@code Locus*;Allele;Unambiguous;Possible;Assumed;Expert}
 * (IMGT 3.63+ add a 7th field, ignored). {@code serology} holds the values of the first non-empty
 * of the three serology fields: antigen numbers, {@code 0} (null) and {@code ?} (no equivalent).
 */
record DnaSerEntry(Locus locus, String allele, List<String> serology) {

    /**
     * @return the entry, or null for a comment or a locus other than A, B, C
     * @throws IllegalArgumentException for a line with fewer than 6 fields
     */
    static DnaSerEntry parse(String line, int lineNumber) {
        if (line.isBlank() || line.startsWith("#")) {
            return null;
        }
        String[] fields = line.split(";", -1);
        if (fields.length < 6 || !fields[0].endsWith("*")) {
            throw new IllegalArgumentException("rel_dna_ser.txt line " + lineNumber
                    + ": expected 'Locus*;Allele;Unambiguous;Possible;Assumed;Expert', got '" + line + "'");
        }
        Locus locus = Locus.ofKey(fields[0].substring(0, fields[0].length() - 1));
        if (locus == null) {
            return null;
        }
        for (int i = 2; i <= 4; i++) {
            if (!fields[i].isBlank()) {
                return new DnaSerEntry(locus, fields[1].strip(), List.of(fields[i].strip().split("/")));
            }
        }
        return new DnaSerEntry(locus, fields[1].strip(), List.of("?"));
    }

    /** The antigen numbers among the serology values (neither {@code 0} nor {@code ?}). */
    List<String> antigenNumbers() {
        return serology.stream().filter(v -> !v.equals("0") && !v.equals("?")).toList();
    }

    /** Whether a value is {@code ?}: the allele may express an antigen with no serological equivalent. */
    boolean noEquivalent() {
        return serology.contains("?");
    }
}
