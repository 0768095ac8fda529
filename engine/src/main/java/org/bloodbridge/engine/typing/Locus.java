package org.bloodbridge.engine.typing;

/** The HLA class I loci that matter for platelets. */
public enum Locus {
    A("A"),
    B("B"),
    /** HLA-C antigens keep their historical serological prefix {@code Cw}. */
    C("Cw");

    private final String serologyPrefix;

    Locus(String serologyPrefix) {
        this.serologyPrefix = serologyPrefix;
    }

    /** {@code A}, {@code B} or {@code Cw}: the prefix of this locus's serological antigen names. */
    public String serologyPrefix() {
        return serologyPrefix;
    }

    /** The locus of a key such as {@code "A"}, or null for anything else. */
    public static Locus ofKey(String key) {
        for (Locus locus : values()) {
            if (locus.name().equals(key)) {
                return locus;
            }
        }
        return null;
    }
}
