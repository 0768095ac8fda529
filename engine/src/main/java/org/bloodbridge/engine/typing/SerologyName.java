package org.bloodbridge.engine.typing;

/** A serological antigen name such as {@code A2}, {@code A2403} or {@code Cw1}. */
public record SerologyName(Locus locus, String number) implements HlaName {

    @Override
    public String toString() {
        return locus.serologyPrefix() + number;
    }
}
