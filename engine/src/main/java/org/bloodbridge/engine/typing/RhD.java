package org.bloodbridge.engine.typing;

import java.util.Locale;

/** RhD type. Written as its upper-case name ({@code POS}); read case-insensitively ({@link #parse}). */
public enum RhD {
    POS,
    NEG;

    /**
     * The one way RhD is read from text (API fields, query parameters, import lines): case-insensitive,
     * surrounding blanks ignored, so {@code "neg"} is {@link #NEG}.
     *
     * @throws IllegalArgumentException when {@code text} is neither POS nor NEG (or null)
     */
    public static RhD parse(String text) {
        if (text != null) {
            String name = text.trim().toUpperCase(Locale.ROOT);
            for (RhD rhD : values()) {
                if (rhD.name().equals(name)) {
                    return rhD;
                }
            }
        }
        throw new IllegalArgumentException("RhD must be one of POS, NEG");
    }
}
