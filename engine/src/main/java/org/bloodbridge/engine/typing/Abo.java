package org.bloodbridge.engine.typing;

import java.util.Locale;

/** ABO blood group. Written as its upper-case name ({@code AB}); read case-insensitively ({@link #parse}). */
public enum Abo {
    O,
    A,
    B,
    AB;

    /**
     * The one way ABO is read from text (API fields, query parameters, import lines): case-insensitive,
     * surrounding blanks ignored, so {@code "ab"} is {@link #AB}.
     *
     * @throws IllegalArgumentException when {@code text} is none of O, A, B, AB (or null)
     */
    public static Abo parse(String text) {
        if (text != null) {
            String name = text.trim().toUpperCase(Locale.ROOT);
            for (Abo abo : values()) {
                if (abo.name().equals(name)) {
                    return abo;
                }
            }
        }
        throw new IllegalArgumentException("ABO must be one of O, A, B, AB");
    }
}
