package org.bloodbridge.engine.typing;

import java.util.regex.Pattern;
import org.bloodbridge.engine.InvalidField;

/** An HPA antigen such as {@code HPA-1a}: the target of a patient's HPA antibody. */
public record HpaAntigen(int system, char allele) {
    private static final Pattern NAME = Pattern.compile("HPA-[0-9]+[ab]");

    /**
     * @throws InvalidField naming {@code field} when the name is not {@code HPA-<1..35><a|b>}
     */
    public static HpaAntigen parse(String name, String field) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidField(field, "'" + name + "' is not an HPA antigen such as HPA-1a or HPA-5b");
        }
        return new HpaAntigen(HpaTyping.system(name.substring(0, name.length() - 1), field), name.charAt(name.length() - 1));
    }

    /** This antigen's system as a bit of {@link HpaTyping#carriesA()} / {@link HpaTyping#carriesB()}. */
    public long systemBit() {
        return 1L << (system - 1);
    }

    @Override
    public String toString() {
        return "HPA-" + system + allele;
    }
}
