package org.bloodbridge.http;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bloodbridge.engine.donor.Typing;
import org.bloodbridge.engine.donor.Typing.TypingChanges;

/** Reads {@code hla}, {@code hpa} and {@code redCell} from a request, checking their shape. */
final class TypingInput {
    private static final Pattern HLA_NAME =
            Pattern.compile("(HLA-)?[ABC]\\*\\d{2,3}(:\\d{2,3}){0,3}[NLSCAQ]?|(A|B|Cw)\\d{1,4}|Bw[46]");
    private static final Pattern HPA_SYSTEM = Pattern.compile("HPA-([1-9]|[12]\\d|3[0-5])");
    private static final Pattern GENOTYPE = Pattern.compile("aa|ab|bb");

    private TypingInput() {}

    static Typing read(Fields body) {
        return new Typing(hla(body), hpa(body), redCell(body));
    }

    /** For a PATCH: only what is given. */
    static TypingChanges readChanges(Fields body) {
        return new TypingChanges(
                hla(body),
                body.has("hpa") ? hpa(body) : null,
                body.has("redCell") ? redCell(body) : null);
    }

    private static Map<String, List<String>> hla(Fields body) {
        Map<String, List<String>> hla = body.stringListMap("hla");
        hla.forEach((locus, names) -> {
            if (!List.of("A", "B", "C").contains(locus)) {
                throw ApiError.invalid("hla." + locus, "HLA locus must be A, B or C");
            }
            if (names.size() > 2) {
                throw ApiError.invalid("hla." + locus, "at most two names per locus");
            }
            for (int i = 0; i < names.size(); i++) {
                if (!HLA_NAME.matcher(names.get(i)).matches()) {
                    throw ApiError.invalid("hla." + locus + "[" + i + "]",
                            "not an HLA allele (A*02:01) or serological name (A2): " + names.get(i));
                }
            }
        });
        return hla;
    }

    private static Map<String, String> hpa(Fields body) {
        Map<String, String> hpa = body.stringMap("hpa");
        hpa.forEach((system, genotype) -> {
            if (!HPA_SYSTEM.matcher(system).matches()) {
                throw ApiError.invalid("hpa." + system, "HPA system must be HPA-1 .. HPA-35");
            }
            if (!GENOTYPE.matcher(genotype).matches()) {
                throw ApiError.invalid("hpa." + system, "HPA genotype must be aa, ab or bb");
            }
        });
        return hpa;
    }

    private static Map<String, String> redCell(Fields body) {
        Map<String, String> redCell = body.stringMap("redCell");
        redCell.forEach((antigen, result) -> {
            if (!result.equals("+") && !result.equals("-")) {
                throw ApiError.invalid("redCell." + antigen, "a red-cell antigen is typed + or -");
            }
        });
        return redCell;
    }
}
